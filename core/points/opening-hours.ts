import { isoWeekdayOfDate, parseLocalDate } from "../time/local-date.js";
import { localToInstant } from "../time/zoned-time.js";
import { closedDay } from "./closed-days.js";
import type { LocalDate, LocalTime, OpenInterval, PointSchedule } from "./types.js";

/**
 * The real instants of a wall-clock window on `date`; null when DST leaves nothing of it (a window
 * wholly inside the spring-forward gap). Gap times shift forward, repeated times take the first
 * occurrence (see `localToInstant`), so 01:00–04:00 lasts 2 hours on 2026-03-29 and 4 on 2026-10-25.
 */
export function windowInterval(
  date: LocalDate,
  opens: LocalTime,
  closes: LocalTime,
  zone: string,
): { start: Date; end: Date } | null {
  const start = localToInstant(date, opens, zone);
  const end = localToInstant(date, closes, zone);
  return end.getTime() > start.getTime() ? { start, end } : null;
}

function byStart(a: OpenInterval, b: OpenInterval): number {
  return a.start.getTime() - b.start.getTime() || a.end.getTime() - b.end.getTime();
}

/** Joins overlapping or touching intervals (for a fixed point's own hours, which carry no site). */
function merge(sorted: OpenInterval[]): OpenInterval[] {
  const merged: OpenInterval[] = [];
  for (const interval of sorted) {
    const last = merged.at(-1);
    if (last && interval.start.getTime() <= last.end.getTime()) {
      if (interval.end.getTime() > last.end.getTime()) last.end = interval.end;
    } else {
      merged.push({ start: interval.start, end: interval.end });
    }
  }
  return merged;
}

/**
 * When the point is open on local `date`, as real instants, sorted and non-overlapping.
 * - Nothing on a national holiday, a local holiday or a closure (see `closedDay`).
 * - Fixed point: the weekly windows of that weekday, or the `special` hours of that date instead
 *   (special with no windows = closed); overlapping or touching windows are joined.
 * - Itinerant point: only its visits on that date, each interval with its siteId and visitId.
 * Assumes a schedule that passed `validateSchedule`; malformed dates or times still throw.
 */
export function openIntervals(schedule: PointSchedule, date: LocalDate, zone: string): OpenInterval[] {
  parseLocalDate(date);
  if (closedDay(schedule, date)) return [];

  if (schedule.kind === "itinerant") {
    const visits: OpenInterval[] = [];
    for (const visit of schedule.visits) {
      if (visit.date !== date) continue;
      const span = windowInterval(date, visit.opens, visit.closes, zone);
      if (span) visits.push({ ...span, siteId: visit.siteId, visitId: visit.id });
    }
    return visits.sort(byStart);
  }

  const special = schedule.special.find((s) => s.date === date);
  const weekday = isoWeekdayOfDate(date);
  const windows = special ? special.windows : schedule.weekly.filter((w) => w.weekday === weekday);
  const intervals: OpenInterval[] = [];
  for (const window of windows) {
    const span = windowInterval(date, window.opens, window.closes, zone);
    if (span) intervals.push(span);
  }
  return merge(intervals.sort(byStart));
}
