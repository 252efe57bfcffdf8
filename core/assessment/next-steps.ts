import type { CourseSessionView } from "../courses/ports.js";
import { foldText } from "../geo/name-keys.js";
import type { CoreDeps, CourseSession } from "../ports.js";
import { type RecommendationRule, type RecommendationRules, recommend } from "./recommendations.js";
import type { AssessmentResult } from "./result.js";

/** Group courses are looked for this far ahead. */
export const COURSE_HORIZON_DAYS = 30;

export interface NextStep {
  rule: RecommendationRule;
  /** A group course with free seats at the citizen's point matching the rule, if one is scheduled. */
  course: CourseSession | null;
}

/** The point where the citizen booked last (the latest appointment), if any. */
export async function citizenPoint(deps: CoreDeps, citizenId: string | null): Promise<string | null> {
  if (!citizenId) return null;
  const bookings = await deps.repos.bookings.listForCitizen(citizenId, {});
  return bookings.at(-1)?.pointId ?? null;
}

const words = (text: string) => new Set(foldText(text).split(/[^\p{Letter}\p{Number}]+/u));

function courseFor(rule: RecommendationRule, sessions: CourseSessionView[]): CourseSession | null {
  const wanted = rule.course;
  if (!wanted) return null;
  // a published course that teaches exactly that competence (SE5) comes first
  const exact = sessions.find((s) => s.booked < s.seats && s.course?.competences.includes(rule.competence));
  if (exact) return exact;
  return (
    sessions.find((s) => {
      if (s.digcompArea !== wanted.area || s.booked >= s.seats) return false;
      if (wanted.keywords.length === 0) return true;
      const found = words(`${s.title} ${s.topic}`);
      return wanted.keywords.some((k) => found.has(foldText(k)));
    }) ?? null
  );
}

/**
 * The (at most three) next steps for a result, each with a scheduled group course at the
 * citizen's point when there is one.
 */
export async function planNextSteps(
  deps: CoreDeps,
  input: { result: AssessmentResult; citizenId: string | null; rules: RecommendationRules },
): Promise<{ steps: NextStep[]; pointId: string | null }> {
  const rules = recommend(input.result, input.rules);
  const pointId = await citizenPoint(deps, input.citizenId);
  const now = deps.clock.now();
  const sessions =
    pointId && rules.some((r) => r.course)
      ? await deps.repos.courses.listUpcomingAt(
          [pointId],
          now,
          new Date(now.getTime() + COURSE_HORIZON_DAYS * 86_400_000),
          50,
        )
      : [];
  return { steps: rules.map((rule) => ({ rule, course: courseFor(rule, sessions) })), pointId };
}
