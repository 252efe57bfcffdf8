/**
 * `npm run points:list [-- --json]`: every point with its code, name, kind, comune, workstations
 * (bookable/total), services, a compact summary of its hours and the demo flag. --json prints the
 * same as a JSON array, for machines.
 */
import { realpath } from "node:fs/promises";
import { pathToFileURL } from "node:url";
import { type Config, loadConfig } from "../app/config.js";
import { locateDatabase } from "../app/db/database-location.js";
import { migrateDeploy } from "../app/db/migrate.js";
import { listPoints, type PointListing } from "../app/db/points-listing.js";
import { createPrisma } from "../app/db/prisma-client.js";
import { renderTable } from "../core/points/import/text-table.js";
import type { ServiceKind, ServiceMode } from "../core/points/types.js";
import { type CliOutput, cliLog, describeDatabase } from "./points-import.js";

const USAGE = `Uso: npm run points:list [-- --json]

Elenca i punti di facilitazione del database.

  --json   stampa l'elenco in JSON (un array), per i programmi
  --help   mostra questo aiuto
`;

const KIND_SHORT: Record<ServiceKind, string> = { facilitazione: "facil.", accoglienza: "accogl.", corso: "corso" };
const MODE_SHORT: Record<ServiceMode, string> = { in_presenza: "P", telefono: "T", videochiamata: "V", chat: "C" };

function servicesShort(point: PointListing): string {
  return point.services
    .map((s) => `${KIND_SHORT[s.kind]} ${s.slotMinutes}' ${s.modes.map((m) => MODE_SHORT[m]).join("")}`)
    .join(", ");
}

export function renderPointsTable(points: readonly PointListing[]): string {
  if (points.length === 0) return "Nessun punto nel database.\n";
  const table = renderTable(
    [
      { title: "codice" },
      { title: "nome", maxWidth: 40 },
      { title: "tipo" },
      { title: "comune", maxWidth: 24 },
      { title: "post. (pren./tot.)", align: "right" },
      { title: "servizi", maxWidth: 48 },
      { title: "orari", maxWidth: 100 },
      { title: "demo" },
    ],
    points.map((p) => [
      p.code,
      p.active ? p.name : `${p.name} (non attivo)`,
      p.kind === "fixed" ? "fisso" : "itinerante",
      p.comune ? `${p.comune} (${p.province})` : "",
      `${p.bookableWorkstations}/${p.workstations}`,
      servicesShort(p),
      p.hours,
      p.isDemo ? "demo" : "",
    ]),
  );
  const demo = points.filter((p) => p.isDemo).length;
  return `${table}\n\n${points.length} punti${demo > 0 ? `, di cui ${demo} demo` : ""}. Servizi: minuti per appuntamento; modalità P presenza, T telefono, V video, C chat.\n`;
}

export async function runPointsList(
  args: readonly string[],
  output: CliOutput,
  config: () => Config = () => loadConfig(),
  now: () => Date = () => new Date(),
): Promise<number> {
  if (args.includes("--help")) {
    output.out(USAGE);
    return 0;
  }
  const unknown = args.filter((a) => a !== "--json");
  if (unknown.length > 0) {
    output.err(`Argomento sconosciuto: ${unknown.join(" ")}\n\n${USAGE}`);
    return 2;
  }
  const json = args.includes("--json");
  const settings = config();
  const database = await locateDatabase(settings, cliLog(output));
  try {
    await migrateDeploy(database.url);
    const db = createPrisma(database.url, { poolMax: database.poolMax });
    try {
      const points = await listPoints(db, { now: now(), timeZone: settings.timeZone });
      if (json) {
        output.out(`${JSON.stringify(points, null, 2)}\n`);
      } else {
        output.out(`Database: ${describeDatabase(database.url, database.kind)}\n\n${renderPointsTable(points)}`);
      }
      return 0;
    } finally {
      await db.$disconnect();
    }
  } catch (error) {
    output.err(`Errore del database: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    await database.close();
  }
}

const invokedDirectly =
  process.argv[1] !== undefined &&
  import.meta.url === pathToFileURL(await realpath(process.argv[1]).catch(() => process.argv[1] ?? "")).href;

if (invokedDirectly) {
  // Prisma's pg adapter runs queries of one transaction concurrently and node-postgres prints a
  // DeprecationWarning about it: noise for an operator reading the report.
  process.noDeprecation = true;
  const stdio: CliOutput = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };
  try {
    process.exitCode = await runPointsList(process.argv.slice(2), stdio);
  } catch (error) {
    stdio.err(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
