/**
 * Reads the CSV bytes into a header and rows, with the line each row starts on. Accepts what
 * Italian Excel exports: UTF-8 with or without BOM (Windows-1252 is read with a warning), ";" or ","
 * as delimiter, quoted cells, CRLF or LF line ends. Refuses files over the size and row limits
 * before doing any work on the rows.
 */
import { type CsvError, parse } from "csv-parse/sync";
import { distance } from "fastest-levenshtein";
import { COLUMNS, columnByHeader, headerKey, LIMITS } from "./columns.js";
import type { ImportNote } from "./notes.js";
import { shown } from "./notes.js";

export type Delimiter = ";" | "," | "\t";
export type Encoding = "utf-8" | "windows-1252";

export interface CsvRow {
  /** Line of the file where the row starts (the header is line 1). */
  line: number;
  /** Cells by column name as the documentation spells it ("cap", "LUN_1"); absent columns are "". */
  cells: Readonly<Record<string, string>>;
}

export type CsvTable =
  | {
      ok: true;
      /** The recognised columns, with the names the documentation uses. */
      columns: string[];
      rows: CsvRow[];
      delimiter: Delimiter;
      encoding: Encoding;
      warnings: ImportNote[];
    }
  | { ok: false; problems: ImportNote[] };

const fileProblem = (message: string, line: number | null = null, column: string | null = null): CsvTable => ({
  ok: false,
  problems: [{ line, column, message }],
});

function decode(input: string | Uint8Array): { text: string; encoding: Encoding } | { tooBig: number } {
  if (typeof input === "string") {
    // A character takes at least one byte: cheap check first, exact count only when it can matter.
    if (input.length > LIMITS.maxFileBytes) return { tooBig: input.length };
    const bytes = new TextEncoder().encode(input).length;
    if (bytes > LIMITS.maxFileBytes) return { tooBig: bytes };
    return { text: input.replace(/^\uFEFF/, ""), encoding: "utf-8" };
  }
  if (input.byteLength > LIMITS.maxFileBytes) return { tooBig: input.byteLength };
  try {
    // Strips a UTF-8 BOM.
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(input), encoding: "utf-8" };
  } catch {
    // Excel's plain "CSV" on Windows writes Windows-1252, where every byte is some character.
    return { text: new TextDecoder("windows-1252").decode(input), encoding: "windows-1252" };
  }
}

/** The delimiter that occurs most often in the header line (the first non-blank one), outside quotes. */
function detectDelimiter(text: string): Delimiter | null {
  const counts = { ";": 0, ",": 0, "\t": 0 };
  let quoted = false;
  for (const char of text.replace(/^(?:[ \t]*(?:\r\n|\r|\n))+/, "")) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === "\n" || char === "\r")) break;
    else if (!quoted && (char === ";" || char === "," || char === "\t")) counts[char] += 1;
  }
  const best = (Object.entries(counts) as Array<[Delimiter, number]>).sort((a, b) => b[1] - a[1])[0];
  return best && best[1] > 0 ? best[0] : null;
}

function csvErrorMessage(error: CsvError): string {
  switch (error.code) {
    case "CSV_QUOTE_NOT_CLOSED":
      return "virgolette aperte e mai chiuse: controlla le virgolette di questa riga";
    case "INVALID_OPENING_QUOTE":
    case "CSV_INVALID_CLOSING_QUOTE":
      return 'virgolette nel mezzo di una cella: racchiudi tutta la cella tra virgolette e raddoppia quelle interne ("")';
    case "CSV_MAX_RECORD_SIZE":
      return `la riga è troppo lunga (oltre ${LIMITS.maxRecordChars.toLocaleString("it-IT")} caratteri)`;
    default:
      return `il file non è un CSV leggibile (${error.code})`;
  }
}

function suggestColumn(name: string): string | undefined {
  const key = headerKey(name);
  let best: { name: string; edits: number } | undefined;
  for (const column of COLUMNS) {
    const edits = distance(key, headerKey(column.name));
    if (edits <= 3 && (best === undefined || edits < best.edits)) best = { name: column.name, edits };
  }
  return best?.name;
}

/** The refusal of a file of `bytes` bytes, over the limit. */
export function tooBigMessage(bytes: number): string {
  const mb = (n: number, digits: number) =>
    (n / 1024 / 1024).toLocaleString("it-IT", { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return `il file è troppo grande: pesa ${mb(bytes, 2)} MB, oltre il massimo di ${mb(LIMITS.maxFileBytes, 0)} MB; dividilo in più file`;
}

export function readCsvTable(input: string | Uint8Array): CsvTable {
  const decoded = decode(input);
  if ("tooBig" in decoded) return fileProblem(tooBigMessage(decoded.tooBig));
  const { text, encoding } = decoded;
  if (text.trim() === "") return fileProblem("il file è vuoto");
  const delimiter = detectDelimiter(text);
  if (delimiter === null) {
    return fileProblem(
      "non trovo il separatore delle colonne nella prima riga: usa il punto e virgola (;) o la virgola (,)",
      1,
    );
  }

  let records: Array<{ record: string[]; raw: string }>;
  try {
    records = parse(text, {
      delimiter,
      bom: true,
      raw: true,
      relax_column_count: true,
      skip_empty_lines: false,
      max_record_size: LIMITS.maxRecordChars,
      // Header, the allowed rows, and one more to notice a file that has too many.
      to: LIMITS.maxRows + 2,
    }) as unknown as Array<{ record: string[]; raw: string }>;
  } catch (error) {
    const csvError = error as CsvError;
    return fileProblem(csvErrorMessage(csvError), typeof csvError.lines === "number" ? csvError.lines : null);
  }

  // Line where each record starts. A record's raw text holds the line breaks inside its quoted
  // cells and the first character of its own line end ("\r" of CRLF, or "\n"), so counting its
  // line breaks (CRLF as one) gives the lines it takes.
  let nextLine = 1;
  const lined = records.map(({ record, raw }) => {
    const line = nextLine;
    nextLine += raw.match(/\r\n|\r|\n/g)?.length ?? 0;
    return { line, record };
  });
  const nonEmpty = lined.filter(({ record }) => record.some((cell) => cell.trim() !== ""));
  const [headerRecord, ...dataRecords] = nonEmpty;
  if (!headerRecord) return fileProblem("il file è vuoto");
  if (dataRecords.length > LIMITS.maxRows || records.length > LIMITS.maxRows + 1) {
    return fileProblem(`il file ha più di ${LIMITS.maxRows.toLocaleString("it-IT")} righe: dividilo in più file`);
  }

  const problems: ImportNote[] = [];
  const header = headerRecord.record.map((cell) => cell.trim());
  const columnAt: Array<string | null> = [];
  const seen = new Map<string, number>();
  header.forEach((name, index) => {
    const spec = name === "" ? undefined : columnByHeader(name);
    if (name === "") {
      problems.push({ line: headerRecord.line, column: null, message: `la colonna ${index + 1} non ha nome` });
    } else if (!spec) {
      const suggestion = suggestColumn(name);
      problems.push({
        line: headerRecord.line,
        column: shown(name),
        message: `colonna sconosciuta${suggestion ? `: forse "${suggestion}"?` : ""} (l'elenco delle colonne è in docs/points-csv.md)`,
      });
    } else if (seen.has(spec.name)) {
      problems.push({
        line: headerRecord.line,
        column: spec.name,
        message: "la colonna compare due volte nell'intestazione",
      });
    } else {
      seen.set(spec.name, index);
    }
    columnAt.push(spec && seen.get(spec.name) === index ? spec.name : null);
  });
  for (const column of COLUMNS) {
    if (column.inHeader && !seen.has(column.name)) {
      problems.push({
        line: headerRecord.line,
        column: column.name,
        message: "colonna obbligatoria mancante nell'intestazione",
      });
    }
  }
  if (problems.length > 0) return { ok: false, problems };

  const rows: CsvRow[] = [];
  for (const { line, record } of dataRecords) {
    if (record.length !== header.length) {
      problems.push({
        line,
        column: null,
        message: `la riga ha ${record.length} celle ma l'intestazione ha ${header.length} colonne: controlla i separatori (${delimiter === "\t" ? "tabulazione" : delimiter}) e le virgolette`,
      });
      continue;
    }
    const cells: Record<string, string> = {};
    for (const column of COLUMNS) cells[column.name] = "";
    record.forEach((cell, index) => {
      const name = columnAt[index];
      if (name) cells[name] = cell;
    });
    rows.push({ line, cells });
  }
  if (problems.length > 0) return { ok: false, problems };
  if (rows.length === 0) return fileProblem("il file ha solo l'intestazione: nessun punto da importare");

  const warnings: ImportNote[] =
    encoding === "windows-1252"
      ? [
          {
            line: null,
            column: null,
            message:
              "il file non è in UTF-8: l'ho letto come Windows-1252 (il CSV normale di Excel); controlla le lettere accentate qui sotto, oppure salva come «CSV UTF-8»",
          },
        ]
      : [];
  return { ok: true, columns: columnAt.filter((c): c is string => c !== null), rows, delimiter, encoding, warnings };
}
