import type { SlotCheck } from "../availability/slots.js";
import type { SportelloError } from "../errors.js";
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
