/**
 * A point's progress against its citizen milestones (domain.md: 25% of the target by the end of
 * the first year, 60% by the second, 100% by the end; the Torino call's 203 / 487 / 803 by
 * 31/12/2023, 2024 and 2025). Only the network's citizens (programme RFD) count: SCD never does.
 *
 * Rule: the citizens expected on a date follow a straight line from 0 on the point's start date to
 * the first milestone, then from each milestone to the next; after the last milestone the expected
 * figure stays at the last one. On that date the point is
 *   - "reached"   when it has reached its whole target;
 *   - "on_track"  when it has at least the expected number (rounded down);
 *   - "at_risk"   when it has at least 90% of the expected number (configurable);
 *   - "behind"    otherwise.
 * Example: start 2023-01-01, 203 by 2023-12-31: on 2023-07-02 (day 182 of 364) 101.5 are expected,
 * so 101 is on track, 92 at risk (≥ 91.35), 91 behind.
 */
import { SportelloError } from "../errors.js";
import type { LocalDate } from "../points/types.js";
import { daysBetween, isLocalDate } from "../time/local-date.js";
import { italianDate, wholeNumber } from "./format.js";

export interface Milestone {
  by: LocalDate;
  citizens: number;
}

export interface PointTarget {
  /** Unique citizens the point must reach by the end; null when none is set. */
  target: number | null;
  /** The day counting starts (the project's or the point's start). */
  start: LocalDate;
  milestones: readonly Milestone[];
}

export type ProgressStatus = "reached" | "on_track" | "at_risk" | "behind";

export type Progress =
  | { status: "no_target"; reached: number; message: string }
  | {
      status: ProgressStatus;
      reached: number;
      target: number;
      /** Citizens expected by the date, by the rule above (not rounded). */
      expected: number;
      asOf: LocalDate;
      /** The first milestone not yet passed, or null after the last. */
      next: Milestone | null;
      /** Citizens per week still needed to meet the next milestone on time (0 when met). */
      perWeekToNext: number;
      message: string;
    };

export const DEFAULT_AT_RISK_SHARE = 0.9;

/** The Torino call's milestones (domain.md). */
export const TORINO_MILESTONES: readonly Milestone[] = [
  { by: "2023-12-31", citizens: 203 },
  { by: "2024-12-31", citizens: 487 },
  { by: "2025-12-31", citizens: 803 },
];

const invalid = (message: string, userMessage: string) =>
  new SportelloError({ code: "validation", message, userMessage });

/** Milestones as shares of the target (0.25, 0.6, 1), rounded up to whole citizens. */
export function milestonesFromShares(
  target: number,
  shares: ReadonlyArray<{ by: LocalDate; share: number }>,
): Milestone[] {
  if (!Number.isInteger(target) || target < 1) {
    throw invalid(
      "target must be a positive whole number",
      "L'obiettivo di cittadini deve essere un numero intero maggiore di zero.",
    );
  }
  return shares.map(({ by, share }) => {
    if (!(share > 0 && share <= 1)) {
      throw invalid(
        "milestone share must be in (0, 1]",
        "Ogni traguardo è una percentuale tra 1% e 100% dell'obiettivo.",
      );
    }
    return { by, citizens: Math.ceil(target * share - 1e-9) };
  });
}

/** Checks a point's target and milestones; throws a plain-Italian validation error naming the problem. */
export function checkTarget(target: PointTarget): void {
  if (!isLocalDate(target.start)) throw invalid("start is not a date", "La data di inizio non è una data valida.");
  if (target.target === null) return;
  if (!Number.isInteger(target.target) || target.target < 1) {
    throw invalid(
      "target must be a positive whole number",
      "L'obiettivo di cittadini deve essere un numero intero maggiore di zero.",
    );
  }
  if (target.milestones.length === 0) {
    throw invalid(
      "a target needs at least one milestone",
      "Serve almeno un traguardo, con una data e un numero di cittadini.",
    );
  }
  let previous: Milestone | null = null;
  for (const milestone of target.milestones) {
    if (!isLocalDate(milestone.by) || milestone.by <= target.start) {
      throw invalid(
        "milestone date must be a date after the start",
        "Ogni traguardo ha una data successiva all'inizio.",
      );
    }
    if (!Number.isInteger(milestone.citizens) || milestone.citizens < 1 || milestone.citizens > target.target) {
      throw invalid(
        "milestone citizens must be 1..target",
        "Ogni traguardo è un numero di cittadini tra 1 e l'obiettivo finale.",
      );
    }
    if (previous && (milestone.by <= previous.by || milestone.citizens < previous.citizens)) {
      throw invalid(
        "milestones must grow in date and citizens",
        "I traguardi vanno in ordine di data, e ognuno chiede almeno tanti cittadini quanti il precedente.",
      );
    }
    previous = milestone;
  }
}

/** Citizens expected on `asOf` by linear interpolation between the start (0) and the milestones. */
export function expectedCitizens(target: PointTarget, asOf: LocalDate): number {
  if (asOf <= target.start) return 0;
  let fromDate = target.start;
  let fromCitizens = 0;
  for (const milestone of target.milestones) {
    if (asOf <= milestone.by) {
      const share = daysBetween(fromDate, asOf) / daysBetween(fromDate, milestone.by);
      return fromCitizens + (milestone.citizens - fromCitizens) * share;
    }
    fromDate = milestone.by;
    fromCitizens = milestone.citizens;
  }
  return fromCitizens;
}

/** Where a point stands on `asOf`, with `reached` unique citizens (RFD) so far. */
export function progressAgainstMilestones(
  target: PointTarget,
  reached: number,
  asOf: LocalDate,
  options: { atRiskShare?: number } = {},
): Progress {
  if (target.target === null) {
    return {
      status: "no_target",
      reached,
      message: `Questo punto non ha un obiettivo di cittadini: ha raggiunto ${wholeNumber(reached)} cittadini. Chiedi all'ente capofila l'obiettivo e i traguardi del punto per vedere se è in linea.`,
    };
  }
  checkTarget(target);
  const atRisk = options.atRiskShare ?? DEFAULT_AT_RISK_SHARE;
  const expected = expectedCitizens(target, asOf);
  const next = target.milestones.find((milestone) => milestone.by >= asOf) ?? null;
  let status: ProgressStatus;
  if (reached >= target.target) status = "reached";
  else if (reached >= Math.floor(expected)) status = "on_track";
  else if (reached >= expected * atRisk) status = "at_risk";
  else status = "behind";

  let perWeekToNext = 0;
  if (next && reached < next.citizens) {
    const days = Math.max(daysBetween(asOf, next.by), 1);
    perWeekToNext = ((next.citizens - reached) / days) * 7;
  }
  const nextText = next
    ? ` Prossimo traguardo: ${wholeNumber(next.citizens)} entro il ${italianDate(next.by)}${
        perWeekToNext > 0
          ? ` (${Math.ceil(perWeekToNext) === 1 ? "serve circa 1 cittadino nuovo" : `servono circa ${wholeNumber(Math.ceil(perWeekToNext))} cittadini nuovi`} a settimana)`
          : " (già raggiunto)"
      }.`
    : "";
  const head = {
    reached: `Obiettivo raggiunto: ${wholeNumber(reached)} cittadini su ${wholeNumber(target.target)}.`,
    on_track: `In linea: ${wholeNumber(reached)} cittadini, ne erano attesi ${wholeNumber(Math.floor(expected))} a questa data.`,
    at_risk: `A rischio: ${wholeNumber(reached)} cittadini, ne erano attesi ${wholeNumber(Math.floor(expected))} a questa data.`,
    behind: `In ritardo: ${wholeNumber(reached)} cittadini, ne erano attesi ${wholeNumber(Math.floor(expected))} a questa data.`,
  }[status];
  return {
    status,
    reached,
    target: target.target,
    expected,
    asOf,
    next,
    perWeekToNext,
    message: status === "reached" ? head : `${head}${nextText}`,
  };
}

/** Plain words for each status, with a symbol so it does not rest on colour alone. */
export const STATUS_WORDS: Readonly<Record<ProgressStatus | "no_target", { it: string; en: string; symbol: string }>> =
  {
    reached: { it: "Obiettivo raggiunto", en: "Target reached", symbol: "★" },
    on_track: { it: "In linea", en: "On track", symbol: "✓" },
    at_risk: { it: "A rischio", en: "At risk", symbol: "!" },
    behind: { it: "In ritardo", en: "Behind", symbol: "✗" },
    no_target: { it: "Senza obiettivo", en: "No target", symbol: "–" },
  };
