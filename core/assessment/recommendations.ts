import { z } from "zod";
import { SportelloError } from "../errors.js";
import rulesJson from "./data/recommendations.json" with { type: "json" };
import { AREAS } from "./digcomp.js";
import { ITEM_BANK, type ItemBank } from "./item-bank.js";
import { type AssessmentResult, BANDS, bandRank } from "./result.js";

/**
 * What to suggest after a test: rules kept in data (data/recommendations.json), not in code. A
 * rule names a SE5 competence and the highest band it is for, and up to three ways forward: a
 * facilitation session on a booking topic (ids of core/conversation/topics.ts), a group course
 * (shown only when one is scheduled at the citizen's point: `kind` is for the course catalogue
 * of issue 15, `area` and `keywords` match today's course sessions), a self-paced online resource.
 */

const localized = z.object({ it: z.string().trim().min(1), en: z.string().trim().min(1) });

const ruleSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9_-]*$/),
  competence: z.number().int().min(1).max(13),
  /** The rule is for a competence at this band or below. */
  maxBand: z.enum(BANDS),
  title: localized,
  /** For the button "Prenota: {short}". */
  short: localized,
  booking: z.object({ topic: z.string().min(1), note: localized.optional() }).nullable(),
  course: z
    .object({
      kind: z.string().min(1),
      area: z.enum(AREAS),
      keywords: z.array(z.string().min(2)).default([]),
    })
    .nullable(),
  online: z
    .object({
      url: z
        .string()
        .url()
        .refine((u) => u.startsWith("https://"), "must be https"),
      label: localized,
    })
    .nullable(),
});

const rulesSchema = z.object({ version: z.string().min(1), rules: z.array(ruleSchema).min(1) });

export type RecommendationRule = z.output<typeof ruleSchema>;
export interface RecommendationRules {
  version: string;
  rules: RecommendationRule[];
}

function invalid(problem: string): SportelloError {
  return new SportelloError({ code: "config_invalid", message: `assessment recommendations: ${problem}` });
}

/** Validates the rules; every competence the bank asks about must have one. */
export function loadRecommendationRules(raw: unknown, bank: ItemBank): RecommendationRules {
  const parsed = rulesSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalid(`${issue?.path.join(".") ?? "(rules)"}: ${issue?.message ?? "invalid"}`);
  }
  const ids = new Set<string>();
  for (const rule of parsed.data.rules) {
    if (ids.has(rule.id)) throw invalid(`rule "${rule.id}" appears twice`);
    ids.add(rule.id);
    if (!rule.booking && !rule.course && !rule.online) throw invalid(`rule "${rule.id}" suggests nothing`);
  }
  for (const se5 of new Set(bank.items.map((i) => i.se5))) {
    if (!parsed.data.rules.some((r) => r.competence === se5 && bandRank(r.maxBand) >= bandRank("intermediate")))
      throw invalid(`no rule for competence ${se5} up to "intermediate"`);
  }
  return parsed.data;
}

/** Booking topics the rules use: the conversation checks them against its topic list. */
export function ruleTopics(rules: RecommendationRules): string[] {
  return [...new Set(rules.rules.flatMap((r) => (r.booking ? [r.booking.topic] : [])))];
}

export const RECOMMENDATION_RULES: RecommendationRules = loadRecommendationRules(rulesJson, ITEM_BANK);

/**
 * The next steps for a result: for each weakest competence (weakest first), the first rule for
 * it whose band fits; at most `max`, each rule once.
 */
export function recommend(result: AssessmentResult, rules: RecommendationRules, max = 3): RecommendationRule[] {
  const chosen: RecommendationRule[] = [];
  for (const se5 of result.weakest) {
    const band = result.competences.find((c) => c.se5 === se5)?.band ?? "low";
    const rule = rules.rules.find(
      (r) => r.competence === se5 && bandRank(band) <= bandRank(r.maxBand) && !chosen.includes(r),
    );
    if (rule) chosen.push(rule);
    if (chosen.length >= max) break;
  }
  return chosen;
}

export function ruleById(rules: RecommendationRules, id: string): RecommendationRule | undefined {
  return rules.rules.find((r) => r.id === id);
}
