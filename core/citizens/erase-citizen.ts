import { bookingErrors } from "../booking/booking-errors.js";
import { cancelInTransaction } from "../booking/cancel-booking.js";
import type { CoreDeps } from "../ports.js";

/**
 * Erasure on request (GDPR art. 17): future bookings are cancelled, their seats freed and offered
 * to the waitlist like any cancellation, the person's own waitlist places and course seats given
 * back, self-assessment results deleted, personal data and channel identities removed. The citizen
 * stays as an anonymous row, so the counts of citizens served and services delivered stay right.
 * All in one transaction.
 */
export async function eraseCitizen(deps: CoreDeps, citizenId: string): Promise<{ cancelledBookings: number }> {
  return deps.transaction(async (repos) => {
    const now = deps.clock.now();
    if (!(await repos.citizens.lock(citizenId))) throw bookingErrors.citizenUnknown();
    const open = await repos.bookings.listForCitizen(citizenId, { from: now, openOnly: true });
    for (const entry of await repos.waitlist.listOpenForCitizen(citizenId)) {
      await repos.waitlist.update(entry.id, { status: "cancelled" });
    }
    for (const booking of open) {
      await cancelInTransaction(repos, deps, booking, {
        to: "cancelled_by_citizen",
        actor: "system",
        actorId: null,
        reason: "erasure",
        now,
      });
    }
    await repos.courses.cancelAllForCitizen(citizenId, now);
    await repos.messages.forgetCitizen(citizenId);
    await repos.assessments.deleteForCitizen(citizenId);
    await repos.citizens.anonymise(citizenId, now);
    await repos.outbox.append({ type: "citizen.erased", citizenId });
    return { cancelledBookings: open.length };
  });
}
