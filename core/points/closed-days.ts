import { italianHolidayOn } from "../time/italian-holidays.js";
import { parseLocalDate } from "../time/local-date.js";
import type { LocalDate, PointSchedule } from "./types.js";

/** Why a point is closed all day, whatever its hours say. */
export type ClosedDay =
  | { kind: "national_holiday"; name: string }
  | { kind: "local_holiday"; name: string }
  | { kind: "closure"; reason: string };

/**
 * Whether `date` is a whole-day closure for the point: a national holiday, one of its local
 * holidays, or inside one of its closures (both ends included). Checked in that order; null when
 * none applies. Special hours do not reopen such a day.
 */
export function closedDay(
  schedule: Pick<PointSchedule, "closures" | "localHolidays">,
  date: LocalDate,
): ClosedDay | null {
  const { month, day } = parseLocalDate(date);
  const national = italianHolidayOn(date);
  if (national) return { kind: "national_holiday", name: national.name };
  const local = schedule.localHolidays.find((h) => h.month === month && h.day === day);
  if (local) return { kind: "local_holiday", name: local.name };
  // "YYYY-MM-DD" strings compare like dates.
  const closure = schedule.closures.find((c) => c.from <= date && date <= c.to);
  if (closure) return { kind: "closure", reason: closure.reason };
  return null;
}
