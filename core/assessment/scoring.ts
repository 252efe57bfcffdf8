import { AREAS } from "./digcomp.js";
import { type AnswerRecord, answerValue, basicOnly } from "./flow.js";
import { type ItemBank, topValue } from "./item-bank.js";
import { type AssessmentResult, bandOf } from "./result.js";

/**
 * Scoring, DigCompSAT-style (see README.md in this folder):
 *
 * - Each item scores its answer's value over the scale's top value: "Non so farlo" and
 *   "Non so cosa vuol dire" 0%, "Con un aiuto" 50%, "Da solo/a" 100%.
 * - An item not asked (its area stopped early, or the screening kept only the basic items)
 *   scores 0%, as "Non so farlo": it is harder than the basics that were already out of reach.
 * - A DigComp competence scores the mean of its items; an area the mean of its competences;
 *   the overall level the mean of the five areas. Percentages are rounded at the end, and the
 *   band follows from the rounded percentage.
 * - The weakest competences are the SE5 codes with the lowest percentage (ties: bank order),
 *   at most three, never one already at "advanced".
 */

const mean = (values: number[]) => (values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length);

export function scoreAnswers(bank: ItemBank, answers: readonly AnswerRecord[]): AssessmentResult {
  const given = new Map(answers.map((r) => [r.q, r.a]));
  const top = topValue(bank);
  const itemPct = (id: string) => (given.has(id) ? (answerValue(bank, given.get(id)) / top) * 100 : 0);

  const areas = AREAS.map((area) => {
    const items = bank.items.filter((i) => i.area === area);
    const competences = [...new Set(items.map((i) => i.digcomp))];
    const exact = mean(competences.map((c) => mean(items.filter((i) => i.digcomp === c).map((i) => itemPct(i.id)))));
    return { area, exact };
  });

  const codes = [...new Set(bank.items.map((i) => i.se5))];
  const competences = codes.map((se5) => {
    const items = bank.items.filter((i) => i.se5 === se5);
    const pct = Math.round(mean(items.map((i) => itemPct(i.id))));
    return { se5, area: items[0]?.area ?? "A", pct, band: bandOf(pct) };
  });

  const weakest = competences
    .map((c, order) => ({ ...c, order }))
    .filter((c) => c.band !== "advanced")
    .sort((a, b) => a.pct - b.pct || a.order - b.order)
    .slice(0, 3)
    .map((c) => c.se5);

  const overall = Math.round(mean(areas.map((a) => a.exact)));
  return {
    areas: areas.map(({ area, exact }) => {
      const pct = Math.round(exact);
      return { area, pct, band: bandOf(pct) };
    }),
    overall: { pct: overall, band: bandOf(overall) },
    competences,
    weakest,
    basicOnly: basicOnly(bank, answers),
    screening: Object.fromEntries(
      bank.screening.filter((s) => given.has(s.id)).map((s) => [s.id, given.get(s.id) ?? ""]),
    ),
  };
}
