import { z } from "zod";
import { bookingErrors } from "../booking/booking-errors.js";
import type { CoreDeps } from "../ports.js";
import { recordService } from "../service-records/record-service.js";
import { parseInput } from "../validation.js";
import { courseErrors } from "./course-errors.js";
import type { Course, CourseSession, RosterEntry } from "./ports.js";

/** SE3 of a course: group facilitation "B"; training "C" in person, "D" online (facilita-csv.md). */
export function courseServiceType(course: Pick<Course, "format"> | null, online: boolean): string {
  if (course?.format === "group_facilitation") return "B";
  return online ? "D" : "C";
}

/** Who is enrolled (or was marked), for the facilitator's agenda and attendance list. */
export async function courseRoster(
  deps: CoreDeps,
  sessionId: string,
): Promise<{ session: CourseSession; roster: RosterEntry[] }> {
  const session = await deps.repos.courses.findSession(sessionId);
  if (!session) throw bookingErrors.courseNotFound();
  return { session, roster: await deps.repos.courses.roster(sessionId) };
}

const attendanceInput = z.object({
  sessionId: z.string().uuid(),
  facilitatorId: z.string().uuid(),
  /** Everyone enrolled is present unless listed here (the facilitator unticks the absent). */
  absentCitizenIds: z.array(z.string().uuid()).max(1000).default([]),
});

export interface AttendanceOutcome {
  /** False when attendance had already been recorded (nothing changed). */
  recorded: boolean;
  present: number;
  absent: number;
}

/**
 * The facilitator closes a course session: everyone enrolled is present except the unticked ones,
 * all in one transaction, once (a second call, or a second facilitator, changes nothing). The
 * worker job `course-service-records` then writes one service record per citizen present.
 */
export async function recordCourseAttendance(
  deps: CoreDeps,
  raw: z.input<typeof attendanceInput>,
): Promise<AttendanceOutcome> {
  const input = parseInput(attendanceInput, raw, "recordCourseAttendance");
  return deps.transaction(async (repos) => {
    const session = await repos.courses.findSession(input.sessionId, { lock: true });
    if (!session) throw bookingErrors.courseNotFound();
    if (session.cancelledAt) throw courseErrors.cancelled();
    if (session.startsAt.getTime() > deps.clock.now().getTime()) throw courseErrors.attendanceTooEarly();
    if (!(await repos.courses.facilitatorRole(input.facilitatorId, session.pointId))) throw courseErrors.notAtPoint();
    const roster = await repos.courses.roster(session.id);
    if (session.attendanceRecordedAt) {
      return {
        recorded: false,
        present: roster.filter((r) => r.status === "attended").length,
        absent: roster.filter((r) => r.status === "no_show").length,
      };
    }
    const absentSet = new Set(input.absentCitizenIds);
    const enrolled = roster.filter((r) => r.status === "enrolled").map((r) => r.citizenId);
    const present = enrolled.filter((id) => !absentSet.has(id));
    const absent = enrolled.filter((id) => absentSet.has(id));
    await repos.courses.markAttendance(session.id, present, absent);
    await repos.courses.setAttendanceRecorded(session.id, deps.clock.now(), input.facilitatorId);
    await repos.outbox.append({ type: "course.attendance_recorded", sessionId: session.id, pointId: session.pointId });
    return { recorded: true, present: present.length, absent: absent.length };
  });
}

/**
 * One service record per citizen present at a session whose attendance is recorded (none for the
 * absent). Idempotent: `recordService` writes each once, so a job run twice leaves one per citizen.
 */
export async function writeCourseServiceRecords(
  deps: CoreDeps,
  sessionId: string,
): Promise<{ created: number; skipped: string | null }> {
  const view = await deps.repos.courses.findSessionView(sessionId);
  if (!view?.attendanceRecordedAt || !view.attendanceBy) return { created: 0, skipped: "attendance_not_recorded" };
  const role = await deps.repos.courses.facilitatorRole(view.attendanceBy, view.pointId);
  if (!role) return { created: 0, skipped: "facilitator_not_at_point" };
  const present = (await deps.repos.courses.roster(sessionId)).filter((r) => r.status === "attended");
  const minutes = Math.max(1, Math.min(5999, Math.round((view.endsAt.getTime() - view.startsAt.getTime()) / 60_000)));
  const course = view.course;
  let created = 0;
  for (const citizen of present) {
    const outcome = await recordService(deps, {
      source: { kind: "course", sessionId, citizenId: citizen.citizenId },
      citizenId: citizen.citizenId,
      pointId: view.pointId,
      siteId: view.siteId,
      facilitatorId: view.attendanceBy,
      facilitatorRole: role,
      startedAt: view.startsAt,
      durationMinutes: minutes,
      serviceTypes: [courseServiceType(course, view.online)],
      areas: course?.areas ?? [view.digcompArea],
      competences: course?.competences ?? [],
      publicServices: [],
      description: course ? `${course.title}${view.number ? ` (${view.number})` : ""}` : view.title,
    });
    if (outcome.created) created += 1;
  }
  return { created, skipped: null };
}

/** Every session with citizens present still lacking their record (the worker job's sweep). */
export async function writePendingCourseRecords(
  deps: CoreDeps,
  limit = 50,
): Promise<{ sessions: number; created: number }> {
  const ids = await deps.repos.courses.sessionsAwaitingRecords(limit);
  let created = 0;
  for (const id of ids) created += (await writeCourseServiceRecords(deps, id)).created;
  return { sessions: ids.length, created };
}
