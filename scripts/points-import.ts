/**
 * `npm run points:import -- <file.csv> [--dry-run]`: imports points, their sites and weekly hours
 * from a CSV (format: docs/points-csv.md). The whole file is checked first; if any row is wrong
 * nothing is written and the exit code is 1. With --dry-run it reports what it would create or
 * update, and writes nothing. Exit codes: 0 done, 1 file refused or database error, 2 bad usage.
 */
import { readFile, stat } from "node:fs/promises";
import { type Config, loadConfig } from "../app/config.js";
import { writeImportedPoints } from "../app/db/points-import-writer.js";
import { LIMITS } from "../core/points/import/columns.js";
import { tooBigMessage } from "../core/points/import/csv-table.js";
import { type PointsCsvResult, parsePointsCsv } from "../core/points/import/parse-points.js";
import { formatImportReport } from "../core/points/import/report.js";
import { type CliOutput, describeDatabase, runAsCommand, withCliDatabase } from "./cli-support.js";

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
  const files = args.filter((a) => !a.startsWith("--"));
  const options = args.filter((a) => a.startsWith("--"));
  if (options.includes("--help")) {
    output.out(USAGE);
    return 0;
  }
  const unknown = options.filter((o) => o !== "--dry-run");
  if (unknown.length > 0 || files.length !== 1) {
    output.err(
      `${unknown.length > 0 ? `Opzione sconosciuta: ${unknown.join(" ")}` : files.length === 0 ? "Manca il file da importare." : "Indica un solo file."}\n\n${USAGE}`,
    );
    return 2;
  }
  const file = files[0] ?? "";
  const dryRun = options.includes("--dry-run");

  let parsed: PointsCsvResult;
  try {
    const info = await stat(file);
    if (!info.isFile()) throw Object.assign(new Error("not a file"), { code: "EISDIR" });
    parsed =
      info.size > LIMITS.maxFileBytes
        ? {
            ok: false,
            problems: [{ line: null, column: null, message: tooBigMessage(info.size) }],
            rows: 0,
            warnings: [],
          }
        : parsePointsCsv(await readFile(file));
  } catch (error) {
    const code = (error as { code?: string }).code;
    output.err(
      code === "ENOENT" ? `File non trovato: ${file}\n` : `Non riesco a leggere ${file} (${code ?? String(error)})\n`,
    );
    return 2;
  }
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
