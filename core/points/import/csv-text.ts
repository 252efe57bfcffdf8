/** Writes rows as CSV text the way spreadsheets do: cells quoted only when they need it. */

export interface CsvTextOptions {
  delimiter?: ";" | "," | "\t";
  lineEnd?: "\n" | "\r\n";
  bom?: boolean;
}

function quote(cell: string, delimiter: string): string {
  return cell.includes(delimiter) || /["\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** `header` names the columns; each row gives cells by column name (missing ones are empty). */
export function toCsvText(
  header: readonly string[],
  rows: ReadonlyArray<Readonly<Record<string, string | undefined>>>,
  options: CsvTextOptions = {},
): string {
  const delimiter = options.delimiter ?? ";";
  const lineEnd = options.lineEnd ?? "\r\n";
  const lines = [header, ...rows.map((row) => header.map((column) => row[column] ?? ""))].map((cells) =>
    cells.map((cell) => quote(cell, delimiter)).join(delimiter),
  );
  return `${options.bom ? "\uFEFF" : ""}${lines.join(lineEnd)}${lineEnd}`;
}
