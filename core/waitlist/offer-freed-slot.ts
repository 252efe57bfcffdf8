import type { BookingPolicy } from "../booking/policy.js";
import { MessageKind } from "../messaging/kinds.js";
import { notifyCitizen } from "../messaging/notify.js";
import type { LocalDate, ServiceKind } from "../points/types.js";
import type { Repositories, WaitlistEntry } from "../ports.js";

/**
 * A slot was freed: offer it to the first citizen waiting for that point, day and service. Runs
 * inside the transaction that freed it, and writes the "waitlist.slot_offered" event the workers
 * turn into a message. The offer expires after `waitlistOfferMinutes`, and never later than the
 * latest moment the slot can still be booked. Returns the offered entry, or null.
 */
export async function offerFreedSlot(
  repos: Repositories,
  policy: BookingPolicy,
  freed: { pointId: string; date: LocalDate; service: ServiceKind; slotStartsAt: Date; now: Date },
): Promise<WaitlistEntry | null> {
  const lastBookable = freed.slotStartsAt.getTime() - policy.minNoticeMinutes * 60_000;
  const expires = Math.min(freed.now.getTime() + policy.waitlistOfferMinutes * 60_000, lastBookable);
  if (expires <= freed.now.getTime()) return null;
  const first = await repos.waitlist.firstWaiting(freed.pointId, freed.date, freed.service);
  if (!first) return null;
  const offered = await repos.waitlist.update(first.id, {
    status: "offered",
    offeredAt: freed.now,
    offerStartsAt: freed.slotStartsAt,
    offerExpiresAt: new Date(expires),
  });
  await repos.outbox.append({
    type: "waitlist.slot_offered",
    entryId: offered.id,
    pointId: freed.pointId,
    date: freed.date,
    slotStartsAt: freed.slotStartsAt.toISOString(),
    expiresAt: new Date(expires).toISOString(),
  });
  await notifyCitizen(repos, {
    kind: MessageKind.waitlistOffer,
    citizenId: offered.citizenId,
    waitlistEntryId: offered.id,
    params: { slotStartsAt: freed.slotStartsAt.toISOString(), expiresAt: new Date(expires).toISOString() },
    dueAt: freed.now,
    expiresAt: new Date(expires),
    dedupeKey: `waitlist.offer:${offered.id}:${freed.now.getTime()}`,
  });
  return offered;
}
