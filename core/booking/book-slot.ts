import { z } from "zod";
import { quarterUnits } from "../availability/quarter-units.js";
import { scheduleBookingReminders } from "../messaging/notify.js";
import { openIntervals } from "../points/opening-hours.js";
import { REMOTE_MODES } from "../points/types.js";
import type { CoreDeps } from "../ports.js";
import { localDateAt, localDayBounds } from "../time/zoned-time.js";
import { parseInput } from "../validation.js";
import { acceptOfferInTransaction } from "../waitlist/accept-offer.js";
import type { Booking } from "./booking.js";
import { bookingErrors } from "./booking-errors.js";
import { loadActivePoint, serviceOf, siteFor } from "./load-point.js";
import { requireBookableSlot } from "./slot-check.js";

export const bookSlotInput = z.object({
  citizenId: z.string().uuid(),
  pointId: z.string().uuid(),
  service: z.enum(["facilitazione", "accoglienza"]),
  mode: z.enum(["in_presenza", "telefono", "videochiamata", "chat"]),
  startsAt: z.coerce.date().refine((d) => Number.isFinite(d.getTime()), "invalid date"),
  competences: z.array(z.number().int().min(1).max(13)).max(13).default([]),
  publicServices: z
    .array(z.string().regex(/^[A-S]$/))
    .max(19)
    .default([]),
  needNote: z.string().trim().max(600).optional(),
  /** Set when the citizen takes a slot offered from the waitlist. */
  waitlistEntryId: z.string().uuid().optional(),
});

export type BookSlotInput = z.input<typeof bookSlotInput>;

/**
 * Books a slot. Rules are checked first to give the citizen a precise answer; then, in one
 * transaction, the database itself refuses a seat beyond capacity (slot_occupancy CHECK), so two
 * hundred people pressing "conferma" at once still get at most `capacity` bookings.
 * A second identical request (double tap) returns the same booking with `created: false`.
 */
export async function bookSlot(deps: CoreDeps, raw: BookSlotInput): Promise<{ booking: Booking; created: boolean }> {
  const input = parseInput(bookSlotInput, raw, "bookSlot");
  const { timeZone: zone, policy } = deps;
  const date = localDateAt(input.startsAt, zone);
  const point = await loadActivePoint(deps, input.pointId, date);
  const service = serviceOf(point, input.service, input.mode);
  const intervals = openIntervals(point.schedule, date, zone);
  const day = localDayBounds(date, zone);

  return deps.transaction(async (repos) => {
    const now = deps.clock.now();
    if (!(await repos.citizens.lock(input.citizenId))) throw bookingErrors.citizenUnknown();
    // the day may have been closed since the point was read (core/points/close-day.ts)
    if (!(await repos.points.holdDayOpen(point.id, date))) throw bookingErrors.closedDay();

    const existing = await repos.bookings.findOpenForCitizenAt(input.citizenId, input.startsAt);
    if (existing) {
      if (existing.pointId === input.pointId && existing.service === input.service) {
        return { booking: existing, created: false };
      }
      throw bookingErrors.duplicate();
    }
    if ((await repos.bookings.countOpenForCitizen(input.citizenId, now)) >= policy.maxOpenBookings) {
      throw bookingErrors.citizenLimit(policy.maxOpenBookings);
    }

    const slot = requireBookableSlot({
      point,
      service,
      intervals,
      openBookings: await repos.bookings.openSpans(point.id, day.start, day.end),
      now,
      policy,
      zone,
      start: input.startsAt,
    });

    const booking = await repos.bookings.insert({
      citizenId: input.citizenId,
      pointId: point.id,
      siteId: siteFor(point, slot.siteId),
      service: input.service,
      mode: input.mode,
      startsAt: slot.start,
      endsAt: slot.end,
      status: REMOTE_MODES.includes(input.mode) ? "pending" : "confirmed",
      competences: [...new Set(input.competences)].sort((a, b) => a - b),
      publicServices: [...new Set(input.publicServices)].sort(),
      needNote: input.needNote || null,
    });
    // The guard: PostgreSQL refuses the seat if any unit is already full.
    await repos.bookings.occupy(point.id, quarterUnits(slot), point.bookableWorkstations);
    await repos.bookings.addEvent({
      bookingId: booking.id,
      actor: "citizen",
      actorId: input.citizenId,
      kind: "created",
      fromStatus: null,
      toStatus: booking.status,
      ...(input.waitlistEntryId ? { details: { waitlistEntryId: input.waitlistEntryId } } : {}),
    });
    await repos.outbox.append({
      type: "booking.created",
      bookingId: booking.id,
      pointId: point.id,
      status: booking.status,
    });
    await scheduleBookingReminders(repos, deps, booking, now);
    if (input.waitlistEntryId) {
      await acceptOfferInTransaction(repos, {
        entryId: input.waitlistEntryId,
        citizenId: input.citizenId,
        pointId: point.id,
        startsAt: slot.start,
        now,
      });
    }
    return { booking, created: true };
  });
}
