import type { LocalTime } from "../points/types.js";
import { addDays } from "../time/local-date.js";
import { minutesOfDay } from "../time/local-time.js";
import { localDateAt, localTimeAt, localToInstant } from "../time/zoned-time.js";
import type { MessagingPolicy, ReminderOffset } from "./policy.js";

/** A long reminder moved out of quiet hours lands this long before they start (21:00 → 20:45). */
export const QUIET_MARGIN_MINUTES = 15;
/** A short reminder moved to the end of quiet hours must still come at least this long before the start. */
export const SHORT_REMINDER_MIN_LEAD_MINUTES = 30;
/** Reminders of 12 hours or more are "long" (the day before): they move earlier, never later. */
const LONG_REMINDER_MINUTES = 12 * 60;

export interface ReminderTime {
  offset: ReminderOffset;
  dueAt: Date;
  /** How quiet hours moved it, if they did. */
  moved: "earlier" | "later" | null;
}

function inQuiet(time: LocalTime, quiet: { start: LocalTime; end: LocalTime }): boolean {
  const t = minutesOfDay(time);
  const start = minutesOfDay(quiet.start);
  const end = minutesOfDay(quiet.end);
  return start < end ? t >= start && t < end : t >= start || t < end;
}

/** The start of the quiet period that contains `instant`. */
function quietStartOf(instant: Date, quiet: { start: LocalTime; end: LocalTime }, zone: string): Date {
  const date = localDateAt(instant, zone);
  const t = minutesOfDay(localTimeAt(instant, zone));
  const startsToday = t >= minutesOfDay(quiet.start);
  return localToInstant(startsToday ? date : addDays(date, -1), quiet.start, zone);
}

/** The end of the quiet period that contains `instant`. */
function quietEndOf(instant: Date, quiet: { start: LocalTime; end: LocalTime }, zone: string): Date {
  const date = localDateAt(instant, zone);
  const t = minutesOfDay(localTimeAt(instant, zone));
  const endsToday = t < minutesOfDay(quiet.end);
  return localToInstant(endsToday ? date : addDays(date, 1), quiet.end, zone);
}

/**
 * When each reminder of an appointment starting at `start` is due, in local civil hours:
 * - "1d" is the same wall-clock time the local day before (23 h before on 30 March 2026, 25 h
 *   before on 26 October 2026); "2h" is two real hours before;
 * - a long reminder (≥ 12 h) that falls in quiet hours moves earlier, to just before they start
 *   (that evening, or the evening before when it fell in the early morning);
 * - a short one moves later, to their end, if that is still at least 30 minutes before the start;
 *   otherwise earlier, like a long one.
 * Sorted by due time; two reminders landing at the same minute keep only the first (longest) one.
 */
export function reminderTimes(start: Date, policy: MessagingPolicy, zone: string): ReminderTime[] {
  const quiet = policy.quietHours;
  const times: ReminderTime[] = [];
  for (const offset of policy.reminderOffsets) {
    const base =
      offset.days > 0
        ? localToInstant(addDays(localDateAt(start, zone), -offset.days), localTimeAt(start, zone), zone)
        : start;
    const raw = new Date(base.getTime() - offset.minutes * 60_000);
    let time: ReminderTime = { offset, dueAt: raw, moved: null };
    if (quiet && inQuiet(localTimeAt(raw, zone), quiet)) {
      const earlier = new Date(quietStartOf(raw, quiet, zone).getTime() - QUIET_MARGIN_MINUTES * 60_000);
      const later = quietEndOf(raw, quiet, zone);
      const long = offset.days * 1440 + offset.minutes >= LONG_REMINDER_MINUTES;
      const laterFits = later.getTime() <= start.getTime() - SHORT_REMINDER_MIN_LEAD_MINUTES * 60_000;
      time =
        !long && laterFits ? { offset, dueAt: later, moved: "later" } : { offset, dueAt: earlier, moved: "earlier" };
    }
    if (!times.some((t) => Math.abs(t.dueAt.getTime() - time.dueAt.getTime()) < 60_000)) times.push(time);
  }
  return times.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
}
