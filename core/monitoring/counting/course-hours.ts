/**
 * Group-course hours a point owes (domain.md: "at least 50 hours a year per point").
 *
 * Rule: the year is the calendar year. A point owes 50 hours for each full calendar year it is
 * active, pro rata by days for a partial year: active days in the year / days in the year × 50.
 * "Due by a date" applies the same pro rata to the days from 1 January (or the day it became
 * active) to that date, so on 30 June a point active all year is due 50 × 181/365 = 24.8 hours.
 * Over several years (the project so far) the amounts due in each year are added.
 *
 * Example: a point opened on 1 July 2024 owes 50 × 184/366 = 25.1 hours in 2024 and 50 in 2025.
 */
import type { LocalDate } from "../../points/types.js";
import { daysBetween } from "../../time/local-date.js";

export const COURSE_HOURS_PER_YEAR = 50;

export interface ActivePeriod {
  /** First day the point is active (opened, or joined the project). */
  from: LocalDate;
  /** Last active day; null while it is still active. */
  to: LocalDate | null;
}

const maxDate = (a: LocalDate, b: LocalDate) => (a > b ? a : b);
const minDate = (a: LocalDate, b: LocalDate) => (a < b ? a : b);
const overlapDays = (from: LocalDate, to: LocalDate) => (to < from ? 0 : daysBetween(from, to) + 1);
const daysInYear = (year: number) => (new Date(Date.UTC(year, 1, 29)).getUTCMonth() === 1 ? 366 : 365);

/** Hours owed in one calendar year, counting the active days up to `upTo` (default: the whole year). */
export function courseHoursDueInYear(year: number, active: ActivePeriod, upTo?: LocalDate): number {
  const yearStart = `${String(year).padStart(4, "0")}-01-01`;
  const yearEnd = `${String(year).padStart(4, "0")}-12-31`;
  let end = minDate(yearEnd, active.to ?? yearEnd);
  if (upTo !== undefined) end = minDate(end, upTo);
  const days = overlapDays(maxDate(yearStart, active.from), end);
  return (COURSE_HOURS_PER_YEAR * days) / daysInYear(year);
}

/** Hours owed from the point's first active day to `asOf`, over as many calendar years as that takes. */
export function courseHoursDue(active: ActivePeriod, asOf: LocalDate): number {
  const firstYear = Number(active.from.slice(0, 4));
  const lastYear = Number(asOf.slice(0, 4));
  let due = 0;
  for (let year = firstYear; year <= lastYear; year++) due += courseHoursDueInYear(year, active, asOf);
  return due;
}
