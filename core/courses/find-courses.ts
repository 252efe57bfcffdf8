import type { CoreDeps } from "../ports.js";
import type { CourseSessionView } from "./ports.js";

/** Courses are shown this far ahead. */
export const COURSE_LIST_DAYS = 60;

/** The next sessions (not cancelled, not started) at these points, soonest first. */
export async function upcomingCourses(
  deps: CoreDeps,
  pointIds: readonly string[],
  limit: number,
): Promise<CourseSessionView[]> {
  const now = deps.clock.now();
  return deps.repos.courses.listUpcomingAt(
    pointIds,
    now,
    new Date(now.getTime() + COURSE_LIST_DAYS * 86_400_000),
    limit,
  );
}

/** A session with its course, for the chat. */
export async function courseSessionView(deps: CoreDeps, sessionId: string): Promise<CourseSessionView | null> {
  return deps.repos.courses.findSessionView(sessionId);
}

/** The citizen's sessions still to come or under way, soonest first. */
export async function myCourses(deps: CoreDeps, citizenId: string): Promise<CourseSessionView[]> {
  return deps.repos.courses.enrolledSessions(citizenId, deps.clock.now());
}

/** The citizen's place in line for a session, if they are waiting. */
export async function waitlistPlace(deps: CoreDeps, sessionId: string, citizenId: string): Promise<number | null> {
  const entry = await deps.repos.courses.openWaitlistEntry(sessionId, citizenId);
  return entry ? deps.repos.courses.waitlistPosition(entry) : null;
}
