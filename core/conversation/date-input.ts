import type { LocalDate } from "../points/types.js";
import { addDays, isLocalDate, isoWeekdayOfDate } from "../time/local-date.js";
import { fold } from "./text-input.js";

const MONTHS: Record<string, number> = {
  gennaio: 1,
  febbraio: 2,
  marzo: 3,
  aprile: 4,
  maggio: 5,
  giugno: 6,
  luglio: 7,
  agosto: 8,
  settembre: 9,
  ottobre: 10,
  novembre: 11,
  dicembre: 12,
  january: 1,
  february: 2,
  march: 3,
  april: 4,
  may: 5,
  june: 6,
  july: 7,
  august: 8,
  september: 9,
  october: 10,
  november: 11,
  december: 12,
  gen: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  mag: 5,
  giu: 6,
  lug: 7,
  ago: 8,
  set: 9,
  ott: 10,
  nov: 11,
  dic: 12,
  jan: 1,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  dec: 12,
};

const WEEKDAYS: Record<string, number> = {
  lunedi: 1,
  martedi: 2,
  mercoledi: 3,
  giovedi: 4,
  venerdi: 5,
  sabato: 6,
  domenica: 7,
  lun: 1,
  mer: 3,
  gio: 4,
  ven: 5,
  sab: 6,
  dom: 7,
  monday: 1,
  tuesday: 2,
  wednesday: 3,
  thursday: 4,
  friday: 5,
  saturday: 6,
  sunday: 7,
  mon: 1,
  tue: 2,
  tues: 2,
  wed: 3,
  thu: 4,
  thur: 4,
  thurs: 4,
  fri: 5,
  sat: 6,
  sun: 7,
};

/** Numbers people write as words, in dates ("tra due giorni") and times ("alle dieci e mezza"). */
const NUMBER_WORDS: Record<string, number> = {
  un: 1,
  uno: 1,
  una: 1,
  a: 1,
  one: 1,
  due: 2,
  two: 2,
  tre: 3,
  three: 3,
  quattro: 4,
  four: 4,
  cinque: 5,
  five: 5,
  sei: 6,
  six: 6,
  sette: 7,
  seven: 7,
  otto: 8,
  eight: 8,
  nove: 9,
  nine: 9,
  dieci: 10,
  ten: 10,
  undici: 11,
  eleven: 11,
  dodici: 12,
  twelve: 12,
  tredici: 13,
  quattordici: 14,
  quindici: 15,
  sedici: 16,
  diciassette: 17,
  diciotto: 18,
  diciannove: 19,
  venti: 20,
  trenta: 30,
  quaranta: 40,
  quarantacinque: 45,
};

const numberOf = (word: string | undefined): number | undefined =>
  word === undefined ? undefined : /^\d+$/.test(word) ? Number(word) : NUMBER_WORDS[word];

/** Words around a date that change nothing: "il 3", "per giovedì", "on the 3rd", "di martedì". */
const FILLERS = new Set(["il", "lo", "la", "l", "per", "on", "the", "of", "di", "del", "giorno", "day", "a", "entro"]);
/** "martedì prossimo", "next tuesday", "questo giovedì": the coming one, as a weekday alone means. */
const NEXT_WORDS = new Set(["prossimo", "prossima", "next", "this", "questo", "questa", "coming"]);

function build(year: number, month: number, day: number): LocalDate | undefined {
  const date = `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  return isLocalDate(date) ? date : undefined;
}

/** The first date from today on that is the `day` of a month (and a `weekday`, when given). */
function nextDayOfMonth(today: LocalDate, day: number, weekday?: number): LocalDate | undefined {
  const [year = 0, month = 1] = today.split("-").map(Number);
  for (let ahead = 0; ahead < 36; ahead++) {
    const m = ((month - 1 + ahead) % 12) + 1;
    const y = year + Math.floor((month - 1 + ahead) / 12);
    const date = build(y, m, day);
    if (!date || date < today) continue;
    if (weekday === undefined || isoWeekdayOfDate(date) === weekday) return date;
  }
  return undefined;
}

/** "tra 3 giorni", "fra una settimana", "in two weeks", "la settimana prossima", "next week". */
function relativeDate(words: string[], today: LocalDate): LocalDate | undefined {
  const text = words.filter((w, i) => i > 0 || !FILLERS.has(w)).join(" ");
  if (/^(?:settimana prossima|prossima settimana|next week)$/.test(text)) {
    const weekday = isoWeekdayOfDate(today);
    return addDays(today, 8 - weekday); // next Monday
  }
  const match = /^(?:tra|fra|in)\s+(\S+)\s+(giorni|giorno|days|day|settimane|settimana|weeks|week)$/.exec(text);
  if (!match) return undefined;
  const count = numberOf(match[1]);
  if (count === undefined || count > 400) return undefined;
  const unit = match[2] ?? "";
  return addDays(today, /^(?:settiman|week)/.test(unit) ? count * 7 : count);
}

/**
 * A date as people type it: "15/12", "15-12-2026", "15 dicembre", "il 3", "giovedì 3", "the 3rd",
 * "oggi", "domani", "giovedì", "martedì prossimo", "tra una settimana", "next tuesday". Without a
 * year (or a month), the next such date from today. A number alone is not a date: it is the
 * number of a choice. Undefined when not a date.
 */
export function parseTypedDate(text: string, today: LocalDate): LocalDate | undefined {
  // "3rd", "1st", "3°" → "3"
  const raw = fold(text.replace(/(\d)\s*[°ºª]/g, "$1th"));
  const ordinal = /\b\d{1,2}(?:st|nd|rd|th)\b/.test(raw);
  const folded = raw.replace(/\b(\d{1,2})(?:st|nd|rd|th)\b/g, "$1");
  if (folded === "oggi" || folded === "today") return today;
  if (folded === "domani" || folded === "tomorrow") return addDays(today, 1);
  if (folded === "dopodomani" || folded === "day after tomorrow") return addDays(today, 2);
  const all = folded.split(" ").filter(Boolean);
  const relative = relativeDate(all, today);
  if (relative) return relative;
  const hadWords = ordinal || all.some((w) => FILLERS.has(w) || NEXT_WORDS.has(w));
  const words = all.filter((w) => !FILLERS.has(w) && !NEXT_WORDS.has(w));
  const [first, second] = words;
  const weekday = first === undefined ? undefined : WEEKDAYS[first];
  if (words.length === 1 && weekday !== undefined) {
    const current = isoWeekdayOfDate(today);
    return addDays(today, (weekday - current + 7) % 7 || 7);
  }
  // "giovedì 3", "il 3" (not a bare "3": that is a choice number)
  if (words.length === 2 && weekday !== undefined && /^\d{1,2}$/.test(second ?? "")) {
    return nextDayOfMonth(today, Number(second), weekday);
  }
  if (words.length === 1 && /^\d{1,2}$/.test(first ?? "") && hadWords) return nextDayOfMonth(today, Number(first));
  // a weekday before a full date changes nothing ("Wed 2 Dec", "giovedì 3 dicembre")
  const rest = weekday !== undefined ? words.slice(1) : words;
  if (weekday !== undefined && rest.length < 2) return undefined;
  const [a, b, c, extra] = rest;
  if (extra !== undefined || a === undefined || b === undefined) return undefined;
  let day: number;
  let month: number | undefined;
  let year: number | undefined;
  if (/^\d{1,2}$/.test(a) && /^\d{1,2}$/.test(b)) {
    day = Number(a);
    month = Number(b);
    if (c !== undefined && !/^(?:\d{2}|\d{4})$/.test(c)) return undefined;
    year = c ? Number(c.length === 2 ? `20${c}` : c) : undefined;
  } else if (/^\d{1,2}$/.test(a) && MONTHS[b] !== undefined) {
    day = Number(a);
    month = MONTHS[b];
    if (c !== undefined && !/^\d{4}$/.test(c)) return undefined;
    year = c ? Number(c) : undefined;
  } else if (MONTHS[a] !== undefined && /^\d{1,2}$/.test(b)) {
    // English order: "Dec 2", "December 3rd"
    day = Number(b);
    month = MONTHS[a];
    if (c !== undefined && !/^\d{4}$/.test(c)) return undefined;
    year = c ? Number(c) : undefined;
  } else {
    return undefined;
  }
  if (month === undefined) return undefined;
  if (year !== undefined) return build(year, month, day);
  const [todayYear = 0] = today.split("-").map(Number);
  const thisYear = build(todayYear, month, day);
  if (thisYear && thisYear >= today) return thisYear;
  return build(todayYear + 1, month, day);
}

/** Hours 1-7 without "am"/"del mattino" are afternoon hours: nobody books at 3 in the night. */
const EARLY = 7;

function hhmm(hour: number, minute: number): string | undefined {
  if (!Number.isInteger(hour) || !Number.isInteger(minute) || hour > 23 || hour < 0 || minute > 59 || minute < 0) {
    return undefined;
  }
  return `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
}

/** What follows "10 e …", "half past …": the minutes. */
const MINUTE_WORDS: Record<string, number> = {
  mezza: 30,
  mezzo: 30,
  "un quarto": 15,
  quarto: 15,
  "tre quarti": 45,
};

/**
 * A time as people type it: "10:30", "10.30", "ore 10", "alle 9 e 30", "10 e mezza",
 * "mezzogiorno", "3pm", "half past ten", "noon", "alle tre del pomeriggio" → "HH:MM". A number
 * alone ("10") is not a time: it is the number of a choice on the list.
 */
export function parseTypedTime(text: string): string | undefined {
  let s = fold(text.replace(/(\d)[:.,h](\d{2})\b/g, "$1 colon $2")).replace(/\bin punto\b|\bo clock\b|\boclock\b/g, "");
  s = s.replace(/\s+/g, " ").trim();
  if (/^(?:mezzogiorno|mezzodi|noon|midday|12 noon)$/.test(s)) return "12:00";
  if (/^mezzogiorno e (?:mezza|mezzo)$/.test(s)) return "12:30";
  // English "half past ten", "quarter past 9", "quarter to 11"
  const english = /^(?:at\s+)?(half|quarter)\s+(past|to)\s+(\S+)(?:\s+(am|pm))?$/.exec(s);
  if (english) {
    const hour = numberOf(english[3]);
    if (hour === undefined || hour > 12) return undefined;
    const minutes = english[1] === "half" ? 30 : 15;
    const h = adjust(hour, english[4]);
    return english[2] === "past" ? hhmm(h, minutes) : hhmm(h - 1, 60 - minutes);
  }
  const match =
    /^(?:(ore|alle|alle ore|le|at|verso le|per le|dalle)\s+)?(\S+)(?:\s+colon\s+(\d{2})|\s+e\s+(mezza|mezzo|un quarto|quarto|tre quarti|\S+)|\s+meno\s+(un quarto|quarto))?(?:\s+(am|pm|a m|p m|del mattino|di mattina|della mattina|del pomeriggio|di pomeriggio|della sera|di sera|in the morning|in the afternoon|in the evening))?$/.exec(
      s,
    );
  if (!match) {
    const compact = /^(\d{1,2})\s*(am|pm)$/.exec(s.replace(/\s+/g, ""));
    return compact ? hhmm(adjust(Number(compact[1]), compact[2]), 0) : undefined;
  }
  const [, prefix, hourWord, colonMinutes, andMinutes, lessQuarter, period] = match;
  const hour = numberOf(hourWord?.replace(/(am|pm)$/, ""));
  const glued = /^(\d{1,2})(am|pm)$/.exec(hourWord ?? "");
  if (hour === undefined || hour > 23) return undefined;
  let minute = 0;
  if (colonMinutes) minute = Number(colonMinutes);
  else if (andMinutes) {
    const named = MINUTE_WORDS[andMinutes] ?? numberOf(andMinutes);
    if (named === undefined) return undefined;
    minute = named;
  }
  const said = period ?? glued?.[2];
  // a number alone ("10", "dieci") is a choice number, not an hour
  if (!prefix && !colonMinutes && !andMinutes && !lessQuarter && !said) return undefined;
  const h = adjust(hour, said);
  if (lessQuarter) return hhmm(h - 1, 45);
  return hhmm(h, minute);
}

/** The 24-hour hour for "3 pm", "3 del pomeriggio", "3" (afternoon, see EARLY), "9 am". */
function adjust(hour: number, said: string | undefined): number {
  const morning = said !== undefined && /^(?:am|a m|del mattino|di mattina|della mattina|in the morning)$/.test(said);
  const later = said !== undefined && !morning;
  if (said === "am" || said === "a m") return hour === 12 ? 0 : hour > 12 ? Number.NaN : hour;
  if (said === "pm" || said === "p m") return hour === 12 ? 12 : hour > 12 ? Number.NaN : hour + 12;
  if (later) return hour < 12 ? hour + 12 : hour;
  if (morning) return hour;
  return hour >= 1 && hour <= EARLY ? hour + 12 : hour;
}

export type DayPart = "morning" | "afternoon" | "evening";

/** "mattina", "pomeriggio", "sera", "morning"…: which part of the day, or undefined. */
export function parseDayPart(text: string): DayPart | undefined {
  const folded = fold(text);
  if (
    /^(?:(?:di|la|in|alla|nella|per la|in the|the)\s+)?(?:mattina|mattino|mattinata|stamattina|morning)$/.test(folded)
  )
    return "morning";
  if (
    /^(?:(?:di|il|nel|al|per il|in the|the)\s+)?(?:pomeriggio|dopo pranzo|oggi pomeriggio|afternoon|after lunch)$/.test(
      folded,
    )
  )
    return "afternoon";
  if (/^(?:(?:di|la|in|alla|per la|in the|the)\s+)?(?:sera|serata|stasera|evening|tonight)$/.test(folded))
    return "evening";
  return undefined;
}

/** Whether a local time "HH:MM" falls in that part of the day (morning before 13, evening from 18). */
export function inDayPart(time: string, part: DayPart): boolean {
  const hour = Number(time.slice(0, 2));
  if (part === "morning") return hour < 13;
  if (part === "afternoon") return hour >= 13 && hour < 18;
  return hour >= 18;
}
