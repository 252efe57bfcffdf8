import { z } from "zod";
import { quarterUnits } from "../availability/quarter-units.js";
import { MessageKind } from "../messaging/kinds.js";
import { notifyCitizen } from "../messaging/notify.js";
import type { CoreDeps, Repositories, WaitlistEntry } from "../ports.js";
import { localDateAt } from "../time/zoned-time.js";
import { parseInput } from "../validation.js";
import { offerFreedSlot } from "../waitlist/offer-freed-slot.js";
import { type Actor, type Booking, canTransition, isOpen } from "./booking.js";
import { bookingErrors } from "./booking-errors.js";

export const CANCEL_REASONS = ["non_posso_piu", "risolto_da_solo", "orario_scomodo", "altro"] as const;

/** The reason written when the point closes the whole day (core/points/close-day.ts). */
export const DAY_CLOSED_REASON = "day_closed";

const cancelInput = z.object({
  bookingId: z.string().uuid(),
  /** Who cancels: a citizen cancels their own booking; a facilitator or the point any booking. */
  actor: z.enum(["citizen", "facilitator", "point", "system"]),
  actorId: z.string().max(64).optional(),
  /** One of the reasons the chat offers: free text could carry personal data. */
  reason: z.enum(CANCEL_REASONS).optional(),
});

/**
 * Cancels an open booking, frees its seats, writes the audit trail, and offers the freed slot to
 * the first citizen on the waitlist: all in one transaction. Citizens must cancel at least
 * `changeMinNoticeMinutes` before the start (after that they are asked to call the point).
 */
export async function cancelBooking(
  deps: CoreDeps,
  raw: z.input<typeof cancelInput>,
): Promise<{ booking: Booking; offeredTo: WaitlistEntry | null }> {
  const input = parseInput(cancelInput, raw, "cancelBooking");
  return deps.transaction(async (repos) => {
    const now = deps.clock.now();
    const booking = await repos.bookings.findById(input.bookingId, { lock: true });
    if (!booking) throw bookingErrors.bookingNotFound();
    if (input.actor === "citizen" && booking.citizenId !== input.actorId) throw bookingErrors.notYours();
    if (!isOpen(booking.status)) throw bookingErrors.notOpen();
    if (
      input.actor === "citizen" &&
      booking.startsAt.getTime() - now.getTime() < deps.policy.changeMinNoticeMinutes * 60_000
    ) {
      throw bookingErrors.changeTooLate(deps.policy.changeMinNoticeMinutes);
    }
    const to = input.actor === "citizen" ? "cancelled_by_citizen" : "cancelled_by_point";
    if (!canTransition(booking.status, to, input.actor)) throw bookingErrors.transitionNotAllowed(booking.status, to);
    const { booking: updated, offeredTo } = await cancelInTransaction(repos, deps, booking, {
      to,
      actor: input.actor,
      actorId: input.actorId ?? null,
      reason: input.reason ?? null,
      now,
    });
    return { booking: updated, offeredTo };
  });
}

/**
 * The cancellation itself, inside a transaction the caller holds: new status, seats freed, audit
 * trail, outbox event, and the freed slot offered to the first citizen on the waitlist. Used by
 * cancellations and by erasure, so both treat seats and the waitlist alike.
 */
export async function cancelInTransaction(
  repos: Repositories,
  deps: Pick<CoreDeps, "policy" | "timeZone" | "messaging">,
  booking: Booking,
  change: {
    to: "cancelled_by_citizen" | "cancelled_by_point";
    actor: Actor;
    actorId: string | null;
    reason: string | null;
    now: Date;
    /** false when the seat is not really free (the day is being closed). */
    offerToWaitlist?: boolean;
  },
): Promise<{ booking: Booking; offeredTo: WaitlistEntry | null }> {
  const updated = await repos.bookings.update(booking.id, {
    status: change.to,
    cancelReason: change.reason,
    bumpSequence: true,
  });
  await repos.bookings.release(booking.pointId, quarterUnits({ start: booking.startsAt, end: booking.endsAt }));
  await repos.bookings.addEvent({
    bookingId: booking.id,
    actor: change.actor,
    actorId: change.actorId,
    kind: "cancelled",
    fromStatus: booking.status,
    toStatus: change.to,
    ...(change.reason ? { details: { reason: change.reason } } : {}),
  });
  await repos.outbox.append({
    type: "booking.cancelled",
    bookingId: booking.id,
    pointId: booking.pointId,
    by: change.actor,
  });
  // its reminders go with it; a booking the point cancelled is told to the citizen at once
  await repos.messages.cancelPending({ bookingId: booking.id }, "booking_cancelled");
  if (change.to === "cancelled_by_point" && booking.startsAt.getTime() > change.now.getTime()) {
    await notifyCitizen(repos, {
      kind: MessageKind.bookingCancelled,
      citizenId: booking.citizenId,
      bookingId: booking.id,
      params: {
        reason: change.reason,
        wasPending: booking.status === "pending",
        startsAt: booking.startsAt.toISOString(),
      },
      dueAt: change.now,
      expiresAt: booking.startsAt,
      dedupeKey: `booking.cancelled:${booking.id}`,
    });
  }
  const offeredTo =
    change.offerToWaitlist !== false && booking.startsAt.getTime() > change.now.getTime()
      ? await offerFreedSlot(repos, deps.policy, {
          pointId: booking.pointId,
          date: localDateAt(booking.startsAt, deps.timeZone),
          service: booking.service,
          slotStartsAt: booking.startsAt,
          now: change.now,
        })
      : null;
  return { booking: updated, offeredTo };
}
