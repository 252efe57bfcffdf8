/** The points as `npm run points:list` shows them: one entry per point, sorted by code. */
import { summarizeWeeklyHours } from "../../core/points/import/hours.js";
import { formatServices } from "../../core/points/import/services.js";
import type { OpeningWindow, PointKind } from "../../core/points/types.js";
import type { PointServiceInfo } from "../../core/ports.js";
import { localDateAt } from "../../core/time/zoned-time.js";
import { fromLocalDate, minutesToTime, toLocalDate, toWeekly } from "./repositories/mapping.js";
import type { DbClient } from "./repositories/prisma-types.js";

export interface PointListing {
  code: string;
  name: string;
  kind: PointKind;
  organisation: string;
  /** Of the main site. */
  comune: string | null;
  province: string | null;
  workstations: number;
  bookableWorkstations: number;
  services: PointServiceInfo[];
  /** The CSV notation, e.g. "facilitazione=60:presenza+telefono; accoglienza=30:presenza". */
  servicesText: string;
  weekly: OpeningWindow[];
  /** e.g. "lun-gio 9-13/14-18; ven 9-13"; for itinerant points, their next visits. */
  hours: string;
  sites: number;
  /** Itinerant points: published visits from today on. */
  upcomingVisits: number;
  nextVisit: { date: string; opens: string; closes: string; site: string } | null;
  monitoringId: number | null;
  active: boolean;
  isDemo: boolean;
}

export async function listPoints(db: DbClient, options: { now: Date; timeZone: string }): Promise<PointListing[]> {
  const today = localDateAt(options.now, options.timeZone);
  const rows = await db.point.findMany({
    orderBy: { code: "asc" },
    include: {
      organisation: { select: { name: true } },
      sites: { select: { id: true, name: true, isMain: true, comune: true, province: true } },
      services: { where: { active: true }, orderBy: { kind: "asc" } },
      openingWindows: true,
    },
  });
  const visits = await db.itinerantVisit.findMany({
    where: { date: { gte: fromLocalDate(today) }, point: { kind: "itinerant" } },
    orderBy: [{ date: "asc" }, { opensMin: "asc" }],
    select: { pointId: true, siteId: true, date: true, opensMin: true, closesMin: true },
  });
  return rows.map((row): PointListing => {
    const main = row.sites.find((s) => s.isMain) ?? row.sites[0];
    const weekly = toWeekly(row.openingWindows);
    const services = row.services.map((s) => ({ kind: s.kind, slotMinutes: s.slotMinutes, modes: s.modes }));
    const own = visits.filter((v) => v.pointId === row.id);
    const first = own[0];
    const nextVisit = first
      ? {
          date: toLocalDate(first.date),
          opens: minutesToTime(first.opensMin),
          closes: minutesToTime(first.closesMin),
          site: row.sites.find((s) => s.id === first.siteId)?.name ?? "",
        }
      : null;
    const hours =
      row.kind === "itinerant"
        ? nextVisit
          ? `${own.length} tappe da oggi; prossima ${nextVisit.date} ${nextVisit.opens}-${nextVisit.closes} ${nextVisit.site}`
          : "nessuna tappa pubblicata"
        : summarizeWeeklyHours(weekly) || "nessun orario";
    return {
      code: row.code,
      name: row.name,
      kind: row.kind,
      organisation: row.organisation.name,
      comune: main?.comune ?? null,
      province: main?.province ?? null,
      workstations: row.workstations,
      bookableWorkstations: row.bookableWorkstations,
      services,
      servicesText: formatServices(services),
      weekly,
      hours,
      sites: row.sites.length,
      upcomingVisits: own.length,
      nextVisit,
      monitoringId: row.monitoringId === null ? null : Number(row.monitoringId),
      active: row.active,
      isDemo: row.isDemo,
    };
  });
}
