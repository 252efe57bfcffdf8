import { describe, expect, it } from "vitest";
import { RECOMMENDATION_RULES, ruleTopics } from "../../assessment/recommendations.js";
import { LANGUAGES, translator } from "../i18n.js";
import { topicById } from "../topics.js";

describe("the self-assessment's buttons and rules in the conversation", () => {
  const buttons = [
    "assessment.menu",
    "assessment.start",
    "assessment.resume",
    "assessment.restart",
    "assessment.seeResult",
    "assessment.retake",
    "assessment.offerYes",
    "assessment.offerNo",
  ] as const;

  for (const lang of Object.keys(LANGUAGES) as Array<keyof typeof LANGUAGES>) {
    it(`${lang}: every button label fits 20 characters (WhatsApp reply buttons)`, () => {
      const t = translator(lang);
      for (const key of buttons) expect(t(key).length, key).toBeLessThanOrEqual(20);
      for (const rule of RECOMMENDATION_RULES.rules) {
        expect(t("assessment.bookButton", { what: rule.short[lang] }).length, rule.id).toBeLessThanOrEqual(20);
      }
    });
  }

  it("books only topics the booking flow knows", () => {
    expect(ruleTopics(RECOMMENDATION_RULES).filter((id) => !topicById(id))).toEqual([]);
    expect(ruleTopics(RECOMMENDATION_RULES)).toEqual(expect.arrayContaining(["spid", "io", "fse", "truffe"]));
  });
});
