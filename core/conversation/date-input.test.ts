import { describe, expect, it } from "vitest";
import { parseTypedDate, parseTypedTime } from "./date-input.js";

const TODAY = "2026-12-01"; // a Tuesday

describe("parseTypedDate", () => {
  it("reads the ways people write dates", () => {
    const cases: Array<[string, string]> = [
      ["oggi", "2026-12-01"],
      ["Domani", "2026-12-02"],
      ["tomorrow", "2026-12-02"],
      ["15/12", "2026-12-15"],
      ["15-12-2026", "2026-12-15"],
      ["3/1", "2027-01-03"], // no year: the next 3 January
      ["1/12", "2026-12-01"],
      ["15 dicembre", "2026-12-15"],
      ["giovedì 3 dicembre", "2026-12-03"],
      ["giovedi", "2026-12-03"],
      ["martedì", "2026-12-08"], // next Tuesday, not today
      ["5/1/27", "2027-01-05"],
      ["Wed 2 Dec", "2026-12-02"],
      ["Dec 15", "2026-12-15"],
      ["Thursday December 3", "2026-12-03"],
      ["3 Oct", "2027-10-03"],
    ];
    for (const [text, expected] of cases) expect(parseTypedDate(text, TODAY), text).toBe(expected);
  });

  it("refuses what is not a date", () => {
    for (const text of ["31/2", "32/12", "ciao", "15 brumaio", "", "12345", "10:30"]) {
      expect(parseTypedDate(text, TODAY), text).toBeUndefined();
    }
  });
});

describe("parseTypedTime", () => {
  it("reads times", () => {
    expect(parseTypedTime("10")).toBe("10:00");
    expect(parseTypedTime("10:30")).toBe("10:30");
    expect(parseTypedTime("9.15")).toBe("09:15");
    expect(parseTypedTime("ore 15")).toBe("15:00");
    expect(parseTypedTime("alle 9 e 30")).toBe("09:30");
    expect(parseTypedTime("3pm")).toBe("15:00");
    expect(parseTypedTime("9:30 am")).toBe("09:30");
    expect(parseTypedTime("12pm")).toBe("12:00");
    expect(parseTypedTime("13pm")).toBeUndefined();
    expect(parseTypedTime("25")).toBeUndefined();
    expect(parseTypedTime("10:75")).toBeUndefined();
    expect(parseTypedTime("dieci")).toBeUndefined();
  });
});
