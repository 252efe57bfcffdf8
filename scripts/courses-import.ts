/**
 * `npm run courses:import -- <file.csv> [--dry-run]`: publishes group micro-courses and their
 * sessions from a CSV (format: docs/courses-csv.md). The whole file is checked, then written in one
 * transaction; if any row is wrong nothing is written and the exit code is 1. A session moved or
 * cancelled tells everyone enrolled. --dry-run runs every check and reports, writing nothing.
 * Exit codes: 0 done, 1 file refused or database error, 2 bad usage.
 */
import { type Config, loadConfig } from "../app/config.js";
import { createCoreDeps } from "../app/core-deps.js";
import { systemClock } from "../core/clock.js";
import { importCourses } from "../core/courses/import/import-courses.js";
import { COURSE_LIMITS, type CoursesCsvResult, parseCoursesCsv } from "../core/courses/import/parse-courses.js";
import { formatCoursesReport } from "../core/courses/import/report.js";
import { type CliOutput, describeDatabase, runAsCommand, withCliDatabase } from "./cli-support.js";
import { readImportFile } from "./import-file-args.js";

const USAGE = `Uso: npm run courses:import -- <file.csv> [--dry-run]

Pubblica i corsi di gruppo e le loro sessioni da un file CSV
(formato descritto in docs/courses-csv.md; esempio in docs/examples/courses.csv).

  --dry-run   controlla il file e mostra cosa cambierebbe, senza scrivere nulla
  --help      mostra questo aiuto

Se anche una sola riga è sbagliata non viene scritto nulla.
Una sessione spostata o annullata avvisa in chat chi è iscritto.
Codici di uscita: 0 fatto, 1 file rifiutato o errore del database, 2 uso sbagliato.
`;

export async function runCoursesImport(
  args: readonly string[],
  output: CliOutput,
  config: () => Config = () => loadConfig(),
  clock = systemClock,
): Promise<number> {
  const input = await readImportFile(args, output, USAGE, COURSE_LIMITS.maxFileBytes);
  if (typeof input === "number") return input;
  const { file, dryRun } = input;
  const parsed: CoursesCsvResult =
    "tooBig" in input
      ? {
          ok: false,
          rows: 0,
          problems: [{ line: null, column: null, message: "il file è troppo grande (massimo 5 MB)" }],
        }
      : parseCoursesCsv(input.content);
  if (!parsed.ok) {
    output.out(formatCoursesReport({ source: file, dryRun, problems: parsed.problems }));
    return 1;
  }
  const courses = parsed.courses;
  const settings = config();
  return withCliDatabase(settings, output, "Errore del database, nessuna modifica scritta", async (db, database) => {
    output.out(`Database: ${describeDatabase(database.url, database.kind)}\n`);
    const core = createCoreDeps(db, {
      clock,
      timeZone: settings.timeZone,
      policy: settings.booking,
      messaging: settings.messaging,
    });
    const outcome = await importCourses(core, courses, { dryRun });
    output.out(formatCoursesReport({ source: file, dryRun, problems: [], outcome }));
    return outcome.problems.length > 0 ? 1 : 0;
  });
}

await runAsCommand(import.meta.url, runCoursesImport);
