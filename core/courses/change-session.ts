import { bookingErrors } from "../booking/booking-errors.js";
import type { CoreDeps, Repositories } from "../ports.js";
import { courseErrors } from "./course-errors.js";
import { courseCancelledMessages, retimeCourseMessages } from "./course-messages.js";
import { offerFreedSeat } from "./course-waitlist.js";
import type { CourseSession } from "./ports.js";

/**
 * A session moved to another time (courses:import with new dates), inside the caller's
 * transaction: SEQUENCE + 1, reminders re-timed, everyone enrolled told. Returns how many were told.
 */
export async function moveCourseSession(
  repos: Repositories,
  deps: Pick<CoreDeps, "messaging" | "timeZone">,
  input: { sessionId: string; startsAt: Date; endsAt: Date; now: Date },
): Promise<{ session: CourseSession; told: number }> {
  const before = await repos.courses.findSession(input.sessionId, { lock: true });
  if (!before) throw bookingErrors.courseNotFound();
  if (before.cancelledAt) throw courseErrors.cancelled();
  if (before.startsAt.getTime() <= input.now.getTime()) throw courseErrors.started();
  const session = await repos.courses.updateSession(before.id, {
    startsAt: input.startsAt,
    endsAt: input.endsAt,
    bumpSequence: true,
  });
  return { session, told: await retimeCourseMessages(repos, deps, session, input.now) };
}

/**
 * A session cancelled (courses:import with stato "annullato"), inside the caller's transaction:
 * enrolments cancelled and seats freed, the waiting line closed, pending reminders withdrawn,
 * everyone who was enrolled told. Cancelling twice changes nothing.
 */
export async function cancelCourseSession(
  repos: Repositories,
  input: { sessionId: string; now: Date },
): Promise<{ session: CourseSession; told: number }> {
  const before = await repos.courses.findSession(input.sessionId, { lock: true });
  if (!before) throw bookingErrors.courseNotFound();
  if (before.cancelledAt) return { session: before, told: 0 };
  if (before.startsAt.getTime() <= input.now.getTime()) throw courseErrors.started();
  const citizens = await repos.courses.cancelAllEnrolments(before.id);
  await repos.courses.closeWaitlist(before.id);
  const session = await repos.courses.updateSession(before.id, { cancelledAt: input.now, bumpSequence: true });
  return { session, told: await courseCancelledMessages(repos, session, citizens, input.now) };
}

/** More seats on a session (courses:import): the new seats go to the line, one offer at a time. */
export async function seatsChanged(
  repos: Repositories,
  deps: Pick<CoreDeps, "policy">,
  session: CourseSession,
  now: Date,
): Promise<void> {
  await offerFreedSeat(repos, deps, session, now);
}
