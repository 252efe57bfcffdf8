import { describe, expect, it } from "vitest";
import { LANGUAGES } from "../conversation/i18n.js";
import { ageBandForAge, fiscalCodeForMonitoring, isMinorAge } from "./age-band.js";
import { syntheticFiscalCode } from "./synthetic-fiscal-code.js";

describe("ageBandForAge", () => {
  it("puts each boundary age in its band", () => {
    const cases: Array<[number, string | null]> = [
      [13, null],
      [14, "E"],
      [17, "E"],
      [18, "A"],
      [29, "A"],
      [30, "B"],
      [54, "B"],
      [55, "C"],
      [74, "C"],
      [75, "D"],
      [104, "D"],
    ];
    for (const [age, band] of cases) expect(ageBandForAge(age), `age ${age}`).toBe(band);
    expect(ageBandForAge(-1)).toBeNull();
    expect(ageBandForAge(30.5)).toBeNull();
  });

  it("says who is a minor", () => {
    expect(isMinorAge(17)).toBe(true);
    expect(isMinorAge(18)).toBe(false);
  });
});

describe("fiscalCodeForMonitoring", () => {
  const on = "2026-05-10";

  it("gives age and band on the service date", () => {
    const code = syntheticFiscalCode({ birthDate: "1951-05-11", sex: "F" });
    expect(fiscalCodeForMonitoring(code, on)).toMatchObject({ ok: true, age: 74, ageBand: "C", minor: false });
    expect(fiscalCodeForMonitoring(code, "2026-05-11")).toMatchObject({ ok: true, age: 75, ageBand: "D" });
  });

  it("refuses a minor unless minors are enabled, and turns 18 on the birthday", () => {
    const code = syntheticFiscalCode({ birthDate: "2008-05-11", sex: "M" });
    expect(fiscalCodeForMonitoring(code, on)).toEqual({ ok: false, problem: "minor" });
    expect(fiscalCodeForMonitoring(code, on, { minorsEnabled: true })).toMatchObject({
      ok: true,
      age: 17,
      ageBand: "E",
      minor: true,
    });
    expect(fiscalCodeForMonitoring(code, "2026-05-11")).toMatchObject({ ok: true, age: 18, ageBand: "A" });
  });

  it("passes the codice fiscale's own problems through", () => {
    expect(fiscalCodeForMonitoring("RSSMRA85T10A562X", on)).toEqual({ ok: false, problem: "wrong_check_character" });
  });

  it("explains each refusal kindly", () => {
    const it = LANGUAGES.it as Record<string, string>;
    expect(it["monitoring.problem.fiscal_minor"]).toMatch(/18 anni/);
    expect((LANGUAGES.en as Record<string, string>)["monitoring.problem.fiscal_minor"]).toMatch(/under 18/);
    expect(it["monitoring.problem.fiscal_impossible_date"]).toMatch(/30 febbraio/);
  });
});
