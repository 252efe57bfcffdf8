import { validationError } from "../time/validation-error.js";
import { closedDay } from "./closed-days.js";
import { windowInterval } from "./opening-hours.js";
import type { LocalDate, PointSchedule } from "./types.js";

export interface UpcomingVisit {
  visitId: string;
  siteId: string;
  date: LocalDate;
  start: Date;
  end: Date;
}

/**
 * The next `limit` visits of an itinerant point that have not ended at `now` (one under way
 * counts), soonest first, skipping visits on holidays and closures. [] for a fixed point.
 */
export function nextVisits(schedule: PointSchedule, now: Date, zone: string, limit: number): UpcomingVisit[] {
  if (!Number.isInteger(limit) || limit < 0) {
    throw validationError("limit must be a non-negative integer", "Numero di tappe non valido.");
  }
  if (schedule.kind !== "itinerant") return [];
  const upcoming: UpcomingVisit[] = [];
  for (const visit of schedule.visits) {
    if (closedDay(schedule, visit.date)) continue;
    const span = windowInterval(visit.date, visit.opens, visit.closes, zone);
    if (!span || span.end.getTime() <= now.getTime()) continue;
    upcoming.push({ visitId: visit.id, siteId: visit.siteId, date: visit.date, ...span });
  }
  upcoming.sort((a, b) => a.start.getTime() - b.start.getTime() || a.visitId.localeCompare(b.visitId));
  return upcoming.slice(0, limit);
}
