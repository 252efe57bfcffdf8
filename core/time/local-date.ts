import type { IsoWeekday, LocalDate } from "../points/types.js";
import { validationError } from "./validation-error.js";

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface DateParts {
  year: number;
  month: number;
  day: number;
}

const BAD_DATE_IT = "Data non valida: scrivila come AAAA-MM-GG, per esempio 2026-04-25.";

const DAY_MS = 86_400_000;

/**
 * Milliseconds of a plain calendar day at UTC midnight: UTC has no DST, so day arithmetic on it is
 * exact. (Plain Date.UTC arithmetic: these helpers are hot, and luxon costs ~100× more here.)
 */
function dayValue(parts: DateParts): number {
  const date = new Date(0);
  date.setUTCFullYear(parts.year, parts.month - 1, parts.day);
  return date.getTime();
}

function partsOf(value: number): DateParts {
  const date = new Date(value);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

function toParts(value: string): DateParts | null {
  const match = LOCAL_DATE.exec(value);
  if (!match) return null;
  const parts = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  if (parts.year < 1 || parts.month < 1 || parts.month > 12 || parts.day < 1) return null;
  // Real date: it must come back unchanged (2026-02-30 would roll over to March).
  const back = partsOf(dayValue(parts));
  if (back.year !== parts.year || back.month !== parts.month || back.day !== parts.day) return null;
  return parts;
}

function format(parts: DateParts): LocalDate {
  return `${String(parts.year).padStart(4, "0")}-${String(parts.month).padStart(2, "0")}-${String(parts.day).padStart(2, "0")}`;
}

/** True for a real calendar date written exactly "YYYY-MM-DD" (so "2026-02-30" is false). */
export function isLocalDate(value: unknown): value is LocalDate {
  return typeof value === "string" && toParts(value) !== null;
}

/** Year, month (1–12) and day of a "YYYY-MM-DD" date; throws a validation error otherwise. */
export function parseLocalDate(value: string): DateParts {
  const parts = toParts(value);
  if (!parts) throw validationError("invalid local date (expected a real YYYY-MM-DD date)", BAD_DATE_IT);
  return parts;
}

/** Formats year, month and day as "YYYY-MM-DD"; throws when they are not a real date. */
export function formatLocalDate(parts: DateParts): LocalDate {
  const text = format(parts);
  parseLocalDate(text);
  return text;
}

/** The calendar date `days` days after `date` (negative goes back). Pure calendar: no zone, no DST. */
export function addDays(date: LocalDate, days: number): LocalDate {
  if (!Number.isInteger(days)) throw validationError("addDays needs an integer number of days", BAD_DATE_IT);
  const next = partsOf(dayValue(parseLocalDate(date)) + days * DAY_MS);
  if (next.year < 1 || next.year > 9999) throw validationError("date out of range", BAD_DATE_IT);
  return format(next);
}

/** `count` consecutive dates starting with `from` itself (count 0 gives []). */
export function listDates(from: LocalDate, count: number): LocalDate[] {
  if (!Number.isInteger(count) || count < 0) {
    throw validationError("listDates needs a non-negative integer count", BAD_DATE_IT);
  }
  const first = dayValue(parseLocalDate(from));
  return Array.from({ length: count }, (_, index) => format(partsOf(first + index * DAY_MS)));
}

/** ISO weekday of a calendar date: 1 = lunedì … 7 = domenica. */
export function isoWeekdayOfDate(date: LocalDate): IsoWeekday {
  const weekday = new Date(dayValue(parseLocalDate(date))).getUTCDay(); // 0 = Sunday
  return (weekday === 0 ? 7 : weekday) as IsoWeekday;
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return Math.round((dayValue(parseLocalDate(to)) - dayValue(parseLocalDate(from))) / DAY_MS);
}
