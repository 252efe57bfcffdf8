import { describe, expect, it } from "vitest";
import { SportelloError } from "../errors.js";
import {
  addDays,
  daysBetween,
  formatLocalDate,
  isLocalDate,
  isoWeekdayOfDate,
  listDates,
  parseLocalDate,
} from "./local-date.js";

describe("local dates", () => {
  it("accepts only real dates written YYYY-MM-DD", () => {
    expect(isLocalDate("2026-04-25")).toBe(true);
    expect(isLocalDate("2024-02-29")).toBe(true);
    for (const bad of [
      "2026-02-30",
      "2025-02-29",
      "2026-13-01",
      "2026-00-10",
      "2026-4-05",
      " 2026-01-01",
      "26-01-01",
      "",
    ]) {
      expect(isLocalDate(bad), bad).toBe(false);
    }
    expect(isLocalDate(20260101)).toBe(false);
  });

  it("parses, and throws a validation error with an Italian message on a bad date", () => {
    expect(parseLocalDate("2026-03-29")).toEqual({ year: 2026, month: 3, day: 29 });
    expect(() => parseLocalDate("2026-02-30")).toThrow(SportelloError);
    try {
      parseLocalDate("2026-02-30");
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ code: "validation", userMessage: expect.stringContaining("AAAA-MM-GG") });
      expect((error as Error).message).not.toContain("2026-02-30");
    }
  });

  it("formats parts and refuses impossible ones", () => {
    expect(formatLocalDate({ year: 2026, month: 6, day: 2 })).toBe("2026-06-02");
    expect(() => formatLocalDate({ year: 2026, month: 2, day: 30 })).toThrow(SportelloError);
  });

  it("adds calendar days across months, years, leap days and DST Sundays", () => {
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(addDays("2024-03-01", -1)).toBe("2024-02-29");
    expect(addDays("2026-03-28", 1)).toBe("2026-03-29");
    expect(addDays("2026-03-29", 1)).toBe("2026-03-30");
    expect(addDays("2026-10-25", 1)).toBe("2026-10-26");
    expect(addDays("2026-04-25", 0)).toBe("2026-04-25");
    expect(() => addDays("2026-04-25", 0.5)).toThrow(SportelloError);
  });

  it("lists consecutive dates starting with the first", () => {
    expect(listDates("2026-03-28", 3)).toEqual(["2026-03-28", "2026-03-29", "2026-03-30"]);
    expect(listDates("2026-03-28", 0)).toEqual([]);
    expect(() => listDates("2026-03-28", -1)).toThrow(SportelloError);
  });

  it("gives the ISO weekday and the days between dates", () => {
    expect(isoWeekdayOfDate("2026-03-29")).toBe(7);
    expect(isoWeekdayOfDate("2026-04-06")).toBe(1);
    expect(isoWeekdayOfDate("2026-04-25")).toBe(6);
    expect(daysBetween("2026-03-10", "2026-04-09")).toBe(30);
    expect(daysBetween("2026-04-09", "2026-03-10")).toBe(-30);
  });
});
