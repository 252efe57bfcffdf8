import type { LocalDate } from "../points/types.js";
import type { CoreDeps } from "../ports.js";
import { localDayBounds } from "../time/zoned-time.js";
import type { CourseSessionView, RosterEntry } from "./ports.js";

export interface AgendaCourse {
  session: CourseSessionView;
  /** Everyone enrolled (or already marked), by name. */
  roster: RosterEntry[];
  /** Attendance can be recorded: the session has started and nobody recorded it yet. */
  canRecordAttendance: boolean;
}

/**
 * The course sessions of a facilitator's points on one local day (for the agenda "Oggi" /
 * "Domani"), each with its enrolled citizens. Cancelled sessions are left out.
 */
export async function courseAgenda(
  deps: CoreDeps,
  input: { pointIds: readonly string[]; date: LocalDate },
): Promise<AgendaCourse[]> {
  const { start, end } = localDayBounds(input.date, deps.timeZone);
  const sessions = await deps.repos.courses.sessionsStartingBetween(input.pointIds, start, end);
  const now = deps.clock.now().getTime();
  const out: AgendaCourse[] = [];
  for (const session of sessions) {
    out.push({
      session,
      roster: await deps.repos.courses.roster(session.id),
      canRecordAttendance: session.startsAt.getTime() <= now && session.attendanceRecordedAt === null,
    });
  }
  return out;
}
