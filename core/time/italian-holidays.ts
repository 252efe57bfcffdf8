import type { LocalDate } from "../points/types.js";
import { assertGregorianYear, easterSunday } from "./easter.js";
import { addDays, formatLocalDate, parseLocalDate } from "./local-date.js";

export interface Holiday {
  date: LocalDate;
  /** Italian name, for messages ("chiuso per Festa della Liberazione"). */
  name: string;
}

/**
 * 4 October, San Francesco d'Assisi, patrono d'Italia: national holiday again from 2026
 * (legge n. 151/2025, Gazzetta Ufficiale n. 236 of 10 October 2025, in force from 1 January 2026).
 */
export const SAN_FRANCESCO_FROM_YEAR = 2026;

const FIXED: ReadonlyArray<{ month: number; day: number; name: string; fromYear?: number }> = [
  { month: 1, day: 1, name: "Capodanno" },
  { month: 1, day: 6, name: "Epifania" },
  { month: 4, day: 25, name: "Festa della Liberazione" },
  { month: 5, day: 1, name: "Festa del Lavoro" },
  { month: 6, day: 2, name: "Festa della Repubblica" },
  { month: 8, day: 15, name: "Ferragosto (Assunzione)" },
  { month: 10, day: 4, name: "San Francesco d'Assisi, patrono d'Italia", fromYear: SAN_FRANCESCO_FROM_YEAR },
  { month: 11, day: 1, name: "Ognissanti" },
  { month: 12, day: 8, name: "Immacolata Concezione" },
  { month: 12, day: 25, name: "Natale" },
  { month: 12, day: 26, name: "Santo Stefano" },
];

const byYear = new Map<number, readonly Holiday[]>();

/**
 * Italy's national public holidays of `year` (1583–9999), sorted by date, today's list applied to
 * every year (San Francesco only from 2026). Two holidays can share a date (Pasquetta on 25 April
 * in 2011): both are listed, the fixed-date one first.
 */
export function italianHolidays(year: number): Holiday[] {
  assertGregorianYear(year);
  let holidays = byYear.get(year);
  if (!holidays) {
    const easter = easterSunday(year);
    const list: Holiday[] = FIXED.filter((h) => h.fromYear === undefined || year >= h.fromYear).map((h) => ({
      date: formatLocalDate({ year, month: h.month, day: h.day }),
      name: h.name,
    }));
    list.push({ date: easter, name: "Pasqua" }, { date: addDays(easter, 1), name: "Lunedì dell'Angelo (Pasquetta)" });
    holidays = list.sort((a, b) => a.date.localeCompare(b.date));
    byYear.set(year, holidays);
  }
  return holidays.map((h) => ({ ...h }));
}

/** The national holiday on `date`, or undefined; when two fall together their names are joined with " e ". */
export function italianHolidayOn(date: LocalDate): Holiday | undefined {
  const found = italianHolidays(parseLocalDate(date).year).filter((h) => h.date === date);
  if (found.length === 0) return undefined;
  return { date, name: found.map((h) => h.name).join(" e ") };
}
