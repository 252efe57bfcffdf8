import type { Booking } from "../../../core/booking/booking.js";
import { bookingErrors } from "../../../core/booking/booking-errors.js";
import type { BookingRepository } from "../../../core/ports.js";
import { isUuid } from "../../../core/validation.js";
import type { Booking as BookingRow } from "../generated/client.js";
import { PG, pgConstraint, pgErrorCode } from "./pg-error.js";
import type { DbClient } from "./prisma-types.js";

const OPEN = ["pending", "confirmed"] as const;

function toBooking(row: BookingRow): Booking {
  return {
    id: row.id,
    citizenId: row.citizenId,
    pointId: row.pointId,
    siteId: row.siteId,
    service: row.service,
    mode: row.mode,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    status: row.status,
    competences: row.competences,
    publicServices: row.publicServices,
    needNote: row.needNote,
    sequence: row.sequence,
    cancelReason: row.cancelReason,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export function prismaBookingRepository(db: DbClient): BookingRepository {
  return {
    async findById(id, options = {}) {
      if (!isUuid(id)) return null;
      if (options.lock) {
        const locked = await db.$queryRaw<
          Array<{ id: string }>
        >`SELECT id FROM booking WHERE id = ${id}::uuid FOR UPDATE`;
        if (locked.length === 0) return null;
      }
      const row = await db.booking.findUnique({ where: { id } });
      return row ? toBooking(row) : null;
    },

    // Hot (every day and time question): one plain statement, no query compilation.
    async openSpans(pointId, from, to, options = {}) {
      const exclude = options.excludeBookingId ?? "00000000-0000-0000-0000-000000000000";
      const rows = await db.$queryRaw<Array<{ starts_at: Date; ends_at: Date }>>`
        SELECT starts_at, ends_at FROM booking
        WHERE point_id = ${pointId}::uuid AND status IN ('pending', 'confirmed')
          AND starts_at < ${to} AND ends_at > ${from} AND id <> ${exclude}::uuid`;
      return rows.map((r) => ({ start: r.starts_at, end: r.ends_at }));
    },

    countOpenForCitizen(citizenId, now) {
      return db.booking.count({ where: { citizenId, status: { in: [...OPEN] }, endsAt: { gt: now } } });
    },

    async findOpenForCitizenAt(citizenId, startsAt) {
      const row = await db.booking.findFirst({ where: { citizenId, startsAt, status: { in: [...OPEN] } } });
      return row ? toBooking(row) : null;
    },

    async listForCitizen(citizenId, options) {
      const rows = await db.booking.findMany({
        where: {
          citizenId,
          ...(options.openOnly ? { status: { in: [...OPEN] } } : {}),
          ...(options.from ? { endsAt: { gt: options.from } } : {}),
        },
        orderBy: { startsAt: "asc" },
      });
      return rows.map(toBooking);
    },

    async insert(booking) {
      try {
        return toBooking(await db.booking.create({ data: booking }));
      } catch (error) {
        if (pgErrorCode(error) === PG.uniqueViolation) throw bookingErrors.duplicate();
        throw error;
      }
    },

    async update(id, patch) {
      const { bumpSequence, ...fields } = patch;
      const row = await db.booking.update({
        where: { id },
        data: { ...fields, ...(bumpSequence ? { sequence: { increment: 1 } } : {}) },
      });
      return toBooking(row);
    },

    async addEvent(event) {
      await db.bookingEvent.create({
        data: {
          bookingId: event.bookingId,
          actor: event.actor,
          actorId: event.actorId ?? null,
          kind: event.kind,
          fromStatus: event.fromStatus,
          toStatus: event.toStatus,
          ...(event.details ? { details: event.details as object } : {}),
        },
      });
    },

    async occupy(pointId, units, capacity) {
      if (units.length === 0) return;
      try {
        // Units are upserted in time order, so concurrent bookings lock rows in the same order
        // (no deadlock); the CHECK (booked <= capacity) refuses the one seat too many.
        await db.$executeRaw`
          INSERT INTO slot_occupancy (point_id, unit_start, booked, capacity)
          SELECT ${pointId}::uuid, unit, 1, ${capacity}::int
          FROM unnest(${units}::timestamptz[]) AS unit
          ORDER BY unit
          ON CONFLICT (point_id, unit_start)
          DO UPDATE SET booked = slot_occupancy.booked + 1, capacity = EXCLUDED.capacity`;
      } catch (error) {
        if (pgErrorCode(error) === PG.checkViolation && pgConstraint(error) === "slot_occupancy_capacity_check") {
          throw bookingErrors.capacityReached();
        }
        throw error;
      }
    },

    async release(pointId, units) {
      if (units.length === 0) return;
      await db.$executeRaw`
        UPDATE slot_occupancy SET booked = booked - 1
        WHERE point_id = ${pointId}::uuid AND unit_start = ANY(${units}::timestamptz[])`;
    },

    async listForPoints(pointIds, from, to) {
      const ids = pointIds.filter(isUuid);
      if (ids.length === 0) return [];
      const rows = await db.booking.findMany({
        where: { pointId: { in: ids }, startsAt: { gte: from, lt: to } },
        orderBy: [{ startsAt: "asc" }, { id: "asc" }],
      });
      return rows.map(toBooking);
    },

    async listPendingStarting(from, to, limit) {
      const rows = await db.booking.findMany({
        where: { status: "pending", mode: { not: "in_presenza" }, startsAt: { gte: from, lt: to } },
        orderBy: [{ startsAt: "asc" }, { id: "asc" }],
        take: limit,
      });
      return rows.map(toBooking);
    },

    async listCompletedWithoutRecord(since, limit) {
      const rows = await db.booking.findMany({
        where: { status: "completed", startsAt: { gte: since }, serviceRecord: null },
        select: { id: true },
        orderBy: { startsAt: "asc" },
        take: limit,
      });
      return rows.map((r) => r.id);
    },

    async lastEvent(bookingId, kind) {
      if (!isUuid(bookingId)) return null;
      const row = await db.bookingEvent.findFirst({ where: { bookingId, kind }, orderBy: { id: "desc" } });
      return row
        ? {
            at: row.at,
            actor: row.actor,
            actorId: row.actorId,
            kind: row.kind,
            details: (row.details as Record<string, unknown> | null) ?? null,
          }
        : null;
    },
  };
}
