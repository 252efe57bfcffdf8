/**
 * Synthetic but valid codici fiscali, for tests, benchmarks and demo data: real shape, right check
 * character, birth date and sex as asked. The six name letters default to "DMODMO" (demo) so a
 * synthetic code is easy to recognise; never use it for a real person.
 */
import type { LocalDate } from "../points/types.js";
import { parseLocalDate } from "../time/local-date.js";
import { checkCharacter, MONTH_LETTERS, OMOCODIA_LETTERS, OMOCODIA_POSITIONS } from "./fiscal-code.js";

export interface SyntheticFiscalCode {
  birthDate: LocalDate;
  sex: "F" | "M";
  /** Six letters for surname and name; default "DMODMO". */
  letters?: string;
  /** Belfiore code, default "L219" (Torino). */
  municipality?: string;
  /** How many digits to replace with omocodia letters, from the right (0-7). */
  omocodia?: number;
}

export function syntheticFiscalCode(spec: SyntheticFiscalCode): string {
  const { year, month, day } = parseLocalDate(spec.birthDate);
  const letters = (spec.letters ?? "DMODMO").toUpperCase();
  if (!/^[A-Z]{6}$/.test(letters)) throw new Error("letters must be 6 letters");
  const municipality = (spec.municipality ?? "L219").toUpperCase();
  if (!/^[A-Z][0-9]{3}$/.test(municipality)) throw new Error("municipality must be a letter and 3 digits");
  const dayField = spec.sex === "F" ? day + 40 : day;
  const chars = [
    ...letters,
    ...String(year % 100).padStart(2, "0"),
    MONTH_LETTERS.charAt(month - 1),
    ...String(dayField).padStart(2, "0"),
    ...municipality,
  ];
  const substitutions = spec.omocodia ?? 0;
  if (!Number.isInteger(substitutions) || substitutions < 0 || substitutions > OMOCODIA_POSITIONS.length) {
    throw new Error("omocodia must be 0-7");
  }
  for (const index of OMOCODIA_POSITIONS.slice(OMOCODIA_POSITIONS.length - substitutions)) {
    chars[index] = OMOCODIA_LETTERS.charAt(Number(chars[index]));
  }
  const first15 = chars.join("");
  return `${first15}${checkCharacter(first15)}`;
}
