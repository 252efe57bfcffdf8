import type { CoreDeps } from "../ports.js";

/**
 * The self-assessment is offered once, after a citizen's first booking: when this booking is the
 * only one they ever made and they have no result yet. (A second booking is never a first one,
 * so saying "no" is never asked again.)
 */
export async function shouldOfferAssessment(deps: CoreDeps, citizenId: string): Promise<boolean> {
  if (await deps.repos.assessments.latestForCitizen(citizenId)) return false;
  const bookings = await deps.repos.bookings.listForCitizen(citizenId, {});
  return bookings.length === 1;
}
