import { getVtimezoneComponent } from "@touch4it/ical-timezones";
import { ICalAlarmType, ICalCalendar, ICalCalendarMethod, ICalEventStatus } from "ical-generator";
import { DateTime } from "luxon";
import type { Booking } from "../booking/booking.js";

export interface BookingIcsInput {
  booking: Booking;
  /** Title in the citizen's language, e.g. "Facilitazione digitale – Biblioteca Civica Centrale". */
  summary: string;
  /** Plain text lines: what, how, how to change it. */
  description: string;
  location: string | null;
  coordinates?: { lat: number; lon: number } | null;
  /** Who holds the appointment (the point), when it has an email address. */
  organizer?: { name: string; email: string } | null;
  /** When the file is produced (DTSTAMP). */
  now: Date;
  timeZone: string;
  /** The file name before the date, in the citizen's language: "appuntamento", "appointment"… */
  fileName?: string;
}

const STATUS: Record<Booking["status"], ICalEventStatus> = {
  pending: ICalEventStatus.TENTATIVE,
  confirmed: ICalEventStatus.CONFIRMED,
  completed: ICalEventStatus.CONFIRMED,
  no_show: ICalEventStatus.CONFIRMED,
  cancelled_by_citizen: ICalEventStatus.CANCELLED,
  cancelled_by_point: ICalEventStatus.CANCELLED,
};

/** Reminders on the phone's calendar: the day before, and two hours before. */
export const ALARMS_BEFORE_SECONDS = [24 * 60 * 60, 2 * 60 * 60] as const;

const SAFE_NAME = /^[a-z0-9][a-z0-9-]{0,40}$/;

/**
 * An iCalendar file for one booking. The UID is derived from the booking id and never changes;
 * SEQUENCE is the booking's, which grows at every change, so calendars update the same event
 * instead of adding a new one. Times are written in the network's zone with its VTIMEZONE;
 * DTSTAMP in UTC, as RFC 5545 wants. An open booking carries two reminders (a day and two hours
 * before). A cancelled booking gives the cancelling file (METHOD:CANCEL, STATUS:CANCELLED, the
 * same UID, its higher SEQUENCE, no reminder): opened, it removes the event from the calendar.
 */
export function bookingIcs(input: BookingIcsInput): { filename: string; content: string } {
  const { booking, timeZone } = input;
  const cancelled = STATUS[booking.status] === ICalEventStatus.CANCELLED;
  const calendar = new ICalCalendar({ prodId: { company: "Sportello", product: "Sportello", language: "IT" } });
  calendar.method(cancelled ? ICalCalendarMethod.CANCEL : ICalCalendarMethod.PUBLISH);
  calendar.timezone({ name: timeZone, generator: getVtimezoneComponent });
  calendar.createEvent({
    id: `${booking.id}@sportello`,
    sequence: booking.sequence,
    stamp: DateTime.fromJSDate(input.now, { zone: "utc" }),
    start: DateTime.fromJSDate(booking.startsAt).setZone(timeZone),
    end: DateTime.fromJSDate(booking.endsAt).setZone(timeZone),
    timezone: timeZone,
    summary: input.summary,
    description: input.description,
    status: STATUS[booking.status],
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
  const day = DateTime.fromJSDate(booking.startsAt).setZone(timeZone).toFormat("yyyy-LL-dd");
  const stem = input.fileName && SAFE_NAME.test(input.fileName) ? input.fileName : "appuntamento";
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
