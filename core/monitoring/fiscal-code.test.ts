import { describe, expect, it } from "vitest";
import { LANGUAGES } from "../conversation/i18n.js";
import { ageOn, checkCharacter, type FiscalCodeProblem, normaliseFiscalCode, parseFiscalCode } from "./fiscal-code.js";
import { syntheticFiscalCode } from "./synthetic-fiscal-code.js";

const ON = "2026-05-10";

/** Replaces the character at `index`, then (optionally) fixes the check character. */
function edit(code: string, index: number, char: string, fixCheck = true): string {
  const chars = code.split("");
  chars[index] = char;
  const first15 = chars.slice(0, 15).join("");
  return fixCheck ? `${first15}${checkCharacter(first15)}` : chars.join("");
}

function problemOf(raw: string, on = ON): FiscalCodeProblem | "ok" {
  const result = parseFiscalCode(raw, on);
  return result.ok ? "ok" : result.problem;
}

describe("check character", () => {
  it("matches codes published as examples of the algorithm", () => {
    // Worked examples that circulate with the algorithm (Agenzia delle Entrate's rules).
    expect(checkCharacter("MRTMTT25D09F205")).toBe("Z");
    expect(checkCharacter("RSSMRA85T10A562")).toBe("S");
  });

  it("refuses a code whose last character does not match", () => {
    const good = "RSSMRA85T10A562S";
    expect(problemOf(good)).toBe("ok");
    for (const wrong of "ABCDEFGHIJKLMNOPQRTUVWXYZ") {
      expect(problemOf(`${good.slice(0, 15)}${wrong}`)).toBe("wrong_check_character");
    }
  });

  it("notices a single typo anywhere in the first 15 characters", () => {
    const good = "RSSMRA85T10A562S";
    // A letter swapped for another in the name part keeps the shape: only the check catches it.
    expect(problemOf(edit(good, 0, "P", false))).toBe("wrong_check_character");
    expect(problemOf(edit(good, 7, "4", false))).toBe("wrong_check_character");
  });
});

describe("parseFiscalCode", () => {
  it("reads birth date, sex and municipality", () => {
    const result = parseFiscalCode("RSSMRA85T10A562S", ON);
    expect(result).toEqual({
      ok: true,
      code: "RSSMRA85T10A562S",
      birthDate: "1985-12-10",
      sex: "M",
      municipality: "A562",
      omocodic: false,
    });
  });

  it("reads women's days (day + 40) and every month letter", () => {
    const months = "ABCDEHLMPRST";
    for (let month = 1; month <= 12; month++) {
      const birthDate = `1970-${String(month).padStart(2, "0")}-28`;
      const code = syntheticFiscalCode({ birthDate, sex: "F" });
      expect(code.charAt(8)).toBe(months.charAt(month - 1));
      expect(code.slice(9, 11)).toBe("68");
      const result = parseFiscalCode(code, ON);
      expect(result.ok && result.birthDate).toBe(birthDate);
      expect(result.ok && result.sex).toBe("F");
    }
  });

  it("normalises case and spaces before checking", () => {
    expect(normaliseFiscalCode(" rss mra 85t10 a562s\t")).toBe("RSSMRA85T10A562S");
    const result = parseFiscalCode(" rss mra 85t10 a562s ", ON);
    expect(result.ok && result.code).toBe("RSSMRA85T10A562S");
  });

  it("accepts omocodic variants and reads the same person from them", () => {
    const base = syntheticFiscalCode({ birthDate: "1948-03-07", sex: "F", municipality: "L219" });
    for (let substitutions = 1; substitutions <= 7; substitutions++) {
      const code = syntheticFiscalCode({
        birthDate: "1948-03-07",
        sex: "F",
        municipality: "L219",
        omocodia: substitutions,
      });
      expect(code).not.toBe(base);
      const result = parseFiscalCode(code, ON);
      expect(result).toMatchObject({
        ok: true,
        birthDate: "1948-03-07",
        sex: "F",
        municipality: "L219",
        omocodic: true,
      });
    }
    // Omocodia letters in a different order than the Agenzia's (not from the right) are still read.
    const left = edit(base, 6, "Q");
    expect(parseFiscalCode(left, ON)).toMatchObject({ ok: true, birthDate: "1948-03-07", omocodic: true });
  });

  it("refuses letters outside the omocodia set in numeric positions", () => {
    const base = syntheticFiscalCode({ birthDate: "1960-01-15", sex: "M" });
    // "O" looks like 0 but is not an omocodia letter; same for "I" and 1.
    expect(problemOf(edit(base, 7, "O"))).toBe("wrong_shape");
    expect(problemOf(edit(base, 13, "I"))).toBe("wrong_shape");
    // A digit where a letter goes.
    expect(problemOf(edit(base, 2, "5"))).toBe("wrong_shape");
    expect(problemOf(edit(base, 15, "5", false))).toBe("wrong_shape");
  });

  it("refuses wrong month letters, days and impossible dates", () => {
    const base = syntheticFiscalCode({ birthDate: "1960-01-15", sex: "M" });
    for (const letter of "FGIJKNOQUVWXYZ") expect(problemOf(edit(base, 8, letter))).toBe("bad_month");
    const withDay = (day: string) => edit(edit(base, 9, day.charAt(0)), 10, day.charAt(1));
    expect(problemOf(withDay("00"))).toBe("bad_day");
    expect(problemOf(withDay("32"))).toBe("bad_day");
    expect(problemOf(withDay("40"))).toBe("bad_day");
    expect(problemOf(withDay("72"))).toBe("bad_day");
    expect(problemOf(withDay("41"))).toBe("ok");
    expect(problemOf(withDay("71"))).toBe("ok");
    // 30 February (B = February), 31 April (D), 71 = 31 for a woman in June (H).
    expect(problemOf(edit(withDay("30"), 8, "B"))).toBe("impossible_date");
    expect(problemOf(edit(withDay("70"), 8, "B"))).toBe("impossible_date");
    expect(problemOf(edit(withDay("31"), 8, "D"))).toBe("impossible_date");
    expect(problemOf(edit(withDay("71"), 8, "H"))).toBe("impossible_date");
  });

  it("takes 29 February only in a leap year", () => {
    expect(parseFiscalCode(syntheticFiscalCode({ birthDate: "1984-02-29", sex: "M" }), ON)).toMatchObject({
      ok: true,
      birthDate: "1984-02-29",
    });
    const base = syntheticFiscalCode({ birthDate: "1984-02-28", sex: "M" });
    const feb29 = edit(edit(base, 9, "2"), 10, "9");
    expect(problemOf(feb29)).toBe("ok");
    expect(problemOf(edit(feb29, 7, "5"))).toBe("impossible_date"); // 1985 is not a leap year
  });

  it("checks the shape of the municipality code", () => {
    const base = syntheticFiscalCode({ birthDate: "1960-01-15", sex: "M" });
    expect(problemOf(syntheticFiscalCode({ birthDate: "1960-01-15", sex: "M", municipality: "Z404" }))).toBe("ok");
    expect(problemOf(syntheticFiscalCode({ birthDate: "1960-01-15", sex: "M", municipality: "A001" }))).toBe("ok");
    expect(problemOf(syntheticFiscalCode({ birthDate: "1960-01-15", sex: "M", municipality: "M999" }))).toBe("ok");
    expect(problemOf(syntheticFiscalCode({ birthDate: "1960-01-15", sex: "M", municipality: "N123" }))).toBe(
      "bad_municipality",
    );
    expect(problemOf(syntheticFiscalCode({ birthDate: "1960-01-15", sex: "M", municipality: "A000" }))).toBe(
      "bad_municipality",
    );
    expect(problemOf(syntheticFiscalCode({ birthDate: "1960-01-15", sex: "M", municipality: "Z099" }))).toBe(
      "bad_municipality",
    );
    expect(problemOf(base)).toBe("ok");
  });

  it("refuses empty, short, long and punctuated input", () => {
    expect(problemOf("")).toBe("empty");
    expect(problemOf("   ")).toBe("empty");
    expect(problemOf("RSSMRA85T10A562")).toBe("wrong_length");
    expect(problemOf("RSSMRA85T10A562SS")).toBe("wrong_length");
    expect(problemOf("RSS-MRA-85T10-A562S")).toBe("invalid_characters");
    expect(problemOf("RSSMRA85T10À562S")).toBe("invalid_characters");
    expect(problemOf("x".repeat(10_000))).toBe("wrong_length");
  });

  it("infers the century from the reference date", () => {
    const code = (birthDate: string) => syntheticFiscalCode({ birthDate, sex: "M" });
    // "80" is 1980; "08" read in 2026 is 2008 (a 17-year-old); "20" is 1920 (2020 would be 6).
    expect(parseFiscalCode(code("1980-06-01"), ON)).toMatchObject({ birthDate: "1980-06-01" });
    expect(parseFiscalCode(code("2008-06-01"), ON)).toMatchObject({ birthDate: "2008-06-01" });
    expect(parseFiscalCode(code("1920-06-01"), ON)).toMatchObject({ birthDate: "1920-06-01" });
    // Born later in the year than the reference date: the previous century.
    expect(parseFiscalCode(code("1926-12-01"), ON)).toMatchObject({ birthDate: "1926-12-01" });
    // 14 on the reference date: this century; 13: the century before.
    expect(parseFiscalCode(code("2012-05-10"), ON)).toMatchObject({ birthDate: "2012-05-10" });
    expect(parseFiscalCode(code("2012-05-11"), ON)).toMatchObject({ birthDate: "1912-05-11" });
    // The same code read on an earlier service date.
    expect(parseFiscalCode(code("2008-06-01"), "2023-01-01")).toMatchObject({ birthDate: "2008-06-01" });
    expect(parseFiscalCode(code("2010-06-01"), "2023-01-01")).toMatchObject({ birthDate: "1910-06-01" });
  });

  it("has a kind Italian and English message for every problem", () => {
    const problems: FiscalCodeProblem[] = [
      "empty",
      "wrong_length",
      "invalid_characters",
      "wrong_shape",
      "bad_month",
      "bad_day",
      "impossible_date",
      "bad_municipality",
      "wrong_check_character",
    ];
    for (const problem of problems) {
      const italian = (LANGUAGES.it as Record<string, string>)[`monitoring.problem.fiscal_${problem}`] ?? "";
      const en = (LANGUAGES.en as Record<string, string>)[`monitoring.problem.fiscal_${problem}`] ?? "";
      expect(italian.length).toBeGreaterThan(20);
      expect(italian.length).toBeLessThan(200);
      expect(en.length).toBeGreaterThan(20);
      expect(italian).not.toMatch(/\b(invalid|error|check)\b/i);
    }
  });
});

describe("ageOn", () => {
  it("counts full years, the birthday included", () => {
    expect(ageOn("1980-05-10", "2026-05-09")).toBe(45);
    expect(ageOn("1980-05-10", "2026-05-10")).toBe(46);
    expect(ageOn("2008-12-31", "2026-12-30")).toBe(17);
    expect(ageOn("2008-12-31", "2026-12-31")).toBe(18);
  });

  it("lets someone born on 29 February turn a year older on 1 March in other years", () => {
    expect(ageOn("2008-02-29", "2026-02-28")).toBe(17);
    expect(ageOn("2008-02-29", "2026-03-01")).toBe(18);
    expect(ageOn("2008-02-29", "2028-02-29")).toBe(20);
  });
});
