/**
 * `npm run points:list [-- --json]`: every point with its code, name, kind, comune, workstations
 * (bookable/total), services, a compact summary of its hours and the demo flag. --json prints the
 * same as a JSON array, for machines.
 */
import { type Config, loadConfig } from "../app/config.js";
import { listPoints, type PointListing } from "../app/db/points-listing.js";
import { renderTable } from "../core/points/import/text-table.js";
import type { ServiceKind, ServiceMode } from "../core/points/types.js";
import { type CliOutput, describeDatabase, runAsCommand, withCliDatabase } from "./cli-support.js";

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
  return withCliDatabase(settings, output, "Errore del database", async (db, database) => {
    const points = await listPoints(db, { now: now(), timeZone: settings.timeZone });
    if (json) output.out(`${JSON.stringify(points, null, 2)}\n`);
    else output.out(`Database: ${describeDatabase(database.url, database.kind)}\n\n${renderPointsTable(points)}`);
    return 0;
  });
}

await runAsCommand(import.meta.url, runPointsList);
