import type { IsoWeekday, LocalDate, LocalTime, OpeningWindow } from "../../../core/points/types.js";

/** A PostgreSQL DATE comes back as UTC midnight of that calendar day. */
export function toLocalDate(date: Date): LocalDate {
  return date.toISOString().slice(0, 10);
}

export function fromLocalDate(date: LocalDate): Date {
  return new Date(`${date}T00:00:00.000Z`);
}

/** Minutes from local midnight <-> "HH:MM". */
export function minutesToTime(minutes: number): LocalTime {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`;
}

/** Weekly opening windows as stored (minutes) → as core sees them, by weekday then shift. */
export function toWeekly(
  rows: ReadonlyArray<{ weekday: number; shift: number; opensMin: number; closesMin: number }>,
): OpeningWindow[] {
  return [...rows]
    .sort((a, b) => a.weekday - b.weekday || a.shift - b.shift)
    .map((w) => ({
      weekday: w.weekday as IsoWeekday,
      shift: w.shift as 1 | 2,
      opens: minutesToTime(w.opensMin),
      closes: minutesToTime(w.closesMin),
    }));
}
