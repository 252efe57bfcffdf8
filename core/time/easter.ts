import type { LocalDate } from "../points/types.js";
import { formatLocalDate } from "./local-date.js";
import { validationError } from "./validation-error.js";

/** First year of the Gregorian calendar (1583 is the first full one): the algorithm holds from there. */
export const FIRST_GREGORIAN_YEAR = 1583;

/** Checks that `year` is an integer the holiday rules support (1583–9999). */
export function assertGregorianYear(year: number): void {
  if (!Number.isInteger(year) || year < FIRST_GREGORIAN_YEAR || year > 9999) {
    throw validationError("year must be an integer from 1583 to 9999", "Anno non valido.", { year });
  }
}

/**
 * Easter Sunday (Western, Gregorian) of `year`, with the anonymous Gregorian algorithm
 * (Meeus/Jones/Butcher). 2026 → "2026-04-05".
 */
export function easterSunday(year: number): LocalDate {
  assertGregorianYear(year);
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return formatLocalDate({ year, month, day });
}
