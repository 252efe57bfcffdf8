import { DateTime } from "luxon";
import type { IsoWeekday, LocalDate, LocalTime } from "../points/types.js";
import { addDays, parseLocalDate } from "./local-date.js";
import { parseLocalTime } from "./local-time.js";
import { validationError } from "./validation-error.js";
import { assertTimeZone } from "./zone.js";

function zoned(instant: Date, zone: string): DateTime {
  assertTimeZone(zone);
  const dt = DateTime.fromJSDate(instant, { zone });
  if (!dt.isValid) throw validationError("invalid instant", "Data o ora non valida.");
  return dt;
}

/**
 * The real instant of a wall-clock date and time in `zone`. DST rules (the same as Temporal's
 * "compatible" disambiguation):
 * - a time that does not exist (spring-forward gap) is shifted forward by the length of the gap:
 *   in Europe/Rome on 2026-03-29, 02:30 → 03:30 CEST (01:30Z), 02:00 → 03:00 CEST (01:00Z);
 * - a time that happens twice (autumn fall-back) is the first occurrence, still in summer time:
 *   on 2026-10-25, 02:30 → 02:30 CEST (00:30Z), not 02:30 CET (01:30Z).
 */
export function localToInstant(date: LocalDate, time: LocalTime, zone: string): Date {
  const key = `${zone}|${date}|${time}`;
  const cached = instants.get(key);
  if (cached !== undefined) return new Date(cached);
  assertTimeZone(zone);
  const dt = DateTime.fromObject({ ...parseLocalDate(date), ...parseLocalTime(time) }, { zone });
  if (!dt.isValid) throw validationError("local date and time out of range", "Data o ora non valida.");
  // Luxon already shifts gap times forward; for repeated times it may pick either, so take the earliest.
  const earliest = Math.min(...dt.getPossibleOffsets().map((candidate) => candidate.toMillis()));
  if (instants.size >= MAX_CACHED_INSTANTS) instants.clear();
  instants.set(key, earliest);
  return new Date(earliest);
}

/**
 * `localToInstant` is pure and hot (every opening-hours answer converts dozens of wall-clock
 * times, mostly the same few): remember recent results. Bounded; cleared when full.
 */
const instants = new Map<string, number>();
const MAX_CACHED_INSTANTS = 50_000;

/** The first instant of a local date and the first instant of the next one, in `zone`. */
export function localDayBounds(date: LocalDate, zone: string): { start: Date; end: Date } {
  // Midnight inside a DST gap (some zones) shifts forward: still the first instant of the day.
  return { start: localToInstant(date, "00:00", zone), end: localToInstant(addDays(date, 1), "00:00", zone) };
}

/** Recently seen local days per zone: most instants asked about fall on a handful of days. */
const recentDays = new Map<string, Array<{ start: number; end: number; date: LocalDate }>>();
const RECENT_DAYS = 16;

/** The local date ("YYYY-MM-DD") of an instant in `zone`. */
export function localDateAt(instant: Date, zone: string): LocalDate {
  const at = instant.getTime();
  const days = recentDays.get(zone);
  const hit = days?.find((day) => day.start <= at && at < day.end);
  if (hit) return hit.date;
  const dt = zoned(instant, zone);
  const date = `${String(dt.year).padStart(4, "0")}-${String(dt.month).padStart(2, "0")}-${String(dt.day).padStart(2, "0")}`;
  const bounds = localDayBounds(date, zone);
  const list = days ?? [];
  list.unshift({ start: bounds.start.getTime(), end: bounds.end.getTime(), date });
  if (list.length > RECENT_DAYS) list.pop();
  recentDays.set(zone, list);
  return date;
}

/** The wall-clock time ("HH:MM", seconds dropped) of an instant in `zone`. */
export function localTimeAt(instant: Date, zone: string): LocalTime {
  const dt = zoned(instant, zone);
  return `${String(dt.hour).padStart(2, "0")}:${String(dt.minute).padStart(2, "0")}`;
}

/** The ISO weekday (1 = lunedì … 7 = domenica) of an instant in `zone`. */
export function isoWeekdayAt(instant: Date, zone: string): IsoWeekday {
  return zoned(instant, zone).weekday as IsoWeekday;
}
