import type { Booking } from "../booking/booking.js";
import type { LocalDate } from "../points/types.js";
import type { CoreDeps } from "../ports.js";
import type { AreaCode } from "./digcomp.js";
import type { StoredAssessment } from "./ports.js";
import type { Band } from "./result.js";

/**
 * What a facilitator sees of a citizen's latest self-assessment in the agenda: levels per area,
 * the weakest competences with their SE5 codes, what the screening said. Nothing personal: no
 * answers one by one, no ids, no language.
 */
export interface AssessmentSummary {
  takenOn: LocalDate;
  bankVersion: string;
  overall: { pct: number; band: Band };
  areas: Array<{ area: AreaCode; pct: number; band: Band }>;
  /** Weakest first, at most three. */
  weakest: Array<{ se5: number; area: AreaCode; pct: number; band: Band }>;
  /** e.g. { device: "daily", internet: "never" }. */
  screening: Record<string, string>;
  /** The screening kept only the basic questions (never uses a device or the internet). */
  basicOnly: boolean;
}

export function summaryOf(stored: StoredAssessment): AssessmentSummary {
  const { result } = stored;
  return {
    takenOn: stored.takenOn,
    bankVersion: stored.bankVersion,
    overall: result.overall,
    areas: result.areas,
    weakest: result.weakest.flatMap((se5) => result.competences.filter((c) => c.se5 === se5)),
    screening: result.screening,
    basicOnly: result.basicOnly,
  };
}

/** The citizen's latest result, if any. */
export function latestAssessment(deps: CoreDeps, citizenId: string): Promise<StoredAssessment | null> {
  return deps.repos.assessments.latestForCitizen(citizenId);
}

/**
 * For the facilitators' agenda: the latest result of the citizen booked in this booking (slot),
 * or null. The caller checks that the facilitator works at the booking's point.
 */
export async function assessmentSummaryForBooking(
  deps: CoreDeps,
  bookingId: string,
): Promise<AssessmentSummary | null> {
  const booking = await deps.repos.bookings.findById(bookingId);
  if (!booking) return null;
  const latest = await deps.repos.assessments.latestForCitizen(booking.citizenId);
  return latest ? summaryOf(latest) : null;
}

/** The same for a whole day of bookings at once (one query): booking id → summary. */
export async function assessmentSummariesForBookings(
  deps: CoreDeps,
  bookings: ReadonlyArray<Pick<Booking, "id" | "citizenId">>,
): Promise<Map<string, AssessmentSummary>> {
  const latest = await deps.repos.assessments.latestForCitizens([...new Set(bookings.map((b) => b.citizenId))]);
  const summaries = new Map<string, AssessmentSummary>();
  for (const booking of bookings) {
    const found = latest.get(booking.citizenId);
    if (found) summaries.set(booking.id, summaryOf(found));
  }
  return summaries;
}
