import { describe, expect, it } from "vitest";
import { SportelloError } from "../errors.js";
import { isLocalTime, isOnQuarterHour, minutesOfDay, parseLocalTime } from "./local-time.js";

describe("local times", () => {
  it("accepts only HH:MM from 00:00 to 23:59", () => {
    for (const good of ["00:00", "09:00", "13:45", "23:59"]) expect(isLocalTime(good), good).toBe(true);
    for (const bad of ["25:00", "24:00", "9:00", "09:60", "09:00:00", "0900", "09.00", ""]) {
      expect(isLocalTime(bad), bad).toBe(false);
    }
    expect(isLocalTime(900)).toBe(false);
  });

  it("parses, and throws a validation error on a bad time", () => {
    expect(parseLocalTime("09:30")).toEqual({ hour: 9, minute: 30 });
    expect(() => parseLocalTime("25:00")).toThrow(SportelloError);
    expect(() => parseLocalTime("9:00")).toThrow(expect.objectContaining({ code: "validation" }));
  });

  it("counts wall-clock minutes and checks the 15-minute grid", () => {
    expect(minutesOfDay("00:00")).toBe(0);
    expect(minutesOfDay("09:30")).toBe(570);
    expect(minutesOfDay("23:59")).toBe(1439);
    expect(isOnQuarterHour("09:15")).toBe(true);
    expect(isOnQuarterHour("09:10")).toBe(false);
  });
});
