/** The export's files in a folder on disk, written as streams (never held whole in memory). */
import { createWriteStream, mkdirSync } from "node:fs";
import { join } from "node:path";
import type { ExportSink } from "./csv-output.js";

/**
 * Files go into `directory` (created if missing). By default an existing file is never
 * overwritten: the export fails instead, so an earlier export is not lost by mistake.
 */
export function directorySink(directory: string, options: { overwrite?: boolean } = {}): ExportSink {
  mkdirSync(directory, { recursive: true });
  return {
    create(fileName) {
      if (!/^[A-Za-z0-9._-]+$/.test(fileName) || fileName.startsWith(".")) {
        throw new Error(`not a plain file name: ${fileName.slice(0, 80)}`);
      }
      return createWriteStream(join(directory, fileName), { flags: options.overwrite ? "w" : "wx" });
    },
  };
}
