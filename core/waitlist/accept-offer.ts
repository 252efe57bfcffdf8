import { bookingErrors } from "../booking/booking-errors.js";
import type { Repositories } from "../ports.js";

/**
 * Marks a waitlist offer as taken, inside the booking's transaction. The offer must be the
 * citizen's own, still offered, not expired, and for the slot being booked; otherwise the whole
 * booking is refused. (An offer does not hold the seat: the first to book it gets it.)
 */
export async function acceptOfferInTransaction(
  repos: Repositories,
  input: { entryId: string; citizenId: string; pointId: string; startsAt: Date; now: Date },
): Promise<void> {
  const entry = await repos.waitlist.findById(input.entryId, { lock: true });
  const valid =
    entry !== null &&
    entry.citizenId === input.citizenId &&
    entry.pointId === input.pointId &&
    entry.offerStartsAt?.getTime() === input.startsAt.getTime() &&
    entry.status === "offered" &&
    entry.offerExpiresAt !== null &&
    entry.offerExpiresAt.getTime() > input.now.getTime();
  if (!valid) throw bookingErrors.offerNotValid();
  await repos.waitlist.update(entry.id, { status: "booked" });
  await repos.messages.cancelPending({ waitlistEntryId: entry.id }, "offer_taken");
}
