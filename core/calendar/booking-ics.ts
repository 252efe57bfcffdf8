import type { Booking } from "../booking/booking.js";
import { eventIcs } from "./event-ics.js";

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

/**
 * An iCalendar file for one booking. The UID is derived from the booking id and never changes;
 * SEQUENCE is the booking's, which grows at every change, so calendars update the same event
 * instead of adding a new one. A pending booking is tentative. A cancelled booking gives the
 * cancelling file (METHOD:CANCEL, STATUS:CANCELLED, the same UID, its higher SEQUENCE, no
 * reminder): opened, it removes the event from the calendar.
 */
export function bookingIcs(input: BookingIcsInput): { filename: string; content: string } {
  const { booking } = input;
  return eventIcs({
    ...input,
    uid: `${booking.id}@sportello`,
    sequence: booking.sequence,
    startsAt: booking.startsAt,
    endsAt: booking.endsAt,
    tentative: booking.status === "pending",
    cancelled: booking.status === "cancelled_by_citizen" || booking.status === "cancelled_by_point",
    fallbackName: "appuntamento",
  });
}
