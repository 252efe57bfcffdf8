/**
 * `npm run points:import -- <file.csv> [--dry-run]`: imports points, their sites and weekly hours
 * from a CSV (format: docs/points-csv.md). The whole file is checked first; if any row is wrong
 * nothing is written and the exit code is 1. With --dry-run it reports what it would create or
 * update, and writes nothing. Exit codes: 0 done, 1 file refused or database error, 2 bad usage.
 */
import { type Config, loadConfig } from "../app/config.js";
import { writeImportedPoints } from "../app/db/points-import-writer.js";
import { LIMITS } from "../core/points/import/columns.js";
import { tooBigMessage } from "../core/points/import/csv-table.js";
import { type PointsCsvResult, parsePointsCsv } from "../core/points/import/parse-points.js";
import { formatImportReport } from "../core/points/import/report.js";
import { type CliOutput, describeDatabase, runAsCommand, withCliDatabase } from "./cli-support.js";
import { readImportFile } from "./import-file-args.js";

export type { CliOutput };

const USAGE = `Uso: npm run points:import -- <file.csv> [--dry-run]

Importa i punti di facilitazione, le loro sedi e gli orari da un file CSV
(formato descritto in docs/points-csv.md; esempio in docs/examples/points.csv).

  --dry-run   controlla il file e mostra cosa cambierebbe, senza scrivere nulla
  --help      mostra questo aiuto

Se anche una sola riga è sbagliata non viene scritto nulla.
Codici di uscita: 0 fatto, 1 file rifiutato o errore del database, 2 uso sbagliato.
`;

export async function runPointsImport(
  args: readonly string[],
  output: CliOutput,
  config: () => Config = () => loadConfig(),
): Promise<number> {
  const input = await readImportFile(args, output, USAGE, LIMITS.maxFileBytes);
  if (typeof input === "number") return input;
  const { file, dryRun } = input;
  const parsed: PointsCsvResult =
    "tooBig" in input
      ? {
          ok: false,
          problems: [{ line: null, column: null, message: tooBigMessage(input.tooBig) }],
          rows: 0,
          warnings: [],
        }
      : parsePointsCsv(input.content);
  if (!parsed.ok) {
    // Refused before touching the database.
    output.out(formatImportReport({ source: file, dryRun, parsed }));
    return 1;
  }

  const settings = config();
  return withCliDatabase(settings, output, "Errore del database, nessuna modifica scritta", async (db, database) => {
    output.out(`Database: ${describeDatabase(database.url, database.kind)}\n`);
    const outcome = await writeImportedPoints(db, parsed.points, { dryRun, timeZone: settings.timeZone });
    output.out(formatImportReport({ source: file, dryRun, parsed, outcome }));
    return outcome.problems.length > 0 ? 1 : 0;
  });
}

await runAsCommand(import.meta.url, runPointsImport);
