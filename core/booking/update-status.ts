import { z } from "zod";
import { MessageKind } from "../messaging/kinds.js";
import { notifyCitizen } from "../messaging/notify.js";
import type { CoreDeps } from "../ports.js";
import { parseInput } from "../validation.js";
import { type Booking, canTransition } from "./booking.js";
import { bookingErrors } from "./booking-errors.js";

const statusInput = z.object({
  bookingId: z.string().uuid(),
  facilitatorId: z.string().max(64),
  to: z.enum(["confirmed", "completed", "no_show"]),
});

const EVENT_KIND = { confirmed: "confirmed", completed: "completed", no_show: "no_show" } as const;

/**
 * A facilitator confirms a pending remote session, or records that a session took place or that
 * the citizen did not come. Every change goes to the audit trail.
 */
export async function setBookingStatus(deps: CoreDeps, raw: z.input<typeof statusInput>): Promise<Booking> {
  const input = parseInput(statusInput, raw, "setBookingStatus");
  return deps.transaction(async (repos) => {
    const booking = await repos.bookings.findById(input.bookingId, { lock: true });
    if (!booking) throw bookingErrors.bookingNotFound();
    if (booking.status === input.to) return booking;
    // whether someone came can only be told once the session has started
    if (input.to !== "confirmed" && deps.clock.now().getTime() < booking.startsAt.getTime()) {
      throw bookingErrors.notStarted();
    }
    if (!canTransition(booking.status, input.to, "facilitator")) {
      throw bookingErrors.transitionNotAllowed(booking.status, input.to);
    }
    const updated = await repos.bookings.update(booking.id, {
      status: input.to,
      bumpSequence: input.to === "confirmed",
    });
    await repos.bookings.addEvent({
      bookingId: booking.id,
      actor: "facilitator",
      actorId: input.facilitatorId,
      kind: EVENT_KIND[input.to],
      fromStatus: booking.status,
      toStatus: input.to,
    });
    if (input.to === "confirmed") {
      await repos.outbox.append({ type: "booking.confirmed", bookingId: booking.id, pointId: booking.pointId });
      await notifyCitizen(repos, {
        kind: MessageKind.bookingConfirmed,
        citizenId: booking.citizenId,
        bookingId: booking.id,
        params: { startsAt: booking.startsAt.toISOString() },
        dueAt: deps.clock.now(),
        expiresAt: booking.startsAt,
        dedupeKey: `booking.confirmed:${booking.id}:${updated.sequence}`,
      });
    }
    return updated;
  });
}
