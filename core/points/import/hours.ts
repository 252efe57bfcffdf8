/** The hour cells of the points CSV ("09:00-13:00") and a compact summary of weekly hours. */
import { isLocalTime, minutesOfDay } from "../../time/local-time.js";
import { GRID_MINUTES } from "../schedule-schema.js";
import type { LocalTime, OpeningWindow } from "../types.js";
import { shown } from "./notes.js";

export interface Span {
  opens: LocalTime;
  closes: LocalTime;
}

const CELL = /^(\d{2}:\d{2})\s*[-–]\s*(\d{2}:\d{2})$/;

/** "09:00-13:00" → the span, or the Italian reason it is not acceptable. */
export function parseHoursCell(text: string): { ok: true; span: Span } | { ok: false; message: string } {
  const match = CELL.exec(text.trim());
  const opens = match?.[1];
  const closes = match?.[2];
  if (!opens || !closes) {
    return {
      ok: false,
      message: `l'orario «${shown(text)}» non è scritto bene: usa HH:MM-HH:MM con due cifre per ore e minuti, per esempio 09:00-13:00`,
    };
  }
  if (!isLocalTime(opens) || !isLocalTime(closes)) {
    return { ok: false, message: `l'orario ${shown(text)} contiene un'ora che non esiste (da 00:00 a 23:59)` };
  }
  if (minutesOfDay(opens) % GRID_MINUTES !== 0 || minutesOfDay(closes) % GRID_MINUTES !== 0) {
    return {
      ok: false,
      message: `l'orario ${opens}-${closes} non è sui quarti d'ora: usa minuti :00, :15, :30 o :45`,
    };
  }
  if (minutesOfDay(opens) >= minutesOfDay(closes)) {
    return { ok: false, message: `l'orario ${opens}-${closes} chiude prima di aprire` };
  }
  return { ok: true, span: { opens, closes } };
}

export const WEEKDAY_SHORT = ["lun", "mar", "mer", "gio", "ven", "sab", "dom"] as const;

/** "09:00" → "9", "09:30" → "9:30". */
function compactTime(time: LocalTime): string {
  const [h, m] = time.split(":");
  return m === "00" ? String(Number(h)) : `${Number(h)}:${m}`;
}

/** Minutes of opening in a week. */
export function weeklyMinutes(windows: readonly OpeningWindow[]): number {
  return windows.reduce((sum, w) => sum + minutesOfDay(w.closes) - minutesOfDay(w.opens), 0);
}

/**
 * A one-line summary: consecutive days with the same hours are grouped.
 * Example: "lun-gio 9-13/14-18; ven 9-13; sab 9:30-12". "" when there are no windows.
 */
export function summarizeWeeklyHours(windows: readonly OpeningWindow[]): string {
  const dayText = (weekday: number) =>
    windows
      .filter((w) => w.weekday === weekday)
      .sort((a, b) => a.shift - b.shift)
      .map((w) => `${compactTime(w.opens)}-${compactTime(w.closes)}`)
      .join("/");
  const parts: string[] = [];
  let weekday = 1;
  while (weekday <= 7) {
    const text = dayText(weekday);
    let last = weekday;
    while (last < 7 && dayText(last + 1) === text) last++;
    if (text !== "") {
      const days =
        last === weekday ? WEEKDAY_SHORT[weekday - 1] : `${WEEKDAY_SHORT[weekday - 1]}-${WEEKDAY_SHORT[last - 1]}`;
      parts.push(`${days} ${text}`);
    }
    weekday = last + 1;
  }
  return parts.join("; ");
}
