/**
 * Streams service records into the national platform's bulk-upload files (facilita-csv.md):
 *
 * - one set of files per programme (RFD, SCD: the platform never mixes them; each is uploaded
 *   under its own programme), at most 9,000 rows each, numbered: facilita-RFD-001.csv, -002…;
 * - a refusal report (facilita-scarti.csv) with one line per problem of each record that cannot be
 *   exported: what is wrong and what to do, never the citizen's identifiers;
 * - rows are read one at a time from an async iterable and written with back-pressure, so memory
 *   does not grow with the number of rows.
 *
 * Rows must come ordered by service date (part B's query does ORDER BY): the same citizen twice for
 * the same service (same point, day and service type) is refused the second time, as the platform
 * would, and that check keeps only one day's keys in memory. A date going backwards is a bug
 * upstream and stops the export.
 */
import { SportelloError } from "../../errors.js";
import { FACILITA_COLUMNS, MAX_ROWS_PER_FILE } from "./columns.js";
import { type CsvOutput, type ExportSink, openCsvOutput } from "./csv-output.js";
import type { ExportRow, Programme } from "./export-row.js";
import { type ExportRules, toPlatformRow } from "./platform-record.js";
import { type Refusal, type RefusalReason, refusals } from "./refusals.js";

export interface ExportFile {
  name: string;
  programme: Programme;
  rows: number;
}

export interface ExportOptions extends ExportRules {
  /** Default and maximum 9,000 (the platform's limit); smaller only for tests. */
  maxRowsPerFile?: number;
  /** File names start with this; default "facilita". */
  filePrefix?: string;
  /**
   * Called when a file is complete on the sink, with the ids of the records in it: the place to
   * mark them exported (so a crash half-way never marks records whose file was not written).
   */
  onFileWritten?: (file: ExportFile, recordIds: readonly string[]) => Promise<void> | void;
}

export interface ExportSummary {
  /** Records read. */
  read: number;
  exported: number;
  refused: number;
  files: ExportFile[];
  /** Refused records by their first reason. */
  byReason: Partial<Record<RefusalReason, number>>;
  refusalFile: string | null;
}

export const REFUSAL_COLUMNS = [
  "ID servizio",
  "Data",
  "Punto",
  "Facilitatore",
  "Programma",
  "Motivo",
  "Campo",
  "Problema",
  "Cosa fare",
] as const;

interface OpenBatch {
  output: CsvOutput;
  file: ExportFile;
  recordIds: string[];
}

export async function writeFacilitaExport(
  rows: AsyncIterable<ExportRow> | Iterable<ExportRow>,
  sink: ExportSink,
  options: ExportOptions,
): Promise<ExportSummary> {
  const maxRows = options.maxRowsPerFile ?? MAX_ROWS_PER_FILE;
  if (!Number.isInteger(maxRows) || maxRows < 1 || maxRows > MAX_ROWS_PER_FILE) {
    throw new Error(`maxRowsPerFile must be 1-${MAX_ROWS_PER_FILE}`);
  }
  const prefix = options.filePrefix ?? "facilita";
  const summary: ExportSummary = { read: 0, exported: 0, refused: 0, files: [], byReason: {}, refusalFile: null };
  const batches = new Map<Programme, OpenBatch>();
  const fileCount = new Map<Programme, number>();
  let refusalOutput: CsvOutput | null = null;
  let currentDate: string | null = null;
  let seenToday = new Set<string>();

  const closeBatch = async (programme: Programme) => {
    const batch = batches.get(programme);
    if (!batch) return;
    batches.delete(programme);
    await batch.output.end();
    summary.files.push(batch.file);
    await options.onFileWritten?.(batch.file, batch.recordIds);
  };

  const refuse = async (row: ExportRow, list: readonly Refusal[]) => {
    summary.refused += 1;
    const first = list[0]?.reason;
    if (first) summary.byReason[first] = (summary.byReason[first] ?? 0) + 1;
    if (refusalOutput === null) {
      summary.refusalFile = `${prefix}-scarti.csv`;
      refusalOutput = openCsvOutput(sink, summary.refusalFile, REFUSAL_COLUMNS, { escapeFormulas: true });
    }
    for (const refusal of list) {
      await refusalOutput.write([
        row.record.id,
        row.record.date,
        row.point.name,
        row.facilitator.name,
        row.record.programme,
        refusal.reason,
        refusal.column ?? "",
        refusal.problem,
        refusal.action,
      ]);
    }
  };

  try {
    for await (const row of rows) {
      summary.read += 1;
      const date = row.record.date;
      if (currentDate !== null && date < currentDate) {
        throw new SportelloError({
          code: "internal",
          message: "export rows must come ordered by service date",
          userMessage: "L'esportazione si è fermata per un errore interno. Avvisa chi gestisce il servizio.",
        });
      }
      if (date !== currentDate) {
        currentDate = date;
        seenToday = new Set();
      }

      const result = toPlatformRow(row, options);
      if (!result.ok) {
        await refuse(row, result.refusals);
        continue;
      }
      if (seenToday.has(result.duplicateKey)) {
        await refuse(row, [refusals.duplicate()]);
        continue;
      }
      seenToday.add(result.duplicateKey);

      const programme = row.record.programme;
      let batch = batches.get(programme);
      if (batch && batch.file.rows >= maxRows) {
        await closeBatch(programme);
        batch = undefined;
      }
      if (!batch) {
        const number = (fileCount.get(programme) ?? 0) + 1;
        fileCount.set(programme, number);
        const name = `${prefix}-${programme}-${String(number).padStart(3, "0")}.csv`;
        batch = {
          output: openCsvOutput(sink, name, FACILITA_COLUMNS),
          file: { name, programme, rows: 0 },
          recordIds: [],
        };
        batches.set(programme, batch);
      }
      await batch.output.write(result.cells);
      batch.file.rows += 1;
      batch.recordIds.push(row.record.id);
      summary.exported += 1;
    }
    for (const programme of [...batches.keys()]) await closeBatch(programme);
    if (refusalOutput !== null) await (refusalOutput as CsvOutput).end();
  } catch (error) {
    const reason = error instanceof Error ? error : new Error(String(error));
    for (const batch of batches.values()) batch.output.abort(reason);
    (refusalOutput as CsvOutput | null)?.abort(reason);
    throw error;
  }
  summary.files.sort((a, b) => a.name.localeCompare(b.name));
  return summary;
}
