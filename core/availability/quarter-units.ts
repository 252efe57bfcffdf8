import { validationError } from "../time/validation-error.js";

/** One booking-grid unit: 15 real minutes. */
export const QUARTER_MS = 15 * 60 * 1000;

/** Longest span `quarterUnits` accepts (7 days), a guard against runaway ranges. */
export const MAX_UNITS = 7 * 24 * 4;

/**
 * The 15-minute units a span covers, as the start instants of each unit: real quarter hours
 * aligned to the epoch (so to :00/:15/:30/:45 in every zone whose offset is whole quarter hours,
 * Europe/Rome included), from the unit containing `start` up to the one containing `end - 1ms`.
 * Real time, so a span across a DST change gets its true number of units (01:00–04:00 local is
 * 8 units on 2026-03-29 and 16 on 2026-10-25 in Europe/Rome). Occupancy is counted per unit.
 */
export function quarterUnits(span: { start: Date; end: Date }): Date[] {
  const start = span.start.getTime();
  const end = span.end.getTime();
  if (!Number.isFinite(start) || !Number.isFinite(end) || end <= start) {
    throw validationError("span must have a valid start before its end", "Orario non valido.");
  }
  const first = Math.floor(start / QUARTER_MS) * QUARTER_MS;
  const count = Math.ceil((end - first) / QUARTER_MS);
  if (count > MAX_UNITS) throw validationError("span longer than 7 days", "Intervallo troppo lungo.", { count });
  return Array.from({ length: count }, (_, i) => new Date(first + i * QUARTER_MS));
}
