import { type FreeSlot, isBookableSlot, type SlotCheck } from "../availability/slots.js";
import type { SportelloError } from "../errors.js";
import type { OpenInterval } from "../points/types.js";
import type { PointDetails, PointServiceInfo, TimeSpan } from "../ports.js";
import { bookingErrors } from "./booking-errors.js";
import type { BookingPolicy } from "./policy.js";

/** Turns a refused slot into the error the citizen reads. */
export function slotRefusalError(check: Exclude<SlotCheck, { ok: true }>, policy: BookingPolicy): SportelloError {
  switch (check.reason) {
    case "past":
      return bookingErrors.slotInPast();
    case "too_soon":
      return bookingErrors.tooSoon(policy.minNoticeMinutes);
    case "beyond_horizon":
      return bookingErrors.beyondHorizon(policy.horizonDays);
    case "closed_day":
      return bookingErrors.closedDay();
    case "not_slot_start":
      return bookingErrors.notASlot();
    case "full":
      return bookingErrors.capacityReached();
  }
}

/** The free slot starting at `start`, or the error that says why it cannot be booked. */
export function requireBookableSlot(input: {
  point: PointDetails;
  service: PointServiceInfo;
  intervals: OpenInterval[];
  openBookings: TimeSpan[];
  now: Date;
  policy: BookingPolicy;
  zone: string;
  start: Date;
}): FreeSlot {
  const check = isBookableSlot({
    intervals: input.intervals,
    slotMinutes: input.service.slotMinutes,
    capacity: input.point.bookableWorkstations,
    bookings: input.openBookings,
    now: input.now,
    noticeMinutes: input.policy.minNoticeMinutes,
    horizonDays: input.policy.horizonDays,
    zone: input.zone,
    start: input.start,
  });
  if (!check.ok) throw slotRefusalError(check, input.policy);
  return check.slot;
}
