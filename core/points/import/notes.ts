/**
 * What the import tells an operator about the file: a problem (the row is refused and nothing is
 * written) or a warning (imported, but worth a look). Messages are plain Italian.
 */
export interface ImportNote {
  /** Line of the file (the header is line 1); null for the file as a whole. */
  line: number | null;
  /** The column concerned, as written in the header; null when the note is about the whole row. */
  column: string | null;
  message: string;
}

/** "riga 7, colonna cap: il CAP 1012 non è valido (servono 5 cifre)". */
export function formatNote(note: ImportNote): string {
  const where = [
    note.line === null ? null : `riga ${note.line}`,
    note.column === null ? null : `colonna ${note.column}`,
  ]
    .filter((part) => part !== null)
    .join(", ");
  return where === "" ? note.message : `${where}: ${note.message}`;
}

/** Sorts notes by line (file-wide notes first), keeping their order within a line. */
export function sortNotes(notes: readonly ImportNote[]): ImportNote[] {
  return [...notes].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
}

/** Longest piece of a cell quoted back in a message: hostile or huge cells are never echoed whole. */
const MAX_SHOWN = 40;

/** A cell value as quoted in a message: one line, at most 40 characters. */
export function shown(value: string): string {
  const oneLine = value.replace(/\p{Cc}+/gu, " ");
  return oneLine.length <= MAX_SHOWN ? oneLine : `${oneLine.slice(0, MAX_SHOWN - 1)}…`;
}
