import { describe, expect, it } from "vitest";
import {
  checkTarget,
  expectedCitizens,
  milestonesFromShares,
  type PointTarget,
  progressAgainstMilestones,
  TORINO_MILESTONES,
} from "./milestones.js";

const TORINO: PointTarget = { target: 803, start: "2023-01-01", milestones: TORINO_MILESTONES };

describe("expectedCitizens", () => {
  it("follows a straight line from the start through each milestone", () => {
    expect(expectedCitizens(TORINO, "2022-12-01")).toBe(0);
    expect(expectedCitizens(TORINO, "2023-01-01")).toBe(0);
    // Day 182 of 364 to the first milestone: half of 203.
    expect(expectedCitizens(TORINO, "2023-07-02")).toBeCloseTo(101.5, 10);
    expect(expectedCitizens(TORINO, "2023-12-31")).toBe(203);
    // Half-way through 2024 (183 of 366 days): 203 + (487 - 203) / 2.
    expect(expectedCitizens(TORINO, "2024-07-01")).toBeCloseTo(345, 10);
    expect(expectedCitizens(TORINO, "2025-12-31")).toBe(803);
    expect(expectedCitizens(TORINO, "2026-06-30")).toBe(803);
  });
});

describe("progressAgainstMilestones", () => {
  it("says on track, at risk or behind around the expected figure", () => {
    const on = "2023-07-02"; // 101.5 expected
    expect(progressAgainstMilestones(TORINO, 101, on).status).toBe("on_track");
    expect(progressAgainstMilestones(TORINO, 150, on).status).toBe("on_track");
    expect(progressAgainstMilestones(TORINO, 92, on).status).toBe("at_risk");
    expect(progressAgainstMilestones(TORINO, 91, on).status).toBe("behind");
    expect(progressAgainstMilestones(TORINO, 0, on).status).toBe("behind");
    expect(progressAgainstMilestones(TORINO, 80, on, { atRiskShare: 0.75 }).status).toBe("at_risk");
    expect(progressAgainstMilestones(TORINO, 0, "2023-01-01").status).toBe("on_track");
  });

  it("says when the whole target is reached", () => {
    expect(progressAgainstMilestones(TORINO, 803, "2024-03-01")).toMatchObject({ status: "reached" });
    expect(progressAgainstMilestones(TORINO, 900, "2026-01-10").message).toMatch(
      /^Obiettivo raggiunto: 900 cittadini su 803\.$/,
    );
  });

  it("names the next milestone and the pace it needs", () => {
    const progress = progressAgainstMilestones(TORINO, 300, "2024-10-01");
    expect(progress).toMatchObject({ next: { by: "2024-12-31", citizens: 487 } });
    if (progress.status === "no_target") throw new Error("unexpected");
    // 187 citizens in 91 days: about 14.4 a week.
    expect(progress.perWeekToNext).toBeCloseTo((187 / 91) * 7, 10);
    expect(progress.message).toContain("Prossimo traguardo: 487 entro il 31/12/2024");
    expect(progress.message).toContain("(servono circa 15 cittadini nuovi a settimana)");
    // one a week is said in the singular
    expect(progressAgainstMilestones(TORINO, 480, "2024-10-01").message).toContain(
      "(serve circa 1 cittadino nuovo a settimana)",
    );
    expect(progress.status).toBe("behind");
  });

  it("gives a clear message to a point with no target", () => {
    const progress = progressAgainstMilestones({ target: null, start: "2023-01-01", milestones: [] }, 42, "2024-01-01");
    expect(progress.status).toBe("no_target");
    expect(progress.message).toMatch(/non ha un obiettivo/);
    expect(progress.message).toContain("42");
  });
});

describe("milestone configuration", () => {
  it("builds milestones from shares of the target", () => {
    expect(
      milestonesFromShares(803, [
        { by: "2023-12-31", share: 0.25 },
        { by: "2024-12-31", share: 0.6 },
        { by: "2025-12-31", share: 1 },
      ]),
    ).toEqual([
      { by: "2023-12-31", citizens: 201 },
      { by: "2024-12-31", citizens: 482 },
      { by: "2025-12-31", citizens: 803 },
    ]);
    expect(milestonesFromShares(100, [{ by: "2024-01-01", share: 0.6 }])).toEqual([{ by: "2024-01-01", citizens: 60 }]);
    expect(() => milestonesFromShares(100, [{ by: "2024-01-01", share: 1.2 }])).toThrow(/share/);
    expect(() => milestonesFromShares(0, [])).toThrow(/target/);
  });

  it("refuses milestones that make no sense, in plain Italian", () => {
    const base = { target: 100, start: "2024-01-01" };
    const userMessage = (target: PointTarget) => {
      try {
        checkTarget(target);
        return "accepted";
      } catch (error) {
        return (error as { userMessage: string }).userMessage;
      }
    };
    expect(userMessage({ ...base, milestones: [] })).toMatch(/almeno un traguardo/);
    expect(userMessage({ ...base, milestones: [{ by: "2023-12-31", citizens: 10 }] })).toMatch(/successiva all'inizio/);
    expect(userMessage({ ...base, milestones: [{ by: "2024-13-01", citizens: 10 }] })).toMatch(/successiva all'inizio/);
    expect(userMessage({ ...base, milestones: [{ by: "2024-06-01", citizens: 101 }] })).toMatch(/tra 1 e l'obiettivo/);
    expect(
      userMessage({
        ...base,
        milestones: [
          { by: "2024-06-01", citizens: 50 },
          { by: "2024-12-01", citizens: 40 },
        ],
      }),
    ).toMatch(/in ordine/);
    expect(userMessage({ ...base, target: 10.5, milestones: [{ by: "2024-06-01", citizens: 5 }] })).toMatch(
      /numero intero/,
    );
    expect(userMessage(TORINO)).toBe("accepted");
    expect(() => progressAgainstMilestones({ ...base, milestones: [] }, 1, "2024-02-01")).toThrow(
      /at least one milestone/,
    );
  });
});
