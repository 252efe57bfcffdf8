/**
 * `npm run courses:list [-- --all] [-- --point CODE] [-- --json]`: the group courses with their point,
 * SE4 areas, SE5 competences, mode, facilitator, and each session's dates and seats (taken/total).
 * By default only sessions not yet over; --all shows past ones too.
 */
import { type Config, loadConfig } from "../app/config.js";
import { createCoreDeps } from "../app/core-deps.js";
import { systemClock } from "../core/clock.js";
import type { CourseListing } from "../core/courses/ports.js";
import { renderTable } from "../core/points/import/text-table.js";
import { localDateAt, localTimeAt } from "../core/time/zoned-time.js";
import { type CliOutput, describeDatabase, runAsCommand, withCliDatabase } from "./cli-support.js";

const USAGE = `Uso: npm run courses:list [-- --all] [-- --point CODICE] [-- --json]

Elenca i corsi di gruppo: punto, aree (SE4), competenze (SE5), modalità, facilitatore,
sessioni con date e posti (presi/totali).

  --all           anche le sessioni già passate
  --point CODICE  solo i corsi di quel punto
  --json          stampa l'elenco in JSON, per i programmi
  --help          mostra questo aiuto
`;

const FORMAT: Record<string, string> = { training: "formazione", group_facilitation: "facilitazione di gruppo" };

export function renderCoursesTable(courses: readonly CourseListing[], zone: string): string {
  if (courses.length === 0) return "Nessun corso nel database.\n";
  const rows: string[][] = [];
  for (const { course, pointCode, facilitatorName, sessions } of courses) {
    const head = [
      course.code,
      course.title,
      pointCode,
      course.areas.join(":"),
      course.competences.join(":"),
      course.online ? "online" : "presenza",
      FORMAT[course.format] ?? course.format,
      course.level,
      facilitatorName ?? "",
    ];
    if (sessions.length === 0) rows.push([...head, "", "", ""]);
    for (const [i, s] of sessions.entries()) {
      const when = `${localDateAt(s.startsAt, zone)} ${localTimeAt(s.startsAt, zone)}-${localTimeAt(s.endsAt, zone)}`;
      const cells = i === 0 ? head : head.map(() => "");
      rows.push([...cells, String(s.number ?? ""), when, s.cancelledAt ? "annullata" : `${s.booked}/${s.seats}`]);
    }
  }
  const table = renderTable(
    [
      { title: "codice" },
      { title: "titolo", maxWidth: 36 },
      { title: "punto" },
      { title: "SE4" },
      { title: "SE5" },
      { title: "modalità" },
      { title: "tipo" },
      { title: "livello" },
      { title: "facilitatore", maxWidth: 24 },
      { title: "sess.", align: "right" },
      { title: "data e ora" },
      { title: "posti", align: "right" },
    ],
    rows,
  );
  const sessions = courses.reduce((n, c) => n + c.sessions.length, 0);
  return `${table}\n\n${courses.length} corsi, ${sessions} sessioni. Posti: presi/totali.\n`;
}

export async function runCoursesList(
  args: readonly string[],
  output: CliOutput,
  config: () => Config = () => loadConfig(),
  clock = systemClock,
): Promise<number> {
  if (args.includes("--help")) {
    output.out(USAGE);
    return 0;
  }
  const pointAt = args.indexOf("--point");
  const pointCode = pointAt >= 0 ? args[pointAt + 1] : undefined;
  const rest = args.filter(
    (a, i) => a !== "--all" && a !== "--json" && !(pointAt >= 0 && (i === pointAt || i === pointAt + 1)),
  );
  if (rest.length > 0 || (pointAt >= 0 && !pointCode)) {
    output.err(
      `${pointAt >= 0 && !pointCode ? "Manca il codice del punto." : `Argomento sconosciuto: ${rest.join(" ")}`}\n\n${USAGE}`,
    );
    return 2;
  }
  const settings = config();
  return withCliDatabase(settings, output, "Errore del database", async (db, database) => {
    const core = createCoreDeps(db, { clock, timeZone: settings.timeZone, policy: settings.booking });
    const courses = await core.repos.courses.listCourses({
      ...(args.includes("--all") ? {} : { from: clock.now() }),
      ...(pointCode ? { pointCode } : {}),
    });
    if (args.includes("--json")) output.out(`${JSON.stringify(courses, null, 2)}\n`);
    else
      output.out(
        `Database: ${describeDatabase(database.url, database.kind)}\n\n${renderCoursesTable(courses, settings.timeZone)}`,
      );
    return 0;
  });
}

await runAsCommand(import.meta.url, runCoursesList);
