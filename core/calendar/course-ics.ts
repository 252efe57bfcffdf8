import { getVtimezoneComponent } from "@touch4it/ical-timezones";
import { ICalAlarmType, ICalCalendar, ICalCalendarMethod, ICalEventStatus } from "ical-generator";
import { DateTime } from "luxon";
import type { CourseSession } from "../courses/ports.js";
import { ALARMS_BEFORE_SECONDS } from "./booking-ics.js";

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

const SAFE_NAME = /^[a-z0-9][a-z0-9-]{0,40}$/;

/**
 * An iCalendar file for one course session, like a booking's (booking-ics.ts): a stable UID from
 * the session, its SEQUENCE (grows when it is moved or cancelled), times in the network's zone,
 * two reminders; cancelled, METHOD:CANCEL with the same UID removes it from the calendar.
 */
export function courseIcs(input: CourseIcsInput): { filename: string; content: string } {
  const { session, timeZone } = input;
  const calendar = new ICalCalendar({ prodId: { company: "Sportello", product: "Sportello", language: "IT" } });
  calendar.method(input.cancelled ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.PUBLISH);
  calendar.timezone({ name: timeZone, generator: getVtimezoneComponent });
  calendar.createEvent({
    id: `course-${session.id}@sportello`,
    // leaving a course is a change of the citizen's copy: one more than the session's own
    sequence: session.sequence + (input.cancelled ? 1 : 0),
    stamp: DateTime.fromJSDate(input.now, { zone: "utc" }),
    start: DateTime.fromJSDate(session.startsAt).setZone(timeZone),
    end: DateTime.fromJSDate(session.endsAt).setZone(timeZone),
    timezone: timeZone,
    summary: input.summary,
    description: input.description,
    status: input.cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    ...(input.location
      ? {
          location: input.coordinates
            ? { title: input.location, geo: { lat: input.coordinates.lat, lon: input.coordinates.lon } }
            : input.location,
        }
      : {}),
    ...(input.cancelled
      ? {}
      : {
          alarms: ALARMS_BEFORE_SECONDS.map((seconds) => ({
            type: ICalAlarmType.display,
            trigger: seconds,
            description: input.summary,
          })),
        }),
  });
  const day = DateTime.fromJSDate(session.startsAt).setZone(timeZone).toFormat("yyyy-LL-dd");
  const stem = SAFE_NAME.test(input.fileName) ? input.fileName : "corso";
  const utc = DateTime.fromJSDate(input.now, { zone: "utc" }).toFormat("yyyyLLdd'T'HHmmss'Z'");
  return {
    filename: `${stem}-${day}.ics`,
    content: calendar.toString().replace(/^DTSTAMP[:;].*$/gm, `DTSTAMP:${utc}`),
  };
}
