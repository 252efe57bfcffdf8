import { getVtimezoneComponent } from "@touch4it/ical-timezones";
import { ICalAlarmType, ICalCalendar, ICalCalendarMethod, ICalEventStatus } from "ical-generator";
import { DateTime } from "luxon";

/** Reminders on the phone's calendar: the day before, and two hours before. */
export const ALARMS_BEFORE_SECONDS = [24 * 60 * 60, 2 * 60 * 60] as const;

export interface EventIcsInput {
  /** Stable for the event's whole life: calendars update the event with this UID. */
  uid: string;
  /** Grows at every change, so a calendar replaces its copy. */
  sequence: number;
  startsAt: Date;
  endsAt: Date;
  /** Tentative (a remote request not yet confirmed) or confirmed; ignored when cancelled. */
  tentative?: boolean;
  /** The file removes the event (METHOD:CANCEL, STATUS:CANCELLED, no reminder). */
  cancelled: boolean;
  summary: string;
  description: string;
  location: string | null;
  coordinates?: { lat: number; lon: number } | null;
  organizer?: { name: string; email: string } | null;
  /** When the file is produced (DTSTAMP). */
  now: Date;
  timeZone: string;
  /** The file name before the date, in the citizen's language; `fallbackName` when unsafe. */
  fileName?: string;
  fallbackName: string;
}

const SAFE_NAME = /^[a-z0-9][a-z0-9-]{0,40}$/;

/**
 * One event as an iCalendar file: times written in the network's zone with its VTIMEZONE, DTSTAMP
 * in UTC as RFC 5545 wants, two reminders while the event stands. The file is named after the
 * event's local day.
 */
export function eventIcs(input: EventIcsInput): { filename: string; content: string } {
  const { timeZone, cancelled } = input;
  const calendar = new ICalCalendar({ prodId: { company: "Sportello", product: "Sportello", language: "IT" } });
  calendar.method(cancelled ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.PUBLISH);
  calendar.timezone({ name: timeZone, generator: getVtimezoneComponent });
  calendar.createEvent({
    id: input.uid,
    sequence: input.sequence,
    stamp: DateTime.fromJSDate(input.now, { zone: "utc" }),
    start: DateTime.fromJSDate(input.startsAt).setZone(timeZone),
    end: DateTime.fromJSDate(input.endsAt).setZone(timeZone),
    timezone: timeZone,
    summary: input.summary,
    description: input.description,
    status: cancelled
      ? ICalEventStatus.CANCELLED
      : input.tentative
        ? ICalEventStatus.TENTATIVE
        : ICalEventStatus.CONFIRMED,
    ...(input.organizer ? { organizer: { name: input.organizer.name, email: input.organizer.email } } : {}),
    ...(input.location
      ? {
          location: input.coordinates
            ? { title: input.location, geo: { lat: input.coordinates.lat, lon: input.coordinates.lon } }
            : input.location,
        }
      : {}),
    ...(cancelled
      ? {}
      : {
          alarms: ALARMS_BEFORE_SECONDS.map((seconds) => ({
            type: ICalAlarmType.display,
            trigger: seconds,
            description: input.summary,
          })),
        }),
  });
  const day = DateTime.fromJSDate(input.startsAt).setZone(timeZone).toFormat("yyyy-LL-dd");
  const stem = input.fileName && SAFE_NAME.test(input.fileName) ? input.fileName : input.fallbackName;
  return { filename: `${stem}-${day}.ics`, content: utcStamp(calendar.toString(), input.now) };
}

/**
 * ical-generator writes DTSTAMP in the calendar's zone (local time, no "Z") when the calendar has
 * one; RFC 5545 (3.8.7.2) requires UTC. The line is short (never folded), so it is rewritten whole.
 */
function utcStamp(content: string, now: Date): string {
  const utc = DateTime.fromJSDate(now, { zone: "utc" }).toFormat("yyyyLLdd'T'HHmmss'Z'");
  return content.replace(/^DTSTAMP[:;].*$/gm, `DTSTAMP:${utc}`);
}
