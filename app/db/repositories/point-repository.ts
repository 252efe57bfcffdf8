import type { Site } from "../../../core/points/types.js";
import type { PointDetails, PointRepository, VisitWindow } from "../../../core/ports.js";
import { isUuid } from "../../../core/validation.js";
import type { Prisma } from "../generated/client.js";
import { fromLocalDate, minutesToTime, toLocalDate, toWeekly } from "./mapping.js";
import type { DbClient } from "./prisma-types.js";

const pointInclude = {
  organisation: { select: { name: true } },
  sites: true,
  services: { where: { active: true }, orderBy: { kind: "asc" } },
  openingWindows: true,
  specialHours: true,
  closures: true,
  localHolidays: true,
} satisfies Prisma.PointInclude;

type PointRow = Prisma.PointGetPayload<{ include: typeof pointInclude }>;
type SiteRow = PointRow["sites"][number];

export function toSite(row: SiteRow): Site {
  return {
    id: row.id,
    pointId: row.pointId,
    isMain: row.isMain,
    name: row.name,
    address: {
      street: row.street,
      civic: row.civic,
      cap: row.cap,
      comune: row.comune,
      comuneIstat: row.comuneIstat,
      province: row.province,
    },
    coordinates: { lat: row.lat, lon: row.lon },
  };
}

type VisitRow = { id: string; pointId: string; siteId: string; date: Date; opensMin: number; closesMin: number };

function toDetails(row: PointRow, visits: VisitRow[]): PointDetails {
  const specialByDate = new Map<string, Array<{ opens: string; closes: string }>>();
  for (const special of [...row.specialHours].sort((a, b) => a.shift - b.shift)) {
    const date = toLocalDate(special.date);
    const windows = specialByDate.get(date) ?? [];
    windows.push({ opens: minutesToTime(special.opensMin), closes: minutesToTime(special.closesMin) });
    specialByDate.set(date, windows);
  }
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    kind: row.kind,
    description: row.description,
    organisationId: row.organisationId,
    organisationName: row.organisation.name,
    workstations: row.workstations,
    bookableWorkstations: row.bookableWorkstations,
    contacts: { phone: row.phone, email: row.email, website: row.website },
    monitoringId: row.monitoringId === null ? null : Number(row.monitoringId),
    active: row.active,
    isDemo: row.isDemo,
    sites: [...row.sites]
      .sort((a, b) => Number(b.isMain) - Number(a.isMain) || a.name.localeCompare(b.name))
      .map(toSite),
    services: row.services.map((s) => ({ kind: s.kind, slotMinutes: s.slotMinutes, modes: s.modes })),
    schedule: {
      kind: row.kind,
      weekly: toWeekly(row.openingWindows),
      special: [...specialByDate].map(([date, windows]) => ({ date, windows })),
      closures: row.closures.map((c) => ({
        from: toLocalDate(c.startsOn),
        to: toLocalDate(c.endsOn),
        reason: c.reason,
      })),
      localHolidays: row.localHolidays.map((h) => ({ month: h.month, day: h.day, name: h.name })),
      visits: visits.map((v) => ({
        id: v.id,
        siteId: v.siteId,
        date: toLocalDate(v.date),
        opens: minutesToTime(v.opensMin),
        closes: minutesToTime(v.closesMin),
      })),
    },
  };
}

function visitFilter(options: VisitWindow) {
  return {
    ...(options.visitsFrom ? { gte: fromLocalDate(options.visitsFrom) } : {}),
    ...(options.visitsUntil ? { lte: fromLocalDate(options.visitsUntil) } : {}),
  };
}

export function prismaPointRepository(db: DbClient): PointRepository {
  return {
    async findById(id, options = {}) {
      if (!isUuid(id)) return null;
      const row = await db.point.findUnique({ where: { id }, include: pointInclude });
      if (!row) return null;
      const visits = await db.itinerantVisit.findMany({
        where: { pointId: id, date: visitFilter(options) },
        orderBy: [{ date: "asc" }, { opensMin: "asc" }],
      });
      return toDetails(row, visits);
    },

    async listActive(options = {}) {
      const rows = await db.point.findMany({
        where: { active: true },
        include: pointInclude,
        orderBy: { name: "asc" },
      });
      const visits = await db.itinerantVisit.findMany({
        where: { point: { active: true }, date: visitFilter(options) },
        orderBy: [{ date: "asc" }, { opensMin: "asc" }],
      });
      const byPoint = new Map<string, VisitRow[]>();
      for (const visit of visits) {
        const list = byPoint.get(visit.pointId) ?? [];
        list.push(visit);
        byPoint.set(visit.pointId, list);
      }
      return rows.map((row) => toDetails(row, byPoint.get(row.id) ?? []));
    },

    async holdDayOpen(id, date) {
      if (!isUuid(id)) return false;
      // two statements: the check must see a closing committed while we waited for the lock
      const held = await db.$queryRaw<{ id: string }[]>`SELECT id FROM point WHERE id = ${id}::uuid FOR SHARE`;
      if (held.length === 0) return false;
      const closed = await db.$queryRaw<{ n: number }[]>`
        SELECT count(*)::int AS n FROM closure
        WHERE point_id = ${id}::uuid AND starts_on <= ${date}::date AND ends_on >= ${date}::date`;
      return (closed[0]?.n ?? 0) === 0;
    },

    async lockForClosing(id) {
      if (!isUuid(id)) return false;
      const held = await db.$queryRaw<{ id: string }[]>`SELECT id FROM point WHERE id = ${id}::uuid FOR UPDATE`;
      return held.length > 0;
    },

    async addClosure(id, closure) {
      const covered = await db.closure.count({
        where: {
          pointId: id,
          startsOn: { lte: fromLocalDate(closure.from) },
          endsOn: { gte: fromLocalDate(closure.to) },
        },
      });
      if (covered > 0) return { added: false };
      await db.closure.create({
        data: {
          pointId: id,
          startsOn: fromLocalDate(closure.from),
          endsOn: fromLocalDate(closure.to),
          reason: closure.reason,
        },
      });
      return { added: true };
    },
  };
}
