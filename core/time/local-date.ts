import { DateTime } from "luxon";
import type { IsoWeekday, LocalDate } from "../points/types.js";
import { validationError } from "./validation-error.js";

const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface DateParts {
  year: number;
  month: number;
  day: number;
}

const BAD_DATE_IT = "Data non valida: scrivila come AAAA-MM-GG, per esempio 2026-04-25.";

function calendarDay(parts: DateParts): DateTime {
  // A plain calendar day: UTC has no DST, so day arithmetic is exact.
  return DateTime.fromObject(parts, { zone: "utc" });
}

function toParts(value: string): DateParts | null {
  const match = LOCAL_DATE.exec(value);
  if (!match) return null;
  const parts = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  if (parts.year < 1 || !calendarDay(parts).isValid) return null;
  return parts;
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
  const text = `${String(parts.year).padStart(4, "0")}-${String(parts.month).padStart(2, "0")}-${String(parts.day).padStart(2, "0")}`;
  parseLocalDate(text);
  return text;
}

/** The calendar date `days` days after `date` (negative goes back). Pure calendar: no zone, no DST. */
export function addDays(date: LocalDate, days: number): LocalDate {
  if (!Number.isInteger(days)) throw validationError("addDays needs an integer number of days", BAD_DATE_IT);
  const next = calendarDay(parseLocalDate(date)).plus({ days });
  return formatLocalDate({ year: next.year, month: next.month, day: next.day });
}

/** `count` consecutive dates starting with `from` itself (count 0 gives []). */
export function listDates(from: LocalDate, count: number): LocalDate[] {
  if (!Number.isInteger(count) || count < 0) {
    throw validationError("listDates needs a non-negative integer count", BAD_DATE_IT);
  }
  parseLocalDate(from);
  return Array.from({ length: count }, (_, index) => addDays(from, index));
}

/** ISO weekday of a calendar date: 1 = lunedì … 7 = domenica. */
export function isoWeekdayOfDate(date: LocalDate): IsoWeekday {
  return calendarDay(parseLocalDate(date)).weekday as IsoWeekday;
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return Math.round(calendarDay(parseLocalDate(to)).diff(calendarDay(parseLocalDate(from)), "days").days);
}
