import type { Booking } from "../booking/booking.js";
import { cancelInTransaction } from "../booking/cancel-booking.js";
import { MessageKind } from "../messaging/kinds.js";
import { notifyCitizen, notifyPointFacilitators } from "../messaging/notify.js";
import { openIntervals } from "../points/opening-hours.js";
import type { LocalDate } from "../points/types.js";
import type { CoreDeps, Repositories } from "../ports.js";
import { localDateAt } from "../time/zoned-time.js";
import { needsConfirmation } from "./booking-actions.js";
import type { FacilitatorRole } from "./roles.js";

/** Writes one "to confirm" message per reachable facilitator (of those roles), keyed by booking, time and facilitator. */
async function writeRequests(
  repos: Repositories,
  booking: Booking,
  now: Date,
  options: { escalated: boolean; roles?: readonly FacilitatorRole[] },
): Promise<number> {
  return notifyPointFacilitators(
    repos,
    booking.pointId,
    {
      kind: MessageKind.facilitatorRequest,
      params: { startsAt: booking.startsAt.toISOString(), escalated: options.escalated },
      bookingId: booking.id,
      dueAt: now,
      expiresAt: booking.startsAt,
      dedupeKey: `facilitator.request:${booking.id}:${booking.startsAt.getTime()}:${options.escalated ? "lead" : "all"}`,
    },
    options.roles,
  );
}

/**
 * A remote booking waits for a facilitator: each linked facilitator of its point gets it with
 * Conferma / Proponi un altro orario / Rifiuta (on booking.created and booking.rescheduled; writing
 * it again for the same time changes nothing).
 */
export async function requestConfirmation(deps: CoreDeps, bookingId: string): Promise<number> {
  return deps.transaction(async (repos) => {
    const booking = await repos.bookings.findById(bookingId);
    if (!booking || !needsConfirmation(booking)) return 0;
    const now = deps.clock.now();
    if (booking.startsAt.getTime() <= now.getTime()) return 0;
    return writeRequests(repos, booking, now, { escalated: false });
  });
}

/**
 * Remote bookings still unconfirmed `escalationHours` before their start go to the capo team of
 * their point (every few minutes; each booking and time once).
 */
export async function escalateUnconfirmed(deps: CoreDeps): Promise<number> {
  const now = deps.clock.now();
  const until = new Date(now.getTime() + deps.messaging.escalationHours * 3_600_000);
  let written = 0;
  for (const booking of await deps.repos.bookings.listPendingStarting(now, until, 500)) {
    written += await deps.transaction((repos) =>
      writeRequests(repos, booking, now, { escalated: true, roles: ["team_lead"] }),
    );
  }
  return written;
}

/**
 * A remote booking nobody confirmed before its start: cancelled (by the system, reason
 * "unconfirmed"), and the citizen told at once and offered another day.
 */
export async function expireUnconfirmed(deps: CoreDeps): Promise<number> {
  const now = deps.clock.now();
  const since = new Date(now.getTime() - 86_400_000);
  let expired = 0;
  for (const candidate of await deps.repos.bookings.listPendingStarting(since, new Date(now.getTime() + 1), 200)) {
    expired += await deps.transaction(async (repos) => {
      const booking = await repos.bookings.findById(candidate.id, { lock: true });
      if (!booking || !needsConfirmation(booking) || booking.startsAt.getTime() > now.getTime()) return 0;
      await cancelInTransaction(repos, deps, booking, {
        to: "cancelled_by_point",
        actor: "system",
        actorId: null,
        reason: "unconfirmed",
        now,
      });
      await notifyCitizen(repos, {
        kind: MessageKind.bookingCancelled,
        citizenId: booking.citizenId,
        bookingId: booking.id,
        params: { reason: "unconfirmed", wasPending: true, startsAt: booking.startsAt.toISOString() },
        dueAt: now,
        expiresAt: new Date(now.getTime() + 86_400_000),
        dedupeKey: `booking.cancelled:${booking.id}`,
      });
      return 1;
    });
  }
  return expired;
}

/**
 * The morning agenda: each reachable facilitator of every point open today gets the day's agenda
 * (one message per facilitator and day, composed at send time). Run by a job scheduler at
 * MORNING_AGENDA_TIME local time; the date is the local date when it runs.
 */
export async function writeMorningAgendas(deps: CoreDeps): Promise<{ date: LocalDate; written: number }> {
  const now = deps.clock.now();
  const date = localDateAt(now, deps.timeZone);
  const seen = new Set<string>();
  let written = 0;
  for (const point of await deps.repos.points.listActive({ visitsFrom: date, visitsUntil: date })) {
    if (openIntervals(point.schedule, date, deps.timeZone).length === 0) continue;
    for (const facilitator of await deps.repos.facilitators.reachableAt(point.id)) {
      if (seen.has(facilitator.facilitatorId)) continue;
      seen.add(facilitator.facilitatorId);
      const { created } = await deps.repos.messages.add({
        kind: MessageKind.facilitatorAgenda,
        recipient: { kind: "facilitator", facilitatorId: facilitator.facilitatorId },
        address: facilitator.address,
        params: { date },
        dueAt: now,
        expiresAt: new Date(now.getTime() + 12 * 3_600_000),
        dedupeKey: `facilitator.agenda:${facilitator.facilitatorId}:${date}`,
      });
      if (created) written += 1;
    }
  }
  return { date, written };
}
