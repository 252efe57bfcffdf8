import { listDates } from "../time/local-date.js";
import { validationError } from "../time/validation-error.js";
import { localDateAt } from "../time/zoned-time.js";
import { openIntervals } from "./opening-hours.js";
import type { OpenInterval, PointSchedule } from "./types.js";

export type OpeningStatus =
  /** Open at `now`: `current` is the interval under way, closing at `closesAt`. */
  | { open: true; closesAt: Date; current: OpenInterval; next: OpenInterval | null }
  /** Closed at `now`. */
  | { open: false; next: OpenInterval | null };

/**
 * Is the point open at `now`, and when does it open next? `next` is the first interval starting
 * after `now` (after the current one when open) on today or the following `lookaheadDays` local
 * dates; null when there is none. An interval is open from `start` (included) to `end` (excluded).
 */
export function openingStatus(schedule: PointSchedule, now: Date, zone: string, lookaheadDays = 14): OpeningStatus {
  if (!Number.isInteger(lookaheadDays) || lookaheadDays < 0) {
    throw validationError("lookaheadDays must be a non-negative integer", "Intervallo di giorni non valido.");
  }
  const at = now.getTime();
  let current: OpenInterval | null = null;
  for (const date of listDates(localDateAt(now, zone), lookaheadDays + 1)) {
    for (const interval of openIntervals(schedule, date, zone)) {
      if (interval.end.getTime() <= at) continue;
      if (interval.start.getTime() <= at) {
        current ??= interval;
        continue;
      }
      return current ? { open: true, closesAt: current.end, current, next: interval } : { open: false, next: interval };
    }
  }
  return current ? { open: true, closesAt: current.end, current, next: null } : { open: false, next: null };
}
