import type { CoreDeps } from "../ports.js";
import { passOfferOn } from "./pass-offer-on.js";

/**
 * Offers whose time ran out: each becomes "expired" and, if its slot is still free, the slot goes
 * to the next citizen in line (a new "waitlist.slot_offered" event and message). Run every minute
 * by a worker scheduler; safe to run from several instances at once.
 */
export async function expireWaitlistOffers(
  deps: CoreDeps,
  limit = 100,
): Promise<{ expired: number; passedOn: number }> {
  return deps.transaction(async (repos) => {
    const now = deps.clock.now();
    const lapsed = await repos.waitlist.takeExpiredOffers(now, limit);
    let passedOn = 0;
    for (const entry of lapsed) {
      await repos.waitlist.update(entry.id, { status: "expired" });
      await repos.messages.cancelPending({ waitlistEntryId: entry.id }, "offer_expired");
      if (await passOfferOn(repos, deps, entry, now)) passedOn += 1;
    }
    return { expired: lapsed.length, passedOn };
  });
}
