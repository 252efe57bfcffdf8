import { quarterUnits } from "../availability/quarter-units.js";
import { bookingErrors } from "../booking/booking-errors.js";
import type { CoreDeps } from "../ports.js";

/**
 * Erasure on request (GDPR art. 17): future bookings are cancelled and their seats freed, waitlist
 * places and course seats given back, personal data and channel identities removed. The citizen
 * stays as an anonymous row, so the counts of citizens served and services delivered stay right.
 * All in one transaction.
 */
export async function eraseCitizen(deps: CoreDeps, citizenId: string): Promise<{ cancelledBookings: number }> {
  return deps.transaction(async (repos) => {
    const now = deps.clock.now();
    if (!(await repos.citizens.lock(citizenId))) throw bookingErrors.citizenUnknown();
    const open = await repos.bookings.listForCitizen(citizenId, { from: now, openOnly: true });
    for (const booking of open) {
      await repos.bookings.update(booking.id, {
        status: "cancelled_by_citizen",
        cancelReason: "erasure",
        bumpSequence: true,
      });
      await repos.bookings.release(booking.pointId, quarterUnits({ start: booking.startsAt, end: booking.endsAt }));
      await repos.bookings.addEvent({
        bookingId: booking.id,
        actor: "system",
        kind: "cancelled",
        fromStatus: booking.status,
        toStatus: "cancelled_by_citizen",
        details: { reason: "erasure" },
      });
      await repos.outbox.append({
        type: "booking.cancelled",
        bookingId: booking.id,
        pointId: booking.pointId,
        by: "system",
      });
    }
    for (const entry of await repos.waitlist.listOpenForCitizen(citizenId)) {
      await repos.waitlist.update(entry.id, { status: "cancelled" });
    }
    await repos.courses.cancelAllForCitizen(citizenId, now);
    await repos.citizens.anonymise(citizenId, now);
    await repos.outbox.append({ type: "citizen.erased", citizenId });
    return { cancelledBookings: open.length };
  });
}
