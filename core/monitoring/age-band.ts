/**
 * Age bands of the platform's field AN8 and the adult-only rule of AN3 (facilita-csv.md): the
 * citizen must be 18 or over, age read from the codice fiscale; band E (14-17) only where the
 * programme has minors enabled.
 */
import type { LocalDate } from "../points/types.js";
import { ageOn, type FiscalCodeInfo, type FiscalCodeProblem, parseFiscalCode } from "./fiscal-code.js";

export type AgeBand = "A" | "B" | "C" | "D" | "E";

export const ADULT_AGE = 18;
export const YOUNGEST_BAND_AGE = 14;

/** A 18-29, B 30-54, C 55-74, D 75+, E 14-17; null under 14 (no band: not served). */
export function ageBandForAge(age: number): AgeBand | null {
  if (!Number.isInteger(age) || age < YOUNGEST_BAND_AGE) return null;
  if (age < ADULT_AGE) return "E";
  if (age <= 29) return "A";
  if (age <= 54) return "B";
  if (age <= 74) return "C";
  return "D";
}

export function isMinorAge(age: number): boolean {
  return age < ADULT_AGE;
}

export type MonitoringFiscalCodeProblem = FiscalCodeProblem | "minor";

export type MonitoringFiscalCode =
  | ({ ok: true; age: number; ageBand: AgeBand; minor: boolean } & FiscalCodeInfo)
  | { ok: false; problem: MonitoringFiscalCodeProblem };

/**
 * A codice fiscale as the monitoring profile takes it on `on` (the service date, or today): valid,
 * with age and band at that date. A minor's is refused unless `minorsEnabled` (band E). Nobody
 * reads as under 14: the century rule (fiscal-code.ts) then takes the century before.
 */
export function fiscalCodeForMonitoring(
  raw: string,
  on: LocalDate,
  options: { minorsEnabled?: boolean } = {},
): MonitoringFiscalCode {
  const parsed = parseFiscalCode(raw, on);
  if (!parsed.ok) return parsed;
  const age = ageOn(parsed.birthDate, on);
  const ageBand = ageBandForAge(age);
  const minor = isMinorAge(age);
  if (ageBand === null || (minor && !options.minorsEnabled)) return { ok: false, problem: "minor" };
  return { ...parsed, age, ageBand, minor };
}

// Messages: `monitoring.problem.fiscal_<problem>` (and `fiscal_minor`) in
// core/conversation/messages/{it,en}.json.
