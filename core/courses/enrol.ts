import { z } from "zod";
import { bookingErrors } from "../booking/booking-errors.js";
import type { CoreDeps } from "../ports.js";
import { parseInput } from "../validation.js";

const enrolInput = z.object({ sessionId: z.string().uuid(), citizenId: z.string().uuid() });

/**
 * Takes a seat in a group micro-course. The database refuses the seat beyond `seats`
 * (course_session CHECK), however many citizens enrol at once.
 */
export async function enrolInCourse(deps: CoreDeps, raw: z.input<typeof enrolInput>): Promise<{ enrolmentId: string }> {
  const input = parseInput(enrolInput, raw, "enrolInCourse");
  return deps.transaction(async (repos) => {
    const session = await repos.courses.findSession(input.sessionId);
    if (!session) throw bookingErrors.courseNotFound();
    if (session.cancelledAt || session.startsAt.getTime() <= deps.clock.now().getTime()) {
      throw bookingErrors.courseNotOpen();
    }
    if (!(await repos.citizens.lock(input.citizenId))) throw bookingErrors.citizenUnknown();
    return repos.courses.enrol(input.sessionId, input.citizenId);
  });
}

export async function leaveCourse(deps: CoreDeps, raw: z.input<typeof enrolInput>): Promise<boolean> {
  const input = parseInput(enrolInput, raw, "leaveCourse");
  return deps.transaction((repos) => repos.courses.cancelEnrolment(input.sessionId, input.citizenId));
}
