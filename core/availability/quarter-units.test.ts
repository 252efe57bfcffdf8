import { describe, expect, it } from "vitest";
import { SportelloError } from "../errors.js";
import { quarterUnits } from "./quarter-units.js";

const span = (start: string, end: string) => ({ start: new Date(start), end: new Date(end) });
const isos = (units: Date[]) => units.map((u) => u.toISOString());

describe("quarterUnits", () => {
  it("lists the quarter hours of an aligned span, end excluded", () => {
    expect(isos(quarterUnits(span("2026-03-10T08:00:00Z", "2026-03-10T09:00:00Z")))).toEqual([
      "2026-03-10T08:00:00.000Z",
      "2026-03-10T08:15:00.000Z",
      "2026-03-10T08:30:00.000Z",
      "2026-03-10T08:45:00.000Z",
    ]);
  });

  it("covers every unit an unaligned span touches", () => {
    expect(isos(quarterUnits(span("2026-03-10T08:10:00Z", "2026-03-10T08:20:00Z")))).toEqual([
      "2026-03-10T08:00:00.000Z",
      "2026-03-10T08:15:00.000Z",
    ]);
  });

  it("counts real time across DST: 01:00-04:00 local is 8 units in March, 16 distinct units in October", () => {
    // 2026-03-29: 01:00 CET = 00:00Z, 04:00 CEST = 02:00Z.
    expect(quarterUnits(span("2026-03-29T00:00:00Z", "2026-03-29T02:00:00Z"))).toHaveLength(8);
    // 2026-10-25: 01:00 CEST = 23:00Z (24th), 04:00 CET = 03:00Z; the repeated 02:xx hour gets its own units.
    const october = isos(quarterUnits(span("2026-10-24T23:00:00Z", "2026-10-25T03:00:00Z")));
    expect(october).toHaveLength(16);
    expect(new Set(october).size).toBe(16);
    expect(october).toContain("2026-10-25T00:30:00.000Z"); // first 02:30 (CEST)
    expect(october).toContain("2026-10-25T01:30:00.000Z"); // second 02:30 (CET)
  });

  it("refuses empty, reversed, invalid and runaway spans", () => {
    expect(() => quarterUnits(span("2026-03-10T08:00:00Z", "2026-03-10T08:00:00Z"))).toThrow(SportelloError);
    expect(() => quarterUnits(span("2026-03-10T09:00:00Z", "2026-03-10T08:00:00Z"))).toThrow(SportelloError);
    expect(() => quarterUnits(span("nope", "2026-03-10T08:00:00Z"))).toThrow(SportelloError);
    expect(() => quarterUnits(span("2026-03-01T00:00:00Z", "2026-03-10T00:00:00Z"))).toThrow(SportelloError);
  });
});
