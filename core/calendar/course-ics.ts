import type { CourseSession } from "../courses/ports.js";
import { eventIcs } from "./event-ics.js";

export interface CourseIcsInput {
  session: Pick<CourseSession, "id" | "startsAt" | "endsAt" | "sequence">;
  /** The citizen's seat is gone (they left, or the course was cancelled): the file removes the event. */
  cancelled: boolean;
  summary: string;
  description: string;
  location: string | null;
  coordinates?: { lat: number; lon: number } | null;
  now: Date;
  timeZone: string;
  /** The file name before the date, in the citizen's language ("corso", "course"). */
  fileName: string;
}

/**
 * An iCalendar file for one course session, like a booking's: a stable UID from the session, its
 * SEQUENCE (grows when it is moved or cancelled); cancelled, METHOD:CANCEL with the same UID
 * removes it from the calendar.
 */
export function courseIcs(input: CourseIcsInput): { filename: string; content: string } {
  const { session } = input;
  return eventIcs({
    ...input,
    uid: `course-${session.id}@sportello`,
    // leaving a course is a change of the citizen's copy: one more than the session's own
    sequence: session.sequence + (input.cancelled ? 1 : 0),
    startsAt: session.startsAt,
    endsAt: session.endsAt,
    fallbackName: "corso",
  });
}
