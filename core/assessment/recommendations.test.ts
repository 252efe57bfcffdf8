import { describe, expect, it } from "vitest";
import rulesJson from "./data/recommendations.json" with { type: "json" };
import { ITEM_BANK } from "./item-bank.js";
import { loadRecommendationRules, RECOMMENDATION_RULES, recommend } from "./recommendations.js";
import { scoreAnswers } from "./scoring.js";
import { everyDay, takeTest } from "./test-support.js";

const bank = ITEM_BANK;
const rulesWith = (change: (rules: typeof rulesJson) => void) => {
  const copy = structuredClone(rulesJson);
  change(copy);
  try {
    loadRecommendationRules(copy, bank);
    return "loaded";
  } catch (error) {
    return (error as Error).message;
  }
};

describe("recommendation rules (data/recommendations.json)", () => {
  it("cover every competence the bank asks about, with real https addresses", () => {
    for (const se5 of new Set(bank.items.map((i) => i.se5))) {
      expect(
        RECOMMENDATION_RULES.rules.some((r) => r.competence === se5),
        `SE5 ${se5}`,
      ).toBe(true);
    }
    for (const rule of RECOMMENDATION_RULES.rules) {
      if (rule.online) expect(new URL(rule.online.url).protocol).toBe("https:");
      // "Prenota: {short}" / "Book: {short}" stays a 20-character button
      expect(`Prenota: ${rule.short.it}`.length, rule.id).toBeLessThanOrEqual(20);
      expect(`Book: ${rule.short.en}`.length, rule.id).toBeLessThanOrEqual(20);
    }
  });

  it("refuse rules that break the format, naming the problem", () => {
    expect(rulesWith(() => {})).toBe("loaded");
    expect(
      rulesWith((r) => {
        r.rules = r.rules.filter((rule) => rule.competence !== 9);
      }),
    ).toContain("no rule for competence 9");
    expect(
      rulesWith((r) => {
        (r.rules[0] as { online: { url: string } }).online.url = "http://example.org/";
      }),
    ).toContain("must be https");
    expect(
      rulesWith((r) => {
        const first = r.rules[0] as Record<string, unknown>;
        first.booking = null;
        first.course = null;
        first.online = null;
      }),
    ).toContain("suggests nothing");
    expect(
      rulesWith((r) => {
        (r.rules[1] as { id: string }).id = r.rules[0]?.id ?? "";
      }),
    ).toContain("appears twice");
  });

  it("choose at most three next steps, for the weakest competences first", () => {
    const pattern: Record<string, string> = { spid: "no", phishing: "help", password: "no", appio: "no" };
    const { answers } = takeTest(
      bank,
      everyDay((id) => pattern[id] ?? "alone"),
    );
    const result = scoreAnswers(bank, answers);
    // SPID 0, app IO 0, passwords and scams 25
    expect(result.weakest).toEqual([9, 6, 11]);
    expect(recommend(result, RECOMMENDATION_RULES).map((r) => r.id)).toEqual(["spid", "appio", "scams"]);
    expect(recommend(result, RECOMMENDATION_RULES, 1).map((r) => r.booking?.topic)).toEqual(["spid"]);
    const expert = scoreAnswers(
      bank,
      takeTest(
        bank,
        everyDay(() => "alone"),
      ).answers,
    );
    expect(recommend(expert, RECOMMENDATION_RULES)).toEqual([]);
  });

  it("a rule applies only up to its band", () => {
    const { answers } = takeTest(
      bank,
      everyDay((id) => (id === "spid" ? "help" : "alone")),
    );
    const result = scoreAnswers(bank, answers);
    expect(result.weakest).toEqual([9]); // 50%: intermediate
    const lowOnly = {
      ...RECOMMENDATION_RULES,
      rules: RECOMMENDATION_RULES.rules.map((r) => (r.competence === 9 ? { ...r, maxBand: "low" as const } : r)),
    };
    expect(recommend(result, lowOnly)).toEqual([]);
    expect(recommend(result, RECOMMENDATION_RULES).map((r) => r.id)).toEqual(["spid"]);
  });
});
