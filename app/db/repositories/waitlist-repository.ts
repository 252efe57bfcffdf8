import type { WaitlistEntry, WaitlistRepository } from "../../../core/ports.js";
import { isUuid } from "../../../core/validation.js";
import type { WaitlistEntry as WaitlistRow } from "../generated/client.js";
import { fromLocalDate, toLocalDate } from "./mapping.js";
import type { DbClient } from "./prisma-types.js";

function toEntry(row: WaitlistRow): WaitlistEntry {
  return {
    id: row.id,
    pointId: row.pointId,
    date: toLocalDate(row.date),
    service: row.service,
    citizenId: row.citizenId,
    status: row.status,
    createdAt: row.createdAt,
    offeredAt: row.offeredAt,
    offerStartsAt: row.offerStartsAt,
    offerExpiresAt: row.offerExpiresAt,
  };
}

const OPEN = ["waiting", "offered"] as const;

export function prismaWaitlistRepository(db: DbClient): WaitlistRepository {
  const findOpen = (pointId: string, date: string, citizenId: string) =>
    db.waitlistEntry.findFirst({ where: { pointId, date: fromLocalDate(date), citizenId, status: { in: [...OPEN] } } });

  return {
    // Callers hold the citizen's row lock, so one citizen's joins never race each other; the
    // partial unique index is the backstop.
    async join({ pointId, date, service, citizenId }) {
      const existing = await findOpen(pointId, date, citizenId);
      if (existing) return { entry: toEntry(existing), created: false };
      const row = await db.waitlistEntry.create({ data: { pointId, date: fromLocalDate(date), service, citizenId } });
      return { entry: toEntry(row), created: true };
    },

    async findById(id, options = {}) {
      if (!isUuid(id)) return null;
      if (options.lock) await db.$queryRaw`SELECT id FROM waitlist_entry WHERE id = ${id}::uuid FOR UPDATE`;
      const row = await db.waitlistEntry.findUnique({ where: { id } });
      return row ? toEntry(row) : null;
    },

    async firstWaiting(pointId, date, service) {
      const rows = await db.$queryRaw<Array<{ id: string }>>`
        SELECT id FROM waitlist_entry
        WHERE point_id = ${pointId}::uuid AND date = ${date}::date
          AND service = ${service}::service_kind AND status = 'waiting'
        ORDER BY created_at, id
        LIMIT 1
        FOR UPDATE SKIP LOCKED`;
      const first = rows[0];
      if (!first) return null;
      const row = await db.waitlistEntry.findUnique({ where: { id: first.id } });
      return row ? toEntry(row) : null;
    },

    async position(entry) {
      const ahead = await db.waitlistEntry.count({
        where: {
          pointId: entry.pointId,
          date: fromLocalDate(entry.date),
          service: entry.service,
          status: "waiting",
          createdAt: { lt: entry.createdAt },
        },
      });
      return ahead + 1;
    },

    async update(id, patch) {
      return toEntry(await db.waitlistEntry.update({ where: { id }, data: patch }));
    },

    async takeExpiredOffers(now, limit) {
      const rows = await db.$queryRaw<Array<{ id: string }>>`
        SELECT id FROM waitlist_entry
        WHERE status = 'offered' AND offer_expires_at <= ${now}
        ORDER BY offer_expires_at, id
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED`;
      if (rows.length === 0) return [];
      const found = await db.waitlistEntry.findMany({ where: { id: { in: rows.map((r) => r.id) } } });
      return found.map(toEntry);
    },

    async listOpenForPointDay(pointId, date) {
      if (!isUuid(pointId)) return [];
      const locked = await db.$queryRaw<{ id: string }[]>`
        SELECT id FROM waitlist_entry
        WHERE point_id = ${pointId}::uuid AND date = ${date}::date AND status IN ('waiting', 'offered')
        ORDER BY created_at FOR UPDATE`;
      if (locked.length === 0) return [];
      const rows = await db.waitlistEntry.findMany({
        where: { id: { in: locked.map((r) => r.id) } },
        orderBy: { createdAt: "asc" },
      });
      return rows.map(toEntry);
    },

    async listOpenForCitizen(citizenId) {
      const rows = await db.waitlistEntry.findMany({
        where: { citizenId, status: { in: [...OPEN] } },
        orderBy: { date: "asc" },
      });
      return rows.map(toEntry);
    },
  };
}
