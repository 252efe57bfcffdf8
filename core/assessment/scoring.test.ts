import { describe, expect, it } from "vitest";
import { ITEM_BANK } from "./item-bank.js";
import { bandOf } from "./result.js";
import { scoreAnswers } from "./scoring.js";
import { everyDay, takeTest } from "./test-support.js";

const bank = ITEM_BANK;
const areaPcts = (result: ReturnType<typeof scoreAnswers>) =>
  Object.fromEntries(result.areas.map((a) => [a.area, `${a.pct} ${a.band}`]));

describe("scoring (DigCompSAT-style, pure)", () => {
  it("bands follow DigCompSAT: low 0-29, foundation 30-47, intermediate 48-80, advanced 81-100", () => {
    expect([0, 29, 30, 47, 48, 80, 81, 100].map(bandOf)).toEqual([
      "low",
      "low",
      "foundation",
      "foundation",
      "intermediate",
      "intermediate",
      "advanced",
      "advanced",
    ]);
  });

  it("all lowest: every area 0% (low), the areas stop after their basic items, weakest are the first three", () => {
    const { answers, asked } = takeTest(
      bank,
      everyDay(() => "no"),
    );
    // screening, then only the basic items: every area stops early
    expect(asked).toEqual(["device", "internet", "search", "messages", "spid", "photo", "phishing", "restart"]);
    const result = scoreAnswers(bank, answers);
    expect(areaPcts(result)).toEqual({ A: "0 low", B: "0 low", C: "0 low", D: "0 low", E: "0 low" });
    expect(result.overall).toEqual({ pct: 0, band: "low" });
    expect(result.weakest).toEqual([1, 2, 3]);
    expect(result.basicOnly).toBe(false);
    expect(result.screening).toEqual({ device: "daily", internet: "daily" });
  });

  it("all highest: every area 100% (advanced), nothing to work on", () => {
    const { answers, asked } = takeTest(
      bank,
      everyDay(() => "alone"),
    );
    expect(asked).toHaveLength(18);
    const result = scoreAnswers(bank, answers);
    expect(areaPcts(result)).toEqual({
      A: "100 advanced",
      B: "100 advanced",
      C: "100 advanced",
      D: "100 advanced",
      E: "100 advanced",
    });
    expect(result.overall).toEqual({ pct: 100, band: "advanced" });
    expect(result.weakest).toEqual([]);
  });

  it("mixed: competences average their items, areas their competences, overall the areas", () => {
    const pattern: Record<string, string> = {
      search: "alone", // 1.1 100
      fakenews: "help", // 1.2 50
      healthfile: "no", // 1.3 0           → A 50
      messages: "alone", // 2.1 100
      spid: "help", // 2.6 50
      appio: "no", // 2.3 0
      email: "help", // 2.2 50              → B 50
      photo: "alone", // 3.1 (100+0)/2 = 50
      document: "no",
      mix: "help", // 3.2 50               → C 50
      phishing: "help", // 4.1 (50+50)/2 = 50
      password: "help",
      privacy: "no", // 4.2 0              → D 25
      restart: "alone", // 5.1 (100+0)/2 = 50
      install: "alone", // 5.2 100
      fix: "no", //                          → E 75
    };
    const { answers } = takeTest(
      bank,
      everyDay((id) => pattern[id] ?? "x"),
    );
    const result = scoreAnswers(bank, answers);
    expect(areaPcts(result)).toEqual({
      A: "50 intermediate",
      B: "50 intermediate",
      C: "50 intermediate",
      D: "25 low",
      E: "75 intermediate",
    });
    expect(result.overall).toEqual({ pct: 50, band: "intermediate" });
    expect(Object.fromEntries(result.competences.map((c) => [c.se5, c.pct]))).toEqual({
      1: 100,
      2: 50,
      3: 0,
      4: 100,
      9: 50,
      6: 0,
      5: 50,
      10: 50,
      11: 50,
      12: 0,
      13: 67,
    });
    // three at 0%, in bank order
    expect(result.weakest).toEqual([3, 6, 12]);
  });

  it("early stop per area: an area whose basic items are all lowest skips the rest, which count 0%", () => {
    const pattern: Record<string, string> = { search: "no", messages: "no", spid: "dunno", phishing: "no" };
    const { answers, asked } = takeTest(
      bank,
      everyDay((id) => pattern[id] ?? "alone"),
    );
    expect(
      asked.filter((id) => ["fakenews", "healthfile", "appio", "email", "password", "privacy"].includes(id)),
    ).toEqual([]);
    expect(asked).toContain("document");
    const result = scoreAnswers(bank, answers);
    expect(areaPcts(result)).toEqual({
      A: "0 low",
      B: "0 low",
      C: "100 advanced",
      D: "0 low",
      E: "100 advanced",
    });
    expect(result.overall).toEqual({ pct: 40, band: "foundation" });
  });

  it("one basic item above the lowest keeps the area going", () => {
    const { asked, answers } = takeTest(
      bank,
      everyDay((id) => (id === "messages" ? "no" : id === "spid" ? "help" : "no")),
    );
    expect(asked).toEqual(expect.arrayContaining(["messages", "spid", "appio", "email"]));
    const b = scoreAnswers(bank, answers).areas.find((a) => a.area === "B");
    // 2.1 0, 2.6 50, 2.3 0, 2.2 0 → 12.5 → 13
    expect(b).toEqual({ area: "B", pct: 13, band: "low" });
  });

  it('all "Non so cosa vuol dire": counted as the lowest, with the same early stops', () => {
    const dunno = takeTest(
      bank,
      everyDay(() => "dunno"),
    );
    const no = takeTest(
      bank,
      everyDay(() => "no"),
    );
    expect(dunno.asked).toEqual(no.asked);
    expect(scoreAnswers(bank, dunno.answers)).toEqual(scoreAnswers(bank, no.answers));
  });

  it("the screening: never online keeps only the basic items, the others count 0%", () => {
    const { answers, asked } = takeTest(bank, (q) =>
      q.kind === "screening" ? (q.question.id === "device" ? "sometimes" : "never") : "alone",
    );
    expect(asked).toEqual(["device", "internet", "search", "messages", "spid", "photo", "phishing", "restart"]);
    const result = scoreAnswers(bank, answers);
    expect(result.basicOnly).toBe(true);
    // A: 1.1 100, 1.2 0, 1.3 0 → 33; B: 2.1 100, 2.6 100, 2.3 0, 2.2 0 → 50
    expect(areaPcts(result)).toMatchObject({ A: "33 foundation", B: "50 intermediate" });
    const noDevice = takeTest(bank, (q) => (q.kind === "screening" ? "never" : "help"));
    // no device: the internet question is not asked either
    expect(noDevice.asked.slice(0, 2)).toEqual(["device", "search"]);
    expect(scoreAnswers(bank, noDevice.answers).screening).toEqual({ device: "never" });
  });
});
