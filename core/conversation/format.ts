import type { OpeningStatus } from "../points/opening-status.js";
import type { PointSchedule } from "../points/types.js";
import { addDays } from "../time/local-date.js";
import { localDateAt } from "../time/zoned-time.js";
import type { Lang, Translate } from "./i18n.js";

const LOCALES: Record<Lang, string> = { it: "it-IT", en: "en-GB" };
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(lang: Lang, zone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${lang}|${zone}|${JSON.stringify(options)}`;
  let found = formatters.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(LOCALES[lang], { ...options, timeZone: zone });
    formatters.set(key, found);
  }
  return found;
}

/** "10:00" */
export function formatTime(instant: Date, lang: Lang, zone: string): string {
  return formatter(lang, zone, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(instant);
}

/** "oggi", "domani", or "mercoledì 2 dicembre" / "Wednesday 2 December". */
export function formatDay(instant: Date, lang: Lang, zone: string, now: Date, t: Translate): string {
  const day = localDateAt(instant, zone);
  const today = localDateAt(now, zone);
  if (day === today) return t("date.today");
  if (day === addDays(today, 1)) return t("date.tomorrow");
  return formatter(lang, zone, { weekday: "long", day: "numeric", month: "long" }).format(instant);
}

/** A local date ("2026-12-02") as "mercoledì 2 dicembre", at noon to stay clear of DST edges. */
export function formatLocalDate(date: string, lang: Lang, zone: string, now: Date, t: Translate): string {
  return formatDay(new Date(`${date}T12:00:00Z`), lang, zone, now, t);
}

/** Short day for buttons: "mer 2 dic" / "Wed 2 Dec". */
export function formatShortDay(date: string, lang: Lang): string {
  return formatter(lang, "UTC", { weekday: "short", day: "numeric", month: "short" })
    .format(new Date(`${date}T12:00:00Z`))
    .replace(/\./g, "");
}

const kmFormats = new Map<Lang, Intl.NumberFormat>();

export function formatKm(km: number, lang: Lang): string {
  const value = km < 10 ? Math.round(km * 10) / 10 : Math.round(km);
  let format = kmFormats.get(lang);
  if (!format) {
    format = new Intl.NumberFormat(LOCALES[lang], { maximumFractionDigits: 1 });
    kmFormats.set(lang, format);
  }
  return format.format(value);
}

/** "aperto ora, fino alle 13:00" / "chiuso ora, apre lunedì alle 9:00". */
export function statusLine(status: OpeningStatus, lang: Lang, zone: string, now: Date, t: Translate): string {
  if (status.open) return t("point.openUntil", { time: formatTime(status.closesAt, lang, zone) });
  if (!status.next) return t("point.closedLong");
  const time = formatTime(status.next.start, lang, zone);
  if (localDateAt(status.next.start, zone) === localDateAt(now, zone)) return t("point.opensToday", { time });
  return t("point.opensAt", { day: formatDay(status.next.start, lang, zone, now, t), time });
}

/**
 * The weekly hours, days with the same hours together: "lun 14:00–19:00", "mar–ven 09:30–13:00,
 * 14:00–19:00", "sab 09:30–13:00". Closed days are left out.
 */
export function compactHours(schedule: PointSchedule, lang: Lang): string[] {
  const names = weekdayNames(lang);
  const windows = names.map((_, index) =>
    schedule.weekly
      .filter((w) => w.weekday === index + 1)
      .sort((a, b) => a.shift - b.shift)
      .map((w) => `${w.opens}–${w.closes}`)
      .join(", "),
  );
  const lines: string[] = [];
  for (let start = 0; start < 7; ) {
    let end = start;
    while (end + 1 < 7 && windows[end + 1] === windows[start]) end += 1;
    if (windows[start]) {
      const days = end === start ? names[start] : `${names[start]}–${names[end]}`;
      lines.push(`${days} ${windows[start]}`);
    }
    start = end + 1;
  }
  return lines;
}

function weekdayNames(lang: Lang): string[] {
  // 2026-11-30 is a Monday: used only to name the weekdays.
  return Array.from({ length: 7 }, (_, i) =>
    formatter(lang, "UTC", { weekday: "short" })
      .format(new Date(Date.UTC(2026, 10, 30 + i, 12)))
      .replace(/\./g, ""),
  );
}

/** "a Torino", "ad Aosta", "a te" / "to Torino": the place after "vicino", "più vicini", "near". */
export function nearPlace(label: string, lang: Lang): string {
  if (lang === "en") return `to ${label}`;
  return /^[aA]/.test(label) ? `ad ${label}` : `a ${label}`;
}
