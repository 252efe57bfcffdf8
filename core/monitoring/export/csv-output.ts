/**
 * One CSV file written row by row through csv-stringify, with back-pressure: a row waits while the
 * destination is busy, so memory stays flat however many rows go through.
 */
import { once } from "node:events";
import type { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { stringify } from "csv-stringify";

/** Where export files go: a directory (`directorySink`) or, in tests, memory. */
export interface ExportSink {
  /** A new, empty file; the writer ends the stream. */
  create(fileName: string): Writable;
}

export interface CsvOutput {
  readonly name: string;
  write(cells: readonly string[]): Promise<void>;
  /** Flushes and closes the file; resolves once it is fully written. */
  end(): Promise<void>;
  /** Stops at once after an error elsewhere (the file is left incomplete). */
  abort(error: Error): void;
}

export interface CsvOutputOptions {
  /** Prefix cells that a spreadsheet would run as a formula (= + - @): for files people open in Excel. */
  escapeFormulas?: boolean;
}

export function openCsvOutput(
  sink: ExportSink,
  name: string,
  header: readonly string[],
  options: CsvOutputOptions = {},
): CsvOutput {
  const stringifier = stringify({
    delimiter: ",",
    quote: '"',
    record_delimiter: "\r\n",
    escape_formulas: options.escapeFormulas ?? false,
  });
  const finished = pipeline(stringifier, sink.create(name));
  // Awaited in write() and end(); this keeps an early failure from being reported as unhandled.
  finished.catch(() => {});
  const write = async (cells: readonly string[]) => {
    if (!stringifier.write(cells)) await Promise.race([once(stringifier, "drain"), finished]);
  };
  // The header is the first record, as the platform expects.
  const headerWritten = write(header);
  return {
    name,
    async write(cells) {
      await headerWritten;
      await write(cells);
    },
    async end() {
      await headerWritten;
      stringifier.end();
      await finished;
    },
    abort(error) {
      stringifier.destroy(error);
    },
  };
}
