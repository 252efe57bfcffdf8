import { z } from "zod";
import { quarterUnits } from "../availability/quarter-units.js";
import { retimeBookingMessages } from "../messaging/notify.js";
import { openIntervals } from "../points/opening-hours.js";
import { REMOTE_MODES } from "../points/types.js";
import type { CoreDeps } from "../ports.js";
import { localDateAt, localDayBounds } from "../time/zoned-time.js";
import { parseInput } from "../validation.js";
import { offerFreedSlot } from "../waitlist/offer-freed-slot.js";
import { type Booking, isOpen } from "./booking.js";
import { bookingErrors } from "./booking-errors.js";
import { loadActivePoint, serviceOf, siteFor } from "./load-point.js";
import { requireBookableSlot } from "./slot-check.js";

const rescheduleInput = z.object({
  bookingId: z.string().uuid(),
  citizenId: z.string().uuid(),
  startsAt: z.coerce.date().refine((d) => Number.isFinite(d.getTime()), "invalid date"),
});

/**
 * Moves a citizen's open booking to another free slot of the same point and service. The booking
 * keeps its id (so the calendar event keeps its UID) and its SEQUENCE grows. Old seats are freed
 * and new ones taken in one transaction, with the same database guard as a new booking. A remote
 * session goes back to waiting for a facilitator's confirmation.
 */
export async function rescheduleBooking(deps: CoreDeps, raw: z.input<typeof rescheduleInput>): Promise<Booking> {
  const input = parseInput(rescheduleInput, raw, "rescheduleBooking");
  const { timeZone: zone, policy } = deps;
  const date = localDateAt(input.startsAt, zone);
  const current = await deps.repos.bookings.findById(input.bookingId);
  if (!current || current.citizenId !== input.citizenId) throw bookingErrors.bookingNotFound();
  const point = await loadActivePoint(deps, current.pointId, date);
  const service = serviceOf(point, current.service);
  const intervals = openIntervals(point.schedule, date, zone);
  const day = localDayBounds(date, zone);

  return deps.transaction(async (repos) => {
    const now = deps.clock.now();
    const booking = await repos.bookings.findById(input.bookingId, { lock: true });
    if (!booking || booking.citizenId !== input.citizenId) throw bookingErrors.bookingNotFound();
    // the day may have been closed since the point was read (core/points/close-day.ts)
    if (!(await repos.points.holdDayOpen(point.id, date))) throw bookingErrors.closedDay();
    if (!isOpen(booking.status)) throw bookingErrors.notOpen();
    if (booking.startsAt.getTime() - now.getTime() < policy.changeMinNoticeMinutes * 60_000) {
      throw bookingErrors.changeTooLate(policy.changeMinNoticeMinutes);
    }
    if (booking.startsAt.getTime() === input.startsAt.getTime()) throw bookingErrors.sameSlot();
    if (await repos.bookings.findOpenForCitizenAt(input.citizenId, input.startsAt)) throw bookingErrors.duplicate();

    const slot = requireBookableSlot({
      point,
      service,
      intervals,
      openBookings: await repos.bookings.openSpans(point.id, day.start, day.end, { excludeBookingId: booking.id }),
      now,
      policy,
      zone,
      start: input.startsAt,
    });

    await repos.bookings.release(point.id, quarterUnits({ start: booking.startsAt, end: booking.endsAt }));
    await repos.bookings.occupy(point.id, quarterUnits(slot), point.bookableWorkstations);
    const status = REMOTE_MODES.includes(booking.mode) ? "pending" : booking.status;
    const updated = await repos.bookings.update(booking.id, {
      startsAt: slot.start,
      endsAt: slot.end,
      siteId: siteFor(point, slot.siteId),
      status,
      bumpSequence: true,
    });
    await repos.bookings.addEvent({
      bookingId: booking.id,
      actor: "citizen",
      actorId: input.citizenId,
      kind: "rescheduled",
      fromStatus: booking.status,
      toStatus: status,
      details: { from: booking.startsAt.toISOString(), to: slot.start.toISOString() },
    });
    await repos.outbox.append({ type: "booking.rescheduled", bookingId: booking.id, pointId: point.id });
    await retimeBookingMessages(repos, deps, updated, { now, by: "citizen" });
    if (booking.startsAt.getTime() > now.getTime()) {
      await offerFreedSlot(repos, policy, {
        pointId: point.id,
        date: localDateAt(booking.startsAt, zone),
        service: booking.service,
        slotStartsAt: booking.startsAt,
        now,
      });
    }
    return updated;
  });
}
