import { SportelloError } from "../errors.js";
import type { CoreDeps } from "../ports.js";
import { localDateAt } from "../time/zoned-time.js";
import { type AssessmentProgress, nextQuestion } from "./flow.js";
import { ITEM_BANK, type ItemBank } from "./item-bank.js";
import type { StoredAssessment } from "./ports.js";
import type { AssessmentResult } from "./result.js";
import { scoreAnswers } from "./scoring.js";

export interface CompletedAssessment {
  result: AssessmentResult;
  /** The latest result before today's, to show the progress. */
  previous: StoredAssessment | null;
  /** False for a citizen without consent (or erased meanwhile): the result is only shown. */
  stored: boolean;
}

export const assessmentErrors = {
  bankChanged: () =>
    new SportelloError({
      code: "assessment_bank_changed",
      message: "the item bank changed while the test was in progress",
      userMessage: "Le domande del test sono cambiate. Ricominciamo da capo, per favore.",
    }),
  incomplete: () =>
    new SportelloError({
      code: "assessment_incomplete",
      message: "assessment completed before its last question",
      userMessage: "Mancano ancora delle risposte.",
    }),
};

/**
 * Scores a finished test and, for a citizen who gave consent, keeps it with every answer and the
 * bank version (one result per day: a retake the same day replaces it). Anonymous runs are
 * scored and never stored.
 */
export async function completeAssessment(
  deps: CoreDeps,
  input: { citizenId: string | null; progress: AssessmentProgress; language: string },
  bank: ItemBank = ITEM_BANK,
): Promise<CompletedAssessment> {
  const { progress } = input;
  if (progress.bank !== bank.version) throw assessmentErrors.bankChanged();
  if (nextQuestion(bank, progress.answers)) throw assessmentErrors.incomplete();
  const result = scoreAnswers(bank, progress.answers);
  const citizenId = input.citizenId;
  if (!citizenId) return { result, previous: null, stored: false };
  const now = deps.clock.now();
  const takenOn = localDateAt(now, deps.timeZone);
  return deps.transaction(async (repos) => {
    if (!(await repos.citizens.lock(citizenId))) return { result, previous: null, stored: false };
    const previous = await repos.assessments.latestForCitizen(citizenId, { before: takenOn });
    await repos.assessments.saveForDay({
      citizenId,
      bankVersion: bank.version,
      language: input.language,
      takenOn,
      completedAt: now,
      answers: progress.answers,
      result,
    });
    return { result, previous, stored: true };
  });
}
