import { describe, expect, it } from "vitest";
import { CODED_FIELD_NAMES, CODED_FIELDS } from "./answer-options.js";
import {
  areaOfCompetence,
  areasOfCompetences,
  canonicalCodes,
  isCode,
  joinCodes,
  labelOf,
  parseCodeText,
} from "./codes.js";

/** The codes facilita-csv.md lists for each field. */
const EXPECTED_CODES: Record<string, string> = {
  AN4: "NO SI",
  AN5: "A B C D E",
  AN7: "A B C D",
  AN8: "A B C D E",
  AN9: "A B C D E F G H I J K L",
  AN10: "A B C D E F G H",
  AN11: "A B C",
  PR1: "SI NO",
  PR2: "A B C D E",
  SE3: "A B C D E",
  SE4: "A B C D E",
  SE5: "1 2 3 4 5 6 7 8 9 10 11 12 13",
  SE6: "A B C D E F G H I J K L M N O P Q R S",
  ES1: "A B C D E F G H I J K L M",
  ES2: "A B C D E F G H I J K L",
  ES3: "A B C D E",
  ES5: "A B C D E F G H I J K L M N O",
  ES6: "1 2 3 4 5",
};
const MULTI = ["PR2", "SE3", "SE4", "SE5", "SE6", "ES1", "ES2", "ES3", "ES5"];

describe("the platform's answer options", () => {
  it("cover every coded field of the file with exactly its codes", () => {
    expect([...CODED_FIELD_NAMES].sort()).toEqual(Object.keys(EXPECTED_CODES).sort());
    for (const name of CODED_FIELD_NAMES) {
      const field = CODED_FIELDS[name];
      expect(field.field).toBe(name);
      expect(field.options.map((option) => option.code).join(" "), name).toBe(EXPECTED_CODES[name]);
      expect(field.multi, name).toBe(MULTI.includes(name));
    }
  });

  it("have short plain labels for chat buttons in Italian and English", () => {
    for (const name of CODED_FIELD_NAMES) {
      const field = CODED_FIELDS[name];
      expect(field.question.it.length, `${name} question`).toBeLessThanOrEqual(80);
      expect(field.question.en.length, `${name} question`).toBeLessThanOrEqual(80);
      const labels = { it: new Set<string>(), en: new Set<string>() };
      for (const option of field.options) {
        for (const language of ["it", "en"] as const) {
          const label = option.label[language];
          expect(label.length, `${name} ${option.code} ${language}: "${label}"`).toBeLessThanOrEqual(20);
          expect(label.trim(), `${name} ${option.code}`).toBe(label);
          expect(label.length).toBeGreaterThan(0);
          labels[language].add(label);
          if (option.description) expect(option.description[language].length).toBeLessThanOrEqual(80);
        }
        if (option.description) expect(option.description.it, `${name} ${option.code}`).not.toBe(option.label.it);
        expect(option.platform.length).toBeGreaterThan(0);
      }
      // Two buttons of one question never read the same.
      expect(labels.it.size, name).toBe(field.options.length);
      expect(labels.en.size, name).toBe(field.options.length);
    }
  });

  it("give labels by code", () => {
    expect(labelOf("SE5", "9")).toBe("SPID, CIE, CNS");
    expect(labelOf("AN11", "C", "en")).toBe("Non-EU country");
    expect(labelOf("AN11", "Z")).toBeUndefined();
  });
});

describe("code validation", () => {
  it("reads multi-valued fields strictly, as the platform does", () => {
    expect(parseCodeText("SE6", "A:B:S")).toEqual({ ok: true, codes: ["A", "B", "S"] });
    expect(parseCodeText("SE5", "4:13")).toEqual({ ok: true, codes: ["4", "13"] });
    expect(parseCodeText("SE6", "A: B")).toEqual({ ok: false, problem: "spaces" });
    expect(parseCodeText("SE6", " A")).toEqual({ ok: false, problem: "spaces" });
    expect(parseCodeText("SE6", "A::B")).toEqual({ ok: false, problem: "empty_part" });
    expect(parseCodeText("SE6", "A:")).toEqual({ ok: false, problem: "empty_part" });
    expect(parseCodeText("SE6", "A:A")).toEqual({ ok: false, problem: "repeated_code", code: "A" });
    expect(parseCodeText("SE6", "T")).toEqual({ ok: false, problem: "unknown_code", code: "T" });
    expect(parseCodeText("SE6", "a")).toEqual({ ok: false, problem: "unknown_code", code: "a" });
    expect(parseCodeText("SE5", "14")).toEqual({ ok: false, problem: "unknown_code", code: "14" });
    expect(parseCodeText("SE5", "")).toEqual({ ok: false, problem: "empty" });
    expect(parseCodeText("SE6", "A;B")).toEqual({ ok: false, problem: "unknown_code", code: "A;B" });
  });

  it("keeps single-valued fields to one code", () => {
    expect(parseCodeText("AN9", "L")).toEqual({ ok: true, codes: ["L"] });
    expect(parseCodeText("AN9", "A:B")).toEqual({ ok: false, problem: "not_multi" });
    expect(parseCodeText("AN4", "SI")).toEqual({ ok: true, codes: ["SI"] });
    expect(parseCodeText("AN4", "Si")).toMatchObject({ ok: false, problem: "unknown_code" });
    expect(isCode("ES6", "5")).toBe(true);
    expect(isCode("ES6", "6")).toBe(false);
  });

  it("makes a record's codes canonical: checked, without repeats, in the platform's order", () => {
    expect(canonicalCodes("SE5", [13, 4, 4, 9])).toEqual({ ok: true, codes: ["4", "9", "13"] });
    expect(canonicalCodes("SE6", ["S", "A"])).toEqual({ ok: true, codes: ["A", "S"] });
    expect(canonicalCodes("SE6", [])).toEqual({ ok: true, codes: [] });
    expect(canonicalCodes("SE6", ["X"])).toMatchObject({ ok: false, problem: "unknown_code" });
    expect(canonicalCodes("AN7", ["A", "B"])).toEqual({ ok: false, problem: "not_multi" });
    expect(joinCodes("SE5", [11, 2, 12])).toBe("2:11:12");
    expect(() => joinCodes("SE5", [0])).toThrow(/SE5: unknown_code/);
  });

  it("derives the SE4 area from each SE5 competence", () => {
    const areas = Array.from({ length: 13 }, (_, i) => areaOfCompetence(i + 1)).join("");
    expect(areas).toBe("AAABBBBBBCDDE");
    expect(areaOfCompetence(0)).toBeNull();
    expect(areaOfCompetence(14)).toBeNull();
    expect(areasOfCompetences([13, 9, 4, 1])).toEqual(["A", "B", "E"]);
    expect(areasOfCompetences([])).toEqual([]);
  });
});
