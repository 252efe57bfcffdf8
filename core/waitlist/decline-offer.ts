import { z } from "zod";
import type { CoreDeps, WaitlistEntry } from "../ports.js";
import { parseInput } from "../validation.js";
import { passOfferOn } from "./pass-offer-on.js";

const offerInput = z.object({ entryId: z.string().uuid(), citizenId: z.string().uuid() });

/** The citizen's own offer, still open, locked; null otherwise. */
async function openOffer(
  repos: Parameters<Parameters<CoreDeps["transaction"]>[0]>[0],
  input: z.output<typeof offerInput>,
  now: Date,
): Promise<WaitlistEntry | null> {
  const entry = await repos.waitlist.findById(input.entryId, { lock: true });
  if (!entry || entry.citizenId !== input.citizenId || entry.status !== "offered") return null;
  if (!entry.offerExpiresAt || entry.offerExpiresAt.getTime() <= now.getTime()) return null;
  return entry;
}

/**
 * "No, grazie" to a waitlist offer: the place in line is given up and the slot goes to the next
 * in line at once, instead of when the offer would have expired. False when there was no open offer.
 */
export async function declineWaitlistOffer(deps: CoreDeps, raw: z.input<typeof offerInput>): Promise<boolean> {
  const input = parseInput(offerInput, raw, "declineWaitlistOffer");
  return deps.transaction(async (repos) => {
    const now = deps.clock.now();
    const entry = await openOffer(repos, input, now);
    if (!entry) return false;
    await repos.waitlist.update(entry.id, { status: "cancelled" });
    await repos.messages.cancelPending({ waitlistEntryId: entry.id }, "offer_declined");
    await passOfferOn(repos, deps, entry, now);
    return true;
  });
}

/**
 * Someone else booked the offered slot first (an offer does not hold the seat): the citizen keeps
 * their place in line, waiting for the next seat that frees. False when there was no open offer.
 */
export async function returnOfferToLine(deps: CoreDeps, raw: z.input<typeof offerInput>): Promise<boolean> {
  const input = parseInput(offerInput, raw, "returnOfferToLine");
  return deps.transaction(async (repos) => {
    const entry = await openOffer(repos, input, deps.clock.now());
    if (!entry) return false;
    await repos.waitlist.update(entry.id, {
      status: "waiting",
      offeredAt: null,
      offerStartsAt: null,
      offerExpiresAt: null,
    });
    return true;
  });
}
