import { randomUUID } from "node:crypto";
import type { Booking } from "../booking/booking.js";
import { bookingErrors } from "../booking/booking-errors.js";
import { cancelInTransaction } from "../booking/cancel-booking.js";
import type { CoreDeps } from "../ports.js";

/**
 * Erasure on request (GDPR art. 17): future bookings are cancelled, their seats freed and offered
 * to the waitlist like any cancellation, the person's own waitlist places and course seats given
 * back, self-assessment results deleted, the monitoring profile wiped (its person key replaced by
 * a random token, so past services still count the person once, and exports skip them), personal data and channel identities removed. The citizen
 * stays as an anonymous row, so the counts of citizens served and services delivered stay right.
 * All in one transaction. Returns the cancelled bookings (as they are now), so the citizen can be
 * given the files that remove them from a phone calendar.
 */
export async function eraseCitizen(
  deps: CoreDeps,
  citizenId: string,
): Promise<{ cancelledBookings: number; cancelled: Booking[] }> {
  return deps.transaction(async (repos) => {
    const now = deps.clock.now();
    if (!(await repos.citizens.lock(citizenId))) throw bookingErrors.citizenUnknown();
    const open = await repos.bookings.listForCitizen(citizenId, { from: now, openOnly: true });
    for (const entry of await repos.waitlist.listOpenForCitizen(citizenId)) {
      await repos.waitlist.update(entry.id, { status: "cancelled" });
    }
    const cancelled: Booking[] = [];
    for (const booking of open) {
      const done = await cancelInTransaction(repos, deps, booking, {
        to: "cancelled_by_citizen",
        actor: "system",
        actorId: null,
        reason: "erasure",
        now,
      });
      cancelled.push(done.booking);
    }
    await repos.courses.cancelAllForCitizen(citizenId, now);
    await repos.messages.forgetCitizen(citizenId);
    await repos.assessments.deleteForCitizen(citizenId);
    // monitoring answers and sealed identifiers wiped; one random token keeps counting them once
    await repos.monitoringProfiles.erase(citizenId, `erased:${randomUUID()}`);
    await repos.citizens.anonymise(citizenId, now);
    await repos.outbox.append({ type: "citizen.erased", citizenId });
    return { cancelledBookings: open.length, cancelled };
  });
}
