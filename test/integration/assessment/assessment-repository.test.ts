import { describe, expect, it } from "vitest";
import { completeAssessment } from "../../../core/assessment/complete-assessment.js";
import { type AssessmentProgress, startProgress } from "../../../core/assessment/flow.js";
import { ITEM_BANK } from "../../../core/assessment/item-bank.js";
import { latestAssessment } from "../../../core/assessment/latest-assessment.js";
import { everyDay, takeTest } from "../../../core/assessment/test-support.js";
import { eraseCitizen } from "../../../core/citizens/erase-citizen.js";
import { createTestCitizen, outcome, testCore } from "../../support/fixtures.js";
import { useIntegration } from "../../support/integration.js";

const finished = (answer: string): AssessmentProgress => ({
  ...startProgress(ITEM_BANK, new Date("2026-12-01T07:00:00Z")),
  answers: takeTest(
    ITEM_BANK,
    everyDay(() => answer),
  ).answers,
});

describe("storing self-assessments", () => {
  const ctx = useIntegration();

  it("keeps one result per citizen and local day, with the bank version and every answer", async () => {
    const core = testCore(ctx.db, { now: "2026-12-01T22:30:00Z" }); // 23:30 in Rome
    const citizenId = await createTestCitizen(core);
    const first = await completeAssessment(core, { citizenId, progress: finished("no"), language: "it" });
    expect(first).toMatchObject({ stored: true, previous: null });
    const again = await completeAssessment(core, { citizenId, progress: finished("help"), language: "en" });
    expect(again.previous).toBeNull(); // the same day's result is replaced, not compared
    const rows = await ctx.db.assessment.findMany({ where: { citizenId } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      bankVersion: ITEM_BANK.version,
      language: "en",
      takenOn: new Date("2026-12-01T00:00:00Z"),
    });
    expect(rows[0]?.answers).toEqual(finished("help").answers);

    core.clock.advance(60 * 60_000); // 00:30 in Rome: another day
    const next = await completeAssessment(core, { citizenId, progress: finished("alone"), language: "it" });
    expect(next.previous?.takenOn).toBe("2026-12-01");
    expect(next.previous?.result.overall).toEqual({ pct: 50, band: "intermediate" });
    const latest = await latestAssessment(core, citizenId);
    expect(latest).toMatchObject({ takenOn: "2026-12-02", result: { overall: { pct: 100, band: "advanced" } } });
    expect(await ctx.db.assessment.count({ where: { citizenId } })).toBe(2);
  });

  it("refuses an unfinished test or one from another bank version, and never stores anonymous runs", async () => {
    const core = testCore(ctx.db);
    const citizenId = await createTestCitizen(core);
    const unfinished = { ...finished("alone"), answers: finished("alone").answers.slice(0, 5) };
    expect(await outcome(completeAssessment(core, { citizenId, progress: unfinished, language: "it" }))).toBe(
      "assessment_incomplete",
    );
    expect(
      await outcome(
        completeAssessment(core, { citizenId, progress: { ...finished("alone"), bank: "1999.1" }, language: "it" }),
      ),
    ).toBe("assessment_bank_changed");
    const before = await ctx.db.assessment.count();
    const anonymous = await completeAssessment(core, { citizenId: null, progress: finished("help"), language: "it" });
    expect(anonymous.stored).toBe(false);
    expect(anonymous.result.overall.band).toBe("intermediate");
    expect(await ctx.db.assessment.count()).toBe(before);

    // erased meanwhile: shown, not kept
    await eraseCitizen(core, citizenId);
    expect((await completeAssessment(core, { citizenId, progress: finished("help"), language: "it" })).stored).toBe(
      false,
    );
    expect(await ctx.db.assessment.count({ where: { citizenId } })).toBe(0);
  });

  it("the database refuses a percentage out of range or answers that are not a list", async () => {
    const core = testCore(ctx.db);
    const citizenId = await createTestCitizen(core);
    const base = {
      citizenId,
      bankVersion: "x",
      language: "it",
      takenOn: new Date("2026-12-01T00:00:00Z"),
      completedAt: new Date(),
      result: {},
      weakestCompetences: [],
    };
    expect(await outcome(ctx.db.assessment.create({ data: { ...base, answers: [], overallPct: 101 } }))).not.toBe("ok");
    expect(await outcome(ctx.db.assessment.create({ data: { ...base, answers: {}, overallPct: 50 } }))).not.toBe("ok");
    expect(
      await outcome(
        ctx.db.assessment.create({ data: { ...base, answers: [], overallPct: 50, weakestCompetences: [14] } }),
      ),
    ).not.toBe("ok");
  });
});
