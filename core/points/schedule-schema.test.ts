import { describe, expect, it } from "vitest";
import { SportelloError } from "../errors.js";
import { busPoint, nightPoint, torinoPoint } from "./sample-schedules.js";
import { validateSchedule } from "./schedule-schema.js";
import type { PointSchedule } from "./types.js";

/** The issues of a rejected schedule; fails the test if it is accepted. */
function issuesOf(input: unknown): Array<{ path: string; message: string }> {
  try {
    validateSchedule(input);
  } catch (error) {
    expect(error).toBeInstanceOf(SportelloError);
    const e = error as SportelloError;
    expect(e.code).toBe("validation");
    expect(e.userMessage).toMatch(/orari/i);
    return (e.details?.issues ?? []) as Array<{ path: string; message: string }>;
  }
  throw new Error("schedule was accepted");
}

const withWeekly = (weekly: unknown[]): unknown => ({ ...torinoPoint, weekly });

describe("validateSchedule", () => {
  it("accepts the sample schedules unchanged", () => {
    for (const schedule of [torinoPoint, nightPoint, busPoint]) expect(validateSchedule(schedule)).toEqual(schedule);
  });

  it("drops unknown keys", () => {
    const parsed = validateSchedule({ ...nightPoint, extra: 1 });
    expect(parsed).not.toHaveProperty("extra");
  });

  it("rejects malformed times without echoing them in the internal message", () => {
    for (const bad of ["25:00", "9:00", "24:00", "09:00:00"]) {
      const issues = issuesOf(withWeekly([{ weekday: 1, shift: 1, opens: bad, closes: "13:00" }]));
      expect(issues.map((i) => i.path)).toContain("weekly.0.opens");
    }
    try {
      validateSchedule(withWeekly([{ weekday: 1, shift: 1, opens: "25:00", closes: "13:00" }]));
    } catch (error) {
      expect((error as Error).message).not.toContain("25:00");
    }
  });

  it("rejects malformed dates", () => {
    const special = { ...torinoPoint, special: [{ date: "2026-02-30", windows: [] }] };
    expect(issuesOf(special).map((i) => i.path)).toEqual(["special.0.date"]);
    const closure = { ...torinoPoint, closures: [{ from: "2026-8-10", to: "2026-08-21", reason: "x" }] };
    expect(issuesOf(closure).map((i) => i.path)).toEqual(["closures.0.from"]);
  });

  it("rejects windows off the 15-minute grid", () => {
    const issues = issuesOf(withWeekly([{ weekday: 1, shift: 1, opens: "09:10", closes: "13:00" }]));
    expect(issues).toEqual([{ path: "weekly.0.opens", message: expect.stringContaining("15-minute") }]);
    const special = {
      ...torinoPoint,
      special: [{ date: "2026-03-12", windows: [{ opens: "10:00", closes: "11:50" }] }],
    };
    expect(issuesOf(special).map((i) => i.path)).toEqual(["special.0.windows.0.closes"]);
  });

  it("rejects a window that opens after or when it closes", () => {
    expect(issuesOf(withWeekly([{ weekday: 2, shift: 1, opens: "13:00", closes: "09:00" }]))).toEqual([
      { path: "weekly.0.closes", message: "opens must be before closes" },
    ]);
    expect(issuesOf(withWeekly([{ weekday: 2, shift: 1, opens: "09:00", closes: "09:00" }]))).toHaveLength(1);
  });

  it("rejects more than two shifts, a repeated shift, overlapping shifts and shift 2 before shift 1", () => {
    const three = [
      { weekday: 1, shift: 1, opens: "08:00", closes: "09:00" },
      { weekday: 1, shift: 2, opens: "10:00", closes: "11:00" },
      { weekday: 1, shift: 2, opens: "12:00", closes: "13:00" },
    ];
    expect(issuesOf(withWeekly(three)).map((i) => i.message)).toEqual(
      expect.arrayContaining(["more than two shifts on weekday 1", "shift 2 twice on weekday 1"]),
    );
    const overlapping = [
      { weekday: 3, shift: 1, opens: "09:00", closes: "13:00" },
      { weekday: 3, shift: 2, opens: "12:45", closes: "18:00" },
    ];
    expect(issuesOf(withWeekly(overlapping))).toEqual([{ path: "weekly.1", message: "shifts of weekday 3 overlap" }]);
    const swapped = [
      { weekday: 4, shift: 2, opens: "09:00", closes: "13:00" },
      { weekday: 4, shift: 1, opens: "14:00", closes: "18:00" },
    ];
    expect(issuesOf(withWeekly(swapped))).toEqual([{ path: "weekly.0", message: "shift 1 must come before shift 2" }]);
    // Touching shifts and the same hours on different weekdays are fine.
    const fine = [
      { weekday: 5, shift: 1, opens: "09:00", closes: "13:00" },
      { weekday: 5, shift: 2, opens: "13:00", closes: "18:00" },
      { weekday: 6, shift: 1, opens: "09:00", closes: "13:00" },
    ];
    expect(validateSchedule(withWeekly(fine)).weekly).toHaveLength(3);
  });

  it("rejects a bad weekday or shift number", () => {
    expect(issuesOf(withWeekly([{ weekday: 8, shift: 1, opens: "09:00", closes: "13:00" }]))).toHaveLength(1);
    expect(issuesOf(withWeekly([{ weekday: 1, shift: 3, opens: "09:00", closes: "13:00" }]))).toHaveLength(1);
  });

  it("rejects bad special hours, closures and local holidays", () => {
    const twice = {
      ...torinoPoint,
      special: [
        { date: "2026-03-12", windows: [] },
        { date: "2026-03-12", windows: [] },
      ],
    };
    expect(issuesOf(twice).map((i) => i.message)).toEqual(["special hours twice"]);
    const overlapping = {
      ...torinoPoint,
      special: [
        {
          date: "2026-03-12",
          windows: [
            { opens: "09:00", closes: "12:00" },
            { opens: "11:00", closes: "13:00" },
          ],
        },
      ],
    };
    expect(issuesOf(overlapping).map((i) => i.message)).toEqual(["special windows overlap"]);
    const backwards = { ...torinoPoint, closures: [{ from: "2026-08-21", to: "2026-08-10", reason: "x" }] };
    expect(issuesOf(backwards).map((i) => i.path)).toEqual(["closures.0.to"]);
    const noDay = { ...torinoPoint, localHolidays: [{ month: 2, day: 30, name: "x" }] };
    expect(issuesOf(noDay).map((i) => i.path)).toEqual(["localHolidays.0.day"]);
    const leap = { ...torinoPoint, localHolidays: [{ month: 2, day: 29, name: "Festa" }] };
    expect(validateSchedule(leap).localHolidays).toHaveLength(1);
  });

  it("rejects malformed, duplicate and overlapping visits", () => {
    const visit = { id: "a", siteId: "s", date: "2026-03-10", opens: "09:00", closes: "12:00" };
    const withVisits = (visits: unknown[]): unknown => ({ ...busPoint, visits });
    expect(issuesOf(withVisits([{ ...visit, siteId: "" }])).map((i) => i.path)).toEqual(["visits.0.siteId"]);
    expect(issuesOf(withVisits([{ ...visit, closes: "12:05" }])).map((i) => i.path)).toEqual(["visits.0.closes"]);
    expect(issuesOf(withVisits([{ ...visit, date: "2026-02-29" }])).map((i) => i.path)).toEqual(["visits.0.date"]);
    expect(issuesOf(withVisits([visit, { ...visit, date: "2026-03-11" }])).map((i) => i.message)).toEqual([
      "duplicate visit id",
    ]);
    const overlap = [visit, { ...visit, id: "b", opens: "11:00", closes: "13:00" }];
    expect(issuesOf(withVisits(overlap))).toEqual([{ path: "visits.1", message: "visits on the same date overlap" }]);
    const sameHoursOtherDay = [visit, { ...visit, id: "b", date: "2026-03-11" }];
    expect(validateSchedule(withVisits(sameHoursOtherDay)).visits).toHaveLength(2);
  });

  it("rejects things that are not schedules", () => {
    expect(issuesOf(null).length).toBeGreaterThan(0);
    expect(issuesOf({ ...torinoPoint, kind: "mobile" }).map((i) => i.path)).toEqual(["kind"]);
    const { visits: _visits, ...missing } = torinoPoint satisfies PointSchedule;
    expect(issuesOf(missing).map((i) => i.path)).toEqual(["visits"]);
  });
});
