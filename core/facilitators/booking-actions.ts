import { z } from "zod";
import type { Booking } from "../booking/booking.js";
import { bookingErrors } from "../booking/booking-errors.js";
import { cancelInTransaction } from "../booking/cancel-booking.js";
import { listFreeSlots } from "../booking/free-slots.js";
import { SportelloError } from "../errors.js";
import { MessageKind } from "../messaging/kinds.js";
import { notifyCitizen } from "../messaging/notify.js";
import { REMOTE_MODES } from "../points/types.js";
import type { CoreDeps, Repositories } from "../ports.js";
import { localDateAt } from "../time/zoned-time.js";
import { parseInput } from "../validation.js";
import { requirePointRole } from "./chat-facilitator.js";
import { checkedClosing, closingSchema } from "./closing.js";

/** How the facilitator will meet the citizen of a remote session. */
export const CONTACT_WAYS = ["phone", "video", "chat"] as const;
export type ContactWay = (typeof CONTACT_WAYS)[number];

export const DECLINE_REASONS = ["nessuno_disponibile", "meglio_di_persona", "fuori_servizio", "altro"] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];

/** What happened to a booking a facilitator tried to act on. */
export type ActOutcome =
  | { done: true; booking: Booking }
  /** Someone acted first (or it is no longer pending): who, and what they did. */
  | {
      done: false;
      booking: Booking;
      byFacilitatorId: string | null;
      what: "confirmed" | "proposed" | "declined" | "closed";
    };

const uuid = z.string().uuid();

/** Who acted on a pending booking already, and how (read inside the locked transaction). */
async function earlierAction(repos: Repositories, booking: Booking): Promise<ActOutcome | undefined> {
  if (booking.status === "confirmed") {
    const event = await repos.bookings.lastEvent(booking.id, "confirmed");
    return { done: false, booking, byFacilitatorId: event?.actorId ?? null, what: "confirmed" };
  }
  if (booking.status !== "pending") {
    const event = await repos.bookings.lastEvent(booking.id, "cancelled");
    return {
      done: false,
      booking,
      byFacilitatorId: event?.actor === "facilitator" ? event.actorId : null,
      what: booking.status === "cancelled_by_point" ? "declined" : "closed",
    };
  }
  const proposal = await repos.bookings.lastEvent(booking.id, "proposed");
  if (proposal && proposal.details?.for === booking.startsAt.toISOString()) {
    return { done: false, booking, byFacilitatorId: proposal.actorId, what: "proposed" };
  }
  return undefined;
}

/** The other facilitators of the point are told who acted (their buttons would say it too). */
async function tellOthers(
  repos: Repositories,
  now: Date,
  booking: Booking,
  byFacilitatorId: string,
  what: "confirmed" | "proposed" | "declined",
): Promise<void> {
  for (const other of await repos.facilitators.reachableAt(booking.pointId)) {
    if (other.facilitatorId === byFacilitatorId) continue;
    await repos.messages.add({
      kind: MessageKind.facilitatorHandled,
      recipient: { kind: "facilitator", facilitatorId: other.facilitatorId },
      address: other.address,
      params: { by: byFacilitatorId, what, startsAt: booking.startsAt.toISOString() },
      bookingId: booking.id,
      dueAt: now,
      expiresAt: booking.startsAt,
      dedupeKey: `facilitator.handled:${booking.id}:${booking.startsAt.getTime()}:${what}:${other.facilitatorId}`,
    });
  }
}

async function lockedPending(repos: Repositories, bookingId: string, facilitatorId: string, operation: string) {
  const booking = await repos.bookings.findById(bookingId, { lock: true });
  if (!booking) throw bookingErrors.bookingNotFound();
  const access = await requirePointRole(repos, facilitatorId, booking.pointId, operation);
  return { booking, ...access };
}

const confirmInput = z.object({
  bookingId: uuid,
  facilitatorId: uuid,
  how: z.enum(CONTACT_WAYS),
  /** The video call's address (https only), for how = video. */
  link: z
    .string()
    .trim()
    .max(300)
    .regex(/^https:\/\/[^\s]+$/)
    .optional(),
});

/**
 * A facilitator confirms a pending remote session and says how it will happen. The first one wins:
 * the others get `done: false` with who did it, and are told by a message.
 */
export async function confirmRemoteBooking(deps: CoreDeps, raw: z.input<typeof confirmInput>): Promise<ActOutcome> {
  const input = parseInput(confirmInput, raw, "confirmRemoteBooking");
  if (input.how === "video" && !input.link) {
    throw new SportelloError({
      code: "validation",
      message: "confirmRemoteBooking: video without link",
      userMessage: "Manca il link della videochiamata.",
    });
  }
  return deps.transaction(async (repos) => {
    const now = deps.clock.now();
    const { booking } = await lockedPending(repos, input.bookingId, input.facilitatorId, "confirmRemoteBooking");
    const earlier = await earlierAction(repos, booking);
    if (earlier) return earlier;
    if (booking.startsAt.getTime() <= now.getTime())
      return { done: false, booking, byFacilitatorId: null, what: "closed" };
    const updated = await repos.bookings.update(booking.id, { status: "confirmed", bumpSequence: true });
    await repos.bookings.addEvent({
      bookingId: booking.id,
      actor: "facilitator",
      actorId: input.facilitatorId,
      kind: "confirmed",
      fromStatus: "pending",
      toStatus: "confirmed",
      details: { how: input.how, ...(input.link ? { link: input.link } : {}) },
    });
    await repos.outbox.append({ type: "booking.confirmed", bookingId: booking.id, pointId: booking.pointId });
    await notifyCitizen(repos, {
      kind: MessageKind.bookingConfirmed,
      citizenId: booking.citizenId,
      bookingId: booking.id,
      params: { startsAt: booking.startsAt.toISOString(), how: input.how, link: input.link ?? null },
      dueAt: now,
      expiresAt: booking.startsAt,
      dedupeKey: `booking.confirmed:${booking.id}:${updated.sequence}`,
    });
    await tellOthers(repos, now, booking, input.facilitatorId, "confirmed");
    return { done: true, booking: updated };
  });
}

const declineInput = z.object({ bookingId: uuid, facilitatorId: uuid, reason: z.enum(DECLINE_REASONS) });

/** A facilitator declines a pending remote session (with a reason): seats freed, the citizen told at once. */
export async function declineRemoteBooking(deps: CoreDeps, raw: z.input<typeof declineInput>): Promise<ActOutcome> {
  const input = parseInput(declineInput, raw, "declineRemoteBooking");
  return deps.transaction(async (repos) => {
    const now = deps.clock.now();
    const { booking } = await lockedPending(repos, input.bookingId, input.facilitatorId, "declineRemoteBooking");
    const earlier = await earlierAction(repos, booking);
    if (earlier) return earlier;
    const { booking: updated } = await cancelInTransaction(repos, deps, booking, {
      to: "cancelled_by_point",
      actor: "facilitator",
      actorId: input.facilitatorId,
      reason: input.reason,
      now,
    });
    await tellOthers(repos, now, booking, input.facilitatorId, "declined");
    return { done: true, booking: updated };
  });
}

/** Free times a facilitator can propose instead: the next days with free slots (same point and service). */
export async function proposableSlots(
  deps: CoreDeps,
  booking: Booking,
  options: { days?: number; max?: number } = {},
): Promise<Date[]> {
  const now = deps.clock.now();
  const found: Date[] = [];
  const service = booking.service === "accoglienza" ? "accoglienza" : "facilitazione";
  for (let offset = 0; offset < (options.days ?? 14) && found.length < (options.max ?? 8); offset++) {
    const date = localDateAt(new Date(now.getTime() + offset * 86_400_000), deps.timeZone);
    const slots = await listFreeSlots(
      deps,
      { pointId: booking.pointId, service, date },
      { excludeBookingId: booking.id },
    ).catch(() => []);
    for (const slot of slots) {
      if (slot.start.getTime() !== booking.startsAt.getTime()) found.push(slot.start);
      if (found.length >= (options.max ?? 8)) break;
    }
  }
  return found;
}

const proposeInput = z.object({ bookingId: uuid, facilitatorId: uuid, startsAt: z.coerce.date() });

/**
 * A facilitator proposes another free time for a pending remote session. The booking does not move
 * yet: the citizen is asked, and moves it by accepting (the seats move then, with the usual checks).
 */
export async function proposeOtherTime(deps: CoreDeps, raw: z.input<typeof proposeInput>): Promise<ActOutcome> {
  const input = parseInput(proposeInput, raw, "proposeOtherTime");
  return deps.transaction(async (repos) => {
    const now = deps.clock.now();
    const { booking } = await lockedPending(repos, input.bookingId, input.facilitatorId, "proposeOtherTime");
    const earlier = await earlierAction(repos, booking);
    if (earlier) return earlier;
    if (input.startsAt.getTime() <= now.getTime()) throw bookingErrors.slotInPast();
    await repos.bookings.addEvent({
      bookingId: booking.id,
      actor: "facilitator",
      actorId: input.facilitatorId,
      kind: "proposed",
      fromStatus: "pending",
      toStatus: "pending",
      details: { for: booking.startsAt.toISOString(), proposed: input.startsAt.toISOString() },
    });
    await notifyCitizen(repos, {
      kind: MessageKind.bookingProposed,
      citizenId: booking.citizenId,
      bookingId: booking.id,
      params: { startsAt: booking.startsAt.toISOString(), proposedAt: input.startsAt.toISOString() },
      dueAt: now,
      expiresAt: input.startsAt,
      dedupeKey: `booking.proposed:${booking.id}:${booking.startsAt.getTime()}`,
    });
    await tellOthers(repos, now, booking, input.facilitatorId, "proposed");
    return { done: true, booking };
  });
}

const closeInput = z.object({ bookingId: uuid, facilitatorId: uuid, closing: closingSchema });

/**
 * After its start, a facilitator closes a session as done, with what the platform needs. The
 * booking is completed and the closing kept in its audit trail; a worker writes the one service
 * record from it (`recordClosedBooking`, on the `booking.completed` event).
 */
export async function completeBooking(deps: CoreDeps, raw: z.input<typeof closeInput>): Promise<Booking> {
  const input = parseInput(closeInput, raw, "completeBooking");
  const closing = checkedClosing(input.closing);
  return deps.transaction(async (repos) => {
    const booking = await repos.bookings.findById(input.bookingId, { lock: true });
    if (!booking) throw bookingErrors.bookingNotFound();
    await requirePointRole(repos, input.facilitatorId, booking.pointId, "completeBooking");
    if (booking.status === "completed") return booking;
    if (deps.clock.now().getTime() < booking.startsAt.getTime()) throw bookingErrors.notStarted();
    if (booking.status !== "confirmed" && booking.status !== "pending") {
      throw bookingErrors.transitionNotAllowed(booking.status, "completed");
    }
    const updated = await repos.bookings.update(booking.id, { status: "completed" });
    await repos.bookings.addEvent({
      bookingId: booking.id,
      actor: "facilitator",
      actorId: input.facilitatorId,
      kind: "completed",
      fromStatus: booking.status,
      toStatus: "completed",
      details: { closing },
    });
    await repos.messages.cancelPending({ bookingId: booking.id }, "booking_completed");
    await repos.outbox.append({ type: "booking.completed", bookingId: booking.id, pointId: booking.pointId });
    return updated;
  });
}

const noShowInput = z.object({ bookingId: uuid, facilitatorId: uuid });

/** After its start: the citizen did not come. Recorded on the booking (no service record). */
export async function markNoShow(deps: CoreDeps, raw: z.input<typeof noShowInput>): Promise<Booking> {
  const input = parseInput(noShowInput, raw, "markNoShow");
  return deps.transaction(async (repos) => {
    const booking = await repos.bookings.findById(input.bookingId, { lock: true });
    if (!booking) throw bookingErrors.bookingNotFound();
    await requirePointRole(repos, input.facilitatorId, booking.pointId, "markNoShow");
    if (booking.status === "no_show") return booking;
    if (deps.clock.now().getTime() < booking.startsAt.getTime()) throw bookingErrors.notStarted();
    if (booking.status !== "confirmed" && booking.status !== "pending") {
      throw bookingErrors.transitionNotAllowed(booking.status, "no_show");
    }
    const updated = await repos.bookings.update(booking.id, { status: "no_show" });
    await repos.bookings.addEvent({
      bookingId: booking.id,
      actor: "facilitator",
      actorId: input.facilitatorId,
      kind: "no_show",
      fromStatus: booking.status,
      toStatus: "no_show",
    });
    await repos.messages.cancelPending({ bookingId: booking.id }, "booking_no_show");
    return updated;
  });
}

/** Whether a booking is one a facilitator must confirm. */
export function needsConfirmation(booking: Booking): boolean {
  return booking.status === "pending" && REMOTE_MODES.includes(booking.mode);
}
