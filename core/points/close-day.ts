/**
 * A point closes a whole day at short notice (illness, a strike, a broken connection): one
 * transaction writes the closure, cancels that day's open bookings and course sessions (each
 * citizen is told at once, offered another day), and closes that day's waiting line. The seats it
 * frees are not offered to the waiting line: nobody can come that day.
 *
 * Bookings made meanwhile cannot slip in: a booking holds the point's row with a shared lock and
 * checks the day once it has it (`PointRepository.holdDayOpen`); the closing takes the row's
 * exclusive lock first, so it waits for bookings in flight and the ones after it see the closure.
 */
import { z } from "zod";
import { isOpen } from "../booking/booking.js";
import { cancelInTransaction, DAY_CLOSED_REASON } from "../booking/cancel-booking.js";
import { cancelCourseSession } from "../courses/change-session.js";
import { SportelloError } from "../errors.js";
import type { CoreDeps } from "../ports.js";
import { localDateAt, localDayBounds } from "../time/zoned-time.js";
import { localDateSchema, parseInput } from "../validation.js";

const closeDayInput = z.object({
  pointId: z.string().uuid(),
  date: localDateSchema,
  /** Shown to coordinators, not to citizens (they are told the point is closed): no personal data. */
  reason: z
    .string()
    .trim()
    .min(3)
    .max(120)
    .refine((r) => !/[\p{Cc}]/u.test(r), "no control characters"),
  /** Who closes it (a coordinator's CLI, or a facilitator id). */
  actorId: z.string().max(64).optional(),
});

export interface CloseDayResult {
  /** false when a closure already covered that day (nothing else is done again). */
  closed: boolean;
  bookingsCancelled: number;
  courseSessionsCancelled: number;
  /** People told in the chat: bookings plus everyone enrolled in a cancelled session. */
  citizensTold: number;
  waitlistClosed: number;
}

const closeErrors = {
  unknownPoint: () =>
    new SportelloError({
      code: "unknown_point",
      message: "close day: point not found",
      userMessage: "Non trovo questo punto.",
    }),
  past: () =>
    new SportelloError({
      code: "day_past",
      message: "close day: the day is over",
      userMessage: "Quel giorno è già passato: si può chiudere solo oggi o un giorno futuro.",
    }),
};

export async function closeDay(deps: CoreDeps, raw: z.input<typeof closeDayInput>): Promise<CloseDayResult> {
  const input = parseInput(closeDayInput, raw, "closeDay");
  const now = deps.clock.now();
  if (input.date < localDateAt(now, deps.timeZone)) throw closeErrors.past();
  const day = localDayBounds(input.date, deps.timeZone);
  return deps.transaction(async (repos) => {
    if (!(await repos.points.lockForClosing(input.pointId))) throw closeErrors.unknownPoint();
    const { added } = await repos.points.addClosure(input.pointId, {
      from: input.date,
      to: input.date,
      reason: input.reason,
    });
    const result: CloseDayResult = {
      closed: added,
      bookingsCancelled: 0,
      courseSessionsCancelled: 0,
      citizensTold: 0,
      waitlistClosed: 0,
    };
    if (!added) return result;

    // what has not started yet: a session already under way is the facilitator's to close
    const bookings = await repos.bookings.listForPoints([input.pointId], now > day.start ? now : day.start, day.end);
    for (const booking of bookings.filter((b) => isOpen(b.status))) {
      const locked = await repos.bookings.findById(booking.id, { lock: true });
      if (!locked || !isOpen(locked.status)) continue;
      await cancelInTransaction(repos, deps, locked, {
        to: "cancelled_by_point",
        actor: "point",
        actorId: input.actorId ?? null,
        reason: DAY_CLOSED_REASON,
        now,
        offerToWaitlist: false,
      });
      result.bookingsCancelled++;
      result.citizensTold++;
    }
    for (const session of await repos.courses.listUpcoming(input.pointId, now > day.start ? now : day.start, day.end)) {
      if (session.cancelledAt || session.startsAt.getTime() >= day.end.getTime()) continue;
      const { told } = await cancelCourseSession(repos, { sessionId: session.id, now });
      result.courseSessionsCancelled++;
      result.citizensTold += told;
    }
    for (const entry of await repos.waitlist.listOpenForPointDay(input.pointId, input.date)) {
      await repos.waitlist.update(entry.id, { status: "cancelled" });
      await repos.messages.cancelPending({ waitlistEntryId: entry.id }, "day_closed");
      result.waitlistClosed++;
    }
    return result;
  });
}
