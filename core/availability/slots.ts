import type { LocalDate, OpenInterval } from "../points/types.js";
import { addDays } from "../time/local-date.js";
import { validationError } from "../time/validation-error.js";
import { localDateAt, localDayBounds } from "../time/zoned-time.js";
import { quarterUnits } from "./quarter-units.js";

export const DEFAULT_NOTICE_MINUTES = 120;
export const DEFAULT_HORIZON_DAYS = 30;

export interface SlotsInput {
  /** The open intervals of one local date (from `openIntervals`). */
  intervals: OpenInterval[];
  /** Length of the service's slot, a positive multiple of 15. */
  slotMinutes: number;
  /** Bookable workstations of the point, ≥ 1. */
  capacity: number;
  /** Active bookings of the point on that date, of every service (they share the workstations). */
  bookings: ReadonlyArray<{ start: Date; end: Date }>;
  now: Date;
  /** Earliest bookable start is now + notice. Default 120. */
  noticeMinutes?: number;
  /** Last bookable local date is today + horizonDays (inclusive). Default 30. */
  horizonDays?: number;
  zone: string;
}

export interface FreeSlot {
  start: Date;
  end: Date;
  /** Workstations still free for the whole slot. */
  free: number;
  /** The host site and visit, for an itinerant point's slots. */
  siteId?: string;
  visitId?: string;
}

/** Why a requested start cannot be booked; the booking service words it in Italian. */
export type SlotRefusal =
  | { ok: false; reason: "past" }
  | { ok: false; reason: "too_soon"; earliest: Date }
  | { ok: false; reason: "beyond_horizon"; lastDate: LocalDate }
  | { ok: false; reason: "closed_day" }
  | { ok: false; reason: "not_slot_start" }
  | { ok: false; reason: "full" };

export type SlotCheck = { ok: true; slot: FreeSlot } | SlotRefusal;

function integerAtLeast(value: number, min: number): boolean {
  return Number.isInteger(value) && value >= min;
}

function checkInput(input: SlotsInput): { notice: number; horizon: number } {
  const notice = input.noticeMinutes ?? DEFAULT_NOTICE_MINUTES;
  const horizon = input.horizonDays ?? DEFAULT_HORIZON_DAYS;
  const problems: string[] = [];
  if (!integerAtLeast(input.slotMinutes, 15) || input.slotMinutes % 15 !== 0) problems.push("slotMinutes");
  if (!integerAtLeast(input.capacity, 1)) problems.push("capacity");
  if (!integerAtLeast(notice, 0)) problems.push("noticeMinutes");
  if (!integerAtLeast(horizon, 0)) problems.push("horizonDays");
  if (!Number.isFinite(input.now.getTime())) problems.push("now");
  if (problems.length > 0) {
    throw validationError(`invalid slot parameters: ${problems.join(", ")}`, "Parametri di prenotazione non validi.", {
      problems,
    });
  }
  return { notice, horizon };
}

/** Every slot of the grid (stepping by the slot length from each interval's start) with its free count. */
function gridSlots(input: SlotsInput): FreeSlot[] {
  const occupancy = new Map<number, number>();
  for (const booking of input.bookings) {
    for (const unit of quarterUnits(booking)) {
      occupancy.set(unit.getTime(), (occupancy.get(unit.getTime()) ?? 0) + 1);
    }
  }
  const step = input.slotMinutes * 60_000;
  const slots: FreeSlot[] = [];
  for (const interval of input.intervals) {
    const last = interval.end.getTime() - step;
    for (let start = interval.start.getTime(); start <= last; start += step) {
      const slot = { start: new Date(start), end: new Date(start + step) };
      let busiest = 0;
      for (const unit of quarterUnits(slot)) busiest = Math.max(busiest, occupancy.get(unit.getTime()) ?? 0);
      slots.push({
        ...slot,
        free: input.capacity - busiest,
        ...(interval.siteId === undefined ? {} : { siteId: interval.siteId }),
        ...(interval.visitId === undefined ? {} : { visitId: interval.visitId }),
      });
    }
  }
  return slots.sort((a, b) => a.start.getTime() - b.start.getTime());
}

/**
 * Free slots of one point, one service and one local date. Slots step by `slotMinutes` of real time
 * from each interval's start and must fit in the interval; a slot is listed when it starts at or
 * after now + notice, its local date (of the start, in `zone`) is at most today + horizonDays, and
 * free ≥ 1, where free = capacity − the most bookings overlapping any 15-minute unit of the slot.
 */
export function freeSlots(input: SlotsInput): FreeSlot[] {
  const { notice, horizon } = checkInput(input);
  const earliest = input.now.getTime() + notice * 60_000;
  // A slot's local date is within the horizon when it starts before the day after the last date.
  const horizonEnd = localDayBounds(
    addDays(localDateAt(input.now, input.zone), horizon + 1),
    input.zone,
  ).start.getTime();
  return gridSlots(input).filter(
    (slot) => slot.start.getTime() >= earliest && slot.free >= 1 && slot.start.getTime() < horizonEnd,
  );
}

/**
 * Whether `start` is one of the free slots of `freeSlots(input)`, and if not the first reason, in
 * this order: past (before now), too_soon (before now + notice), beyond_horizon, closed_day (no open
 * interval that date), not_slot_start (not a grid start that fits), full (no workstation free).
 */
export function isBookableSlot(input: SlotsInput & { start: Date }): SlotCheck {
  const { notice, horizon } = checkInput(input);
  const at = input.start.getTime();
  if (!Number.isFinite(at)) throw validationError("invalid requested start", "Orario non valido.");
  const now = input.now.getTime();
  if (at < now) return { ok: false, reason: "past" };
  const earliest = now + notice * 60_000;
  if (at < earliest) return { ok: false, reason: "too_soon", earliest: new Date(earliest) };
  const lastDate = addDays(localDateAt(input.now, input.zone), horizon);
  if (localDateAt(input.start, input.zone) > lastDate) return { ok: false, reason: "beyond_horizon", lastDate };
  if (input.intervals.length === 0) return { ok: false, reason: "closed_day" };
  const slot = gridSlots(input).find((s) => s.start.getTime() === at);
  if (!slot) return { ok: false, reason: "not_slot_start" };
  if (slot.free < 1) return { ok: false, reason: "full" };
  return { ok: true, slot };
}
