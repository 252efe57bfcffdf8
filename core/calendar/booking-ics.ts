import { getVtimezoneComponent } from "@touch4it/ical-timezones";
import { ICalCalendar, ICalCalendarMethod, ICalEventStatus } from "ical-generator";
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
  /** When the file is produced (DTSTAMP). */
  now: Date;
  timeZone: string;
}

const STATUS: Record<Booking["status"], ICalEventStatus> = {
  pending: ICalEventStatus.TENTATIVE,
  confirmed: ICalEventStatus.CONFIRMED,
  completed: ICalEventStatus.CONFIRMED,
  no_show: ICalEventStatus.CONFIRMED,
  cancelled_by_citizen: ICalEventStatus.CANCELLED,
  cancelled_by_point: ICalEventStatus.CANCELLED,
};

/**
 * An iCalendar file for one booking. The UID is derived from the booking id and never changes;
 * SEQUENCE is the booking's, which grows at every change, so calendars update the same event
 * instead of adding a new one. Times are written in the network's zone with its VTIMEZONE.
 */
export function bookingIcs(input: BookingIcsInput): { filename: string; content: string } {
  const { booking, timeZone } = input;
  const calendar = new ICalCalendar({ prodId: { company: "Sportello", product: "Sportello", language: "IT" } });
  calendar.method(ICalCalendarMethod.PUBLISH);
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
    ...(input.location
      ? {
          location: input.coordinates
            ? { title: input.location, geo: { lat: input.coordinates.lat, lon: input.coordinates.lon } }
            : input.location,
        }
      : {}),
    ...(STATUS[booking.status] === ICalEventStatus.CANCELLED
      ? {}
      : { alarms: [{ type: "display" as never, trigger: 2 * 60 * 60, description: input.summary }] }),
  });
  const day = DateTime.fromJSDate(booking.startsAt).setZone(timeZone).toFormat("yyyy-LL-dd");
  return { filename: `appuntamento-${day}.ics`, content: calendar.toString() };
}
