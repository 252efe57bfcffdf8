import { shouldOfferAssessment } from "../../assessment/offer.js";
import type { Flow } from "../state.js";
import type { Outcome, StepContext } from "./step.js";

/**
 * The small hooks the booking steps (book.ts) call for the self-assessment: the topic filled in
 * when booking from a result, its competences on the booking, and the offer after a first booking.
 */

/** The topic (and note) to fill in at book_topic, when booking from a self-assessment result. */
export function presetTopic(ctx: StepContext): { topic: string; note?: string } | undefined {
  const preset = ctx.state.flow.fromAssessment;
  if (!preset || ctx.state.flow.topic) return undefined;
  return preset.note ? { topic: preset.topic, note: preset.note } : { topic: preset.topic };
}

/** SE5 codes of the booking: its topic's, plus the competence of the result's step it was booked for. */
export function bookingCompetences(flow: Flow, topicCompetences: readonly number[]): number[] {
  const fromTest =
    flow.fromAssessment && flow.fromAssessment.topic === flow.topic ? flow.fromAssessment.competences : [];
  return [...new Set([...topicCompetences, ...fromTest])].sort((a, b) => a - b);
}

/** After a confirmed booking: the first one of a citizen with no result yet leads to the offer. */
export async function afterBooking(ctx: StepContext, created: boolean, outcome: Outcome): Promise<Outcome> {
  const citizenId = ctx.state.citizenId;
  if (!created || !citizenId || ctx.state.assessment || !("to" in outcome)) return outcome;
  try {
    return (await shouldOfferAssessment(ctx.deps.core, citizenId)) ? { ...outcome, to: "assessment_offer" } : outcome;
  } catch (error) {
    // the booking is made: a failed check only skips the offer
    ctx.deps.log.warn({ err: error }, "assessment offer check failed");
    return outcome;
  }
}
