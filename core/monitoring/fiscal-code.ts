/**
 * The Italian codice fiscale of a person (DPR 605/1973, DM 23/12/1976): 16 characters,
 *
 *   RSS MRA 80 A 01 L219 X
 *   │   │   │  │ │  │    └ check character (position 16)
 *   │   │   │  │ │  └ municipality (Belfiore code): a letter and 3 digits; Z + 3 digits abroad
 *   │   │   │  │ └ day of birth, plus 40 for women (01-31 men, 41-71 women)
 *   │   │   │  └ month letter: A B C D E H L M P R S T (January … December)
 *   │   │   └ last two digits of the year of birth
 *   └───┴ three letters of the surname and three of the name
 *
 * Omocodia: when two people would get the same code, the Agenzia delle Entrate replaces digits of
 * the year, day and municipality with letters (0→L 1→M 2→N 3→P 4→Q 5→R 6→S 7→T 8→U 9→V), then
 * recomputes the check character: the omocodic code is another person's, never the same one's. Those letters are accepted in any of the 7 numeric positions
 * (the Agenzia substitutes from the right, but refusing a real code for the order is worse than
 * accepting one whose check character is right anyway).
 *
 * Century: the code keeps two digits of the year. `parseFiscalCode` reads it on a reference date
 * (the service date, or today): the most recent century that puts the birth on or before that
 * date; if that makes the person younger than 14 (the platform's youngest band is 14-17, nobody
 * younger is served) the century before. So on 2026-05-10 "80" is 1980, "08" is 2008 (17 years
 * old: a minor), "20" is 1920 (2020 would be 6 years old). Limit: a real child under 14 reads as
 * someone over 100; nothing in the code can tell them apart.
 */
import type { LocalDate } from "../points/types.js";
import { formatLocalDate, isLocalDate, parseLocalDate } from "../time/local-date.js";

export type FiscalCodeProblem =
  | "empty"
  | "wrong_length"
  | "invalid_characters"
  | "wrong_shape"
  | "bad_month"
  | "bad_day"
  | "impossible_date"
  | "bad_municipality"
  | "wrong_check_character";

export interface FiscalCodeInfo {
  /** Normalised: upper case, no spaces. */
  code: string;
  birthDate: LocalDate;
  /** As written in the code: F when the day is 41-71. */
  sex: "F" | "M";
  /** Belfiore code with omocodia letters turned back into digits, e.g. "L219", "Z404". */
  municipality: string;
  /** True when the code carries omocodia substitution letters. */
  omocodic: boolean;
}

export type FiscalCodeResult = ({ ok: true } & FiscalCodeInfo) | { ok: false; problem: FiscalCodeProblem };

export const MONTH_LETTERS = "ABCDEHLMPRST";
/** Omocodia letters: index = the digit they stand for. */
export const OMOCODIA_LETTERS = "LMNPQRSTUV";
/** 0-based positions of the digits that omocodia may replace. */
export const OMOCODIA_POSITIONS: readonly number[] = [6, 7, 9, 10, 12, 13, 14];

/** Values of characters in odd positions (1st, 3rd, … 15th) for the check character, A/0 … Z. */
const ODD_VALUES = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];

const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
/** Youngest age that can be served (AN8 band E is 14-17); younger readings take the century before. */
const YOUNGEST_SERVED_AGE = 14;

/** Upper case, every space removed: " rss mra 80a01 l219x " → "RSSMRA80A01L219X". */
export function normaliseFiscalCode(raw: string): string {
  return raw.replace(/\s+/g, "").toUpperCase();
}

const charValue = (char: string): number => {
  const digit = char.charCodeAt(0) - 48;
  return digit >= 0 && digit <= 9 ? digit : LETTERS.indexOf(char);
};

/** The check character of the first 15 characters (already upper case). */
export function checkCharacter(first15: string): string {
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const value = charValue(first15.charAt(i));
    // Positions are counted from 1: the 1st, 3rd… (even index) use the odd table.
    sum += i % 2 === 0 ? (ODD_VALUES[value] ?? 0) : value;
  }
  return LETTERS.charAt(sum % 26);
}

/** The digit a numeric position holds, reading an omocodia letter back; null when it is neither. */
function digitAt(code: string, index: number): number | null {
  const char = code.charAt(index);
  if (char >= "0" && char <= "9") return Number(char);
  const omocodia = OMOCODIA_LETTERS.indexOf(char);
  return omocodia >= 0 ? omocodia : null;
}

function numberAt(code: string, indexes: readonly number[]): number | null {
  let value = 0;
  for (const index of indexes) {
    const digit = digitAt(code, index);
    if (digit === null) return null;
    value = value * 10 + digit;
  }
  return value;
}

const isRealDate = (year: number, month: number, day: number): boolean =>
  isLocalDate(`${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`);

const dateKey = (year: number, month: number, day: number) => year * 10_000 + month * 100 + day;

/** Full years from a birth date to `on` (a birthday on 29 February counts on 1 March in other years). */
export function ageOn(birthDate: LocalDate, on: LocalDate): number {
  const birth = parseLocalDate(birthDate);
  const day = parseLocalDate(on);
  const hadBirthday = day.month > birth.month || (day.month === birth.month && day.day >= birth.day);
  return day.year - birth.year - (hadBirthday ? 0 : 1);
}

/**
 * The year of birth for two digits read on `reference`, by the rule in the header comment; null
 * when the day does not exist in either candidate year (29 February of a non-leap year).
 */
function birthYear(yy: number, month: number, day: number, reference: LocalDate): number | null {
  const ref = parseLocalDate(reference);
  const refKey = dateKey(ref.year, ref.month, ref.day);
  let year = Math.floor(ref.year / 100) * 100 + yy;
  if (dateKey(year, month, day) > refKey) year -= 100;
  if (isRealDate(year, month, day) && ageOn(formatLocalDate({ year, month, day }), reference) < YOUNGEST_SERVED_AGE) {
    year -= 100;
  }
  return isRealDate(year, month, day) ? year : null;
}

/**
 * Checks a codice fiscale and reads what it says. `reference` ("YYYY-MM-DD") fixes the century
 * of the year of birth (see the header comment).
 */
export function parseFiscalCode(raw: string, reference: LocalDate): FiscalCodeResult {
  const code = normaliseFiscalCode(raw);
  if (code === "") return { ok: false, problem: "empty" };
  if (!/^[A-Z0-9]*$/.test(code)) return { ok: false, problem: "invalid_characters" };
  if (code.length !== 16) return { ok: false, problem: "wrong_length" };
  // Letters where letters go, digits (or omocodia letters) where digits go.
  const shape = /^[A-Z]{6}[0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$/;
  if (!shape.test(code)) return { ok: false, problem: "wrong_shape" };

  const month = MONTH_LETTERS.indexOf(code.charAt(8)) + 1;
  if (month === 0) return { ok: false, problem: "bad_month" };
  const yy = numberAt(code, [6, 7]) ?? 0;
  const dayField = numberAt(code, [9, 10]) ?? 0;
  const sex = dayField > 40 ? "F" : "M";
  const day = sex === "F" ? dayField - 40 : dayField;
  if (day < 1 || day > 31) return { ok: false, problem: "bad_day" };
  // 31 April, 30 February: not a day in any year. 29 February: only in a leap year.
  if (!isRealDate(2000, month, day)) return { ok: false, problem: "impossible_date" };
  const year = birthYear(yy, month, day, reference);
  if (year === null) return { ok: false, problem: "impossible_date" };
  const birthDate = formatLocalDate({ year, month, day });

  const municipalityNumber = numberAt(code, [12, 13, 14]) ?? 0;
  const municipalityLetter = code.charAt(11);
  // Comuni are A001…M999; foreign countries Z100…Z999.
  const letterOk = (municipalityLetter >= "A" && municipalityLetter <= "M") || municipalityLetter === "Z";
  const numberOk = municipalityLetter === "Z" ? municipalityNumber >= 100 : municipalityNumber >= 1;
  if (!letterOk || !numberOk) return { ok: false, problem: "bad_municipality" };

  if (checkCharacter(code.slice(0, 15)) !== code.charAt(15)) return { ok: false, problem: "wrong_check_character" };

  const omocodic = OMOCODIA_POSITIONS.some((index) => OMOCODIA_LETTERS.includes(code.charAt(index)));
  return {
    ok: true,
    code,
    birthDate,
    sex,
    municipality: `${municipalityLetter}${String(municipalityNumber).padStart(3, "0")}`,
    omocodic,
  };
}

// What to tell the person for each problem: `monitoring.problem.fiscal_<problem>` in
// core/conversation/messages/{it,en}.json (short, kind, and what to do).
