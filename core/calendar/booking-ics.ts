import type { Booking } from "../booking/booking.js";
import { type EventIcsInput, eventIcs } from "./event-ics.js";

/** The booking, and the event's texts in the citizen's language (see `EventIcsInput`). */
export type BookingIcsInput = { booking: Booking } & Pick<
  EventIcsInput,
  "summary" | "description" | "location" | "coordinates" | "organizer" | "now" | "timeZone" | "fileName"
>;

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
