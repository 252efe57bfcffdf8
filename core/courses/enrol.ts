import { z } from "zod";
import { bookingErrors } from "../booking/booking-errors.js";
import type { CoreDeps } from "../ports.js";
import { parseInput } from "../validation.js";
import { courseErrors } from "./course-errors.js";
import { scheduleCourseReminders, withdrawCourseMessages } from "./course-messages.js";
import { offerFreedSeat } from "./course-waitlist.js";
import type { CourseSession } from "./ports.js";

const enrolInput = z.object({
  sessionId: z.string().uuid(),
  citizenId: z.string().uuid(),
  /** Enrolling from a waitlist offer: it must be the citizen's own, still valid. */
  offerEntryId: z.string().uuid().optional(),
});

/**
 * Takes a seat in a group micro-course session and writes its reminders. The database refuses the
 * seat beyond `seats` (course_session CHECK), however many citizens enrol at once. Refused: a
 * session cancelled or started, enrolling twice, another course of the citizen at the same time.
 */
export async function enrolInCourse(
  deps: CoreDeps,
  raw: z.input<typeof enrolInput>,
): Promise<{ enrolmentId: string; session: CourseSession }> {
  const input = parseInput(enrolInput, raw, "enrolInCourse");
  return deps.transaction(async (repos) => {
    const now = deps.clock.now();
    const session = await repos.courses.findSession(input.sessionId);
    if (!session) throw bookingErrors.courseNotFound();
    if (session.cancelledAt) throw courseErrors.cancelled();
    if (session.startsAt.getTime() <= now.getTime()) throw courseErrors.started();
    if (!(await repos.citizens.lock(input.citizenId))) throw bookingErrors.citizenUnknown();
    if (await repos.courses.isEnrolled(session.id, input.citizenId)) throw bookingErrors.alreadyEnrolled();
    if (await repos.courses.overlapping(input.citizenId, session.startsAt, session.endsAt, session.id)) {
      throw courseErrors.overlap();
    }
    if (input.offerEntryId) {
      const entry = await repos.courses.findWaitlistEntry(input.offerEntryId, { lock: true });
      const valid =
        entry?.citizenId === input.citizenId &&
        entry.sessionId === session.id &&
        entry.status === "offered" &&
        (entry.offerExpiresAt?.getTime() ?? 0) > now.getTime();
      if (!entry || !valid) throw courseErrors.offerNotValid();
      await repos.courses.updateWaitlistEntry(entry.id, { status: "booked" });
    } else {
      // enrolling directly takes the citizen out of the line for that session
      const open = await repos.courses.openWaitlistEntry(session.id, input.citizenId);
      if (open) await repos.courses.updateWaitlistEntry(open.id, { status: "booked" });
    }
    const { enrolmentId } = await repos.courses.enrol(session.id, input.citizenId);
    await repos.messages.cancelPending(
      { courseSessionId: session.id, citizenId: input.citizenId, kinds: ["course.offer"] },
      "offer_taken",
    );
    await scheduleCourseReminders(repos, deps, session, input.citizenId, now);
    return { enrolmentId, session: { ...session, booked: session.booked + 1 } };
  });
}

const leaveInput = z.object({ sessionId: z.string().uuid(), citizenId: z.string().uuid() });

/**
 * Gives the seat back (before the start): reminders withdrawn, the seat offered to the first in line.
 * False when the citizen held none.
 */
export async function leaveCourse(deps: CoreDeps, raw: z.input<typeof leaveInput>): Promise<boolean> {
  const input = parseInput(leaveInput, raw, "leaveCourse");
  return deps.transaction(async (repos) => {
    const now = deps.clock.now();
    const before = await repos.courses.findSession(input.sessionId, { lock: true });
    if (!before) throw bookingErrors.courseNotFound();
    if (before.startsAt.getTime() <= now.getTime() && !before.cancelledAt) throw courseErrors.started();
    const left = await repos.courses.cancelEnrolment(input.sessionId, input.citizenId);
    if (!left) return false;
    await withdrawCourseMessages(repos, input.sessionId, input.citizenId, "left_course");
    const session = await repos.courses.findSession(input.sessionId);
    if (session) await offerFreedSeat(repos, deps, session, now);
    return true;
  });
}
