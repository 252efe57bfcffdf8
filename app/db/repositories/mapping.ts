import type { LocalDate, LocalTime } from "../../../core/points/types.js";

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

export function timeToMinutes(time: LocalTime): number {
  const [h, m] = time.split(":").map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}
