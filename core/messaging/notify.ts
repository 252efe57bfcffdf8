import type { Booking } from "../booking/booking.js";
import type { FacilitatorRole } from "../facilitators/roles.js";
import type { CoreDeps, Repositories } from "../ports.js";
import { MessageKind } from "./kinds.js";
import type { MessageParams, NewOutboundMessage } from "./message.js";
import { reminderTimes } from "./reminder-times.js";

/**
 * Writing outbound messages from core services, inside their transaction. Rows carry ids only;
 * the text is composed when the message is sent.
 */

/** A message for a citizen, due now (or at `dueAt`), to their current address. False when they have none. */
export async function notifyCitizen(
  repos: Repositories,
  message: Omit<NewOutboundMessage, "recipient" | "address"> & { citizenId: string },
): Promise<boolean> {
  const address = await repos.messages.addressOfCitizen(message.citizenId);
  if (!address) return false;
  const { citizenId, ...rest } = message;
  await repos.messages.add({ ...rest, recipient: { kind: "citizen", citizenId }, address });
  return true;
}

/**
 * A message for each facilitator of a point who can be reached in a chat (of those roles), due now
 * (or at `dueAt`); each keyed by `dedupeKey` and the facilitator. Returns how many were new.
 */
export async function notifyPointFacilitators(
  repos: Repositories,
  pointId: string,
  message: Omit<NewOutboundMessage, "recipient" | "address" | "dedupeKey"> & { dedupeKey: string },
  roles?: readonly FacilitatorRole[],
): Promise<number> {
  let written = 0;
  for (const facilitator of await repos.facilitators.reachableAt(pointId, roles)) {
    const { created } = await repos.messages.add({
      ...message,
      recipient: { kind: "facilitator", facilitatorId: facilitator.facilitatorId },
      address: facilitator.address,
      dedupeKey: `${message.dedupeKey}:${facilitator.facilitatorId}`,
    });
    if (created) written += 1;
  }
  return written;
}

/**
 * The reminders of a booking (one per configured offset), in the booking's transaction. A reminder
 * whose time has already passed is recorded as skipped ("too_late"), never sent late. Each is
 * keyed by booking, start and offset: the same booking at the same time never gets two.
 */
export async function scheduleBookingReminders(
  repos: Repositories,
  deps: Pick<CoreDeps, "messaging" | "timeZone">,
  booking: Booking,
  now: Date,
): Promise<number> {
  const address = await repos.messages.addressOfCitizen(booking.citizenId);
  if (!address) return 0;
  let written = 0;
  for (const time of reminderTimes(booking.startsAt, deps.messaging, deps.timeZone)) {
    const late = time.dueAt.getTime() <= now.getTime();
    const params: MessageParams = { offset: time.offset.token, startsAt: booking.startsAt.toISOString() };
    const { created } = await repos.messages.add({
      kind: MessageKind.bookingReminder,
      recipient: { kind: "citizen", citizenId: booking.citizenId },
      address,
      params,
      bookingId: booking.id,
      dueAt: time.dueAt,
      expiresAt: booking.startsAt,
      dedupeKey: `reminder:${booking.id}:${booking.startsAt.getTime()}:${time.offset.token}`,
      ...(late ? { state: "skipped" as const, reason: "too_late" } : {}),
    });
    if (created && !late) written += 1;
  }
  return written;
}

/**
 * A booking moved to another time: reminders for the old time are withdrawn and new ones written
 * (in the same transaction). When someone else moved it, the citizen is told.
 */
export async function retimeBookingMessages(
  repos: Repositories,
  deps: Pick<CoreDeps, "messaging" | "timeZone">,
  booking: Booking,
  change: { now: Date; by: "citizen" | "other" },
): Promise<void> {
  await repos.messages.cancelPending({ bookingId: booking.id, kinds: [MessageKind.bookingReminder] }, "rescheduled");
  await scheduleBookingReminders(repos, deps, booking, change.now);
  if (change.by === "other") {
    await notifyCitizen(repos, {
      kind: MessageKind.bookingMoved,
      citizenId: booking.citizenId,
      bookingId: booking.id,
      params: { startsAt: booking.startsAt.toISOString() },
      dueAt: change.now,
      expiresAt: booking.startsAt,
      dedupeKey: `booking.moved:${booking.id}:${booking.sequence}`,
    });
  }
}
