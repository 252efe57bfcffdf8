import type { LocalDate } from "../points/types.js";
import { addDays, isLocalDate, isoWeekdayOfDate } from "../time/local-date.js";
import { fold } from "./text-input.js";

const MONTHS: Record<string, number> = {
  gennaio: 1,
  febbraio: 2,
  marzo: 3,
  aprile: 4,
  maggio: 5,
  giugno: 6,
  luglio: 7,
  agosto: 8,
  settembre: 9,
  ottobre: 10,
  novembre: 11,
  dicembre: 12,
  january: 1,
  february: 2,
  march: 3,
  april: 4,
  may: 5,
  june: 6,
  july: 7,
  august: 8,
  september: 9,
  october: 10,
  november: 11,
  december: 12,
  gen: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  mag: 5,
  giu: 6,
  lug: 7,
  ago: 8,
  set: 9,
  ott: 10,
  nov: 11,
  dic: 12,
  jan: 1,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  dec: 12,
};

const WEEKDAYS: Record<string, number> = {
  lunedi: 1,
  martedi: 2,
  mercoledi: 3,
  giovedi: 4,
  venerdi: 5,
  sabato: 6,
  domenica: 7,
  monday: 1,
  tuesday: 2,
  wednesday: 3,
  thursday: 4,
  friday: 5,
  saturday: 6,
  sunday: 7,
};

function build(year: number, month: number, day: number): LocalDate | undefined {
  const date = `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  return isLocalDate(date) ? date : undefined;
}

/**
 * A date as people type it: "15/12", "15-12-2026", "15 dicembre", "oggi", "domani", "giovedì",
 * "tomorrow". Without a year, the next such date from today. Undefined when not a date.
 */
export function parseTypedDate(text: string, today: LocalDate): LocalDate | undefined {
  const folded = fold(text);
  if (folded === "oggi" || folded === "today") return today;
  if (folded === "domani" || folded === "tomorrow") return addDays(today, 1);
  if (folded === "dopodomani") return addDays(today, 2);
  const weekday = WEEKDAYS[folded];
  if (weekday !== undefined) {
    const current = isoWeekdayOfDate(today);
    return addDays(today, (weekday - current + 7) % 7 || 7);
  }
  const [todayYear = 0] = today.split("-").map(Number);
  const numeric = /^(\d{1,2})\s+(\d{1,2})(?:\s+(\d{2}|\d{4}))?$/.exec(folded);
  const named = /^(?:[a-z]+\s+)?(\d{1,2})\s+([a-z]+)(?:\s+(\d{4}))?$/.exec(folded);
  // English order: "Dec 2", "Wednesday December 2"
  const monthFirst = /^(?:[a-z]+\s+)?([a-z]+)\s+(\d{1,2})(?:\s+(\d{4}))?$/.exec(folded);
  let day: number;
  let month: number | undefined;
  let year: number | undefined;
  if (numeric) {
    day = Number(numeric[1]);
    month = Number(numeric[2]);
    year = numeric[3] ? Number(numeric[3].length === 2 ? `20${numeric[3]}` : numeric[3]) : undefined;
  } else if (named) {
    day = Number(named[1]);
    month = MONTHS[named[2] ?? ""];
    year = named[3] ? Number(named[3]) : undefined;
  } else if (monthFirst && MONTHS[monthFirst[1] ?? ""] !== undefined) {
    day = Number(monthFirst[2]);
    month = MONTHS[monthFirst[1] ?? ""];
    year = monthFirst[3] ? Number(monthFirst[3]) : undefined;
  } else {
    return undefined;
  }
  if (month === undefined) return undefined;
  if (year !== undefined) return build(year, month, day);
  const thisYear = build(todayYear, month, day);
  if (thisYear && thisYear >= today) return thisYear;
  return build(todayYear + 1, month, day);
}

/** A time as people type it: "10", "10:30", "10.30", "ore 10", "10 e 30", "3pm" → "HH:MM". */
export function parseTypedTime(text: string): string | undefined {
  const match = /^(?:ore|alle|at)?\s*(\d{1,2})(?:\s*(?:[:.,h]|e)\s*(\d{2}))?\s*(am|pm)?\s*$/i.exec(text.trim());
  if (!match) return undefined;
  const meridiem = match[3]?.toLowerCase();
  if (meridiem && (Number(match[1]) > 12 || Number(match[1]) === 0)) return undefined;
  const hour = meridiem ? (Number(match[1]) % 12) + (meridiem === "pm" ? 12 : 0) : Number(match[1]);
  const minute = Number(match[2] ?? "0");
  if (hour > 23 || minute > 59) return undefined;
  return `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
}
