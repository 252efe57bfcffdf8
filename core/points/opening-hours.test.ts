import { describe, expect, it } from "vitest";
import { SportelloError } from "../errors.js";
import { closedDay } from "./closed-days.js";
import { openIntervals, windowInterval } from "./opening-hours.js";
import { busPoint, nightPoint, torinoPoint } from "./sample-schedules.js";
import type { OpenInterval, PointSchedule } from "./types.js";

const ROME = "Europe/Rome";
const spans = (intervals: OpenInterval[]) => intervals.map((i) => [i.start.toISOString(), i.end.toISOString()]);
const hours = (interval: OpenInterval | undefined) =>
  interval ? (interval.end.getTime() - interval.start.getTime()) / 3_600_000 : Number.NaN;

describe("openIntervals of a fixed point", () => {
  it("gives both shifts of a normal weekday as real instants (winter, UTC+1)", () => {
    // Tuesday 10 March 2026: CET, so 09:00 local is 08:00Z.
    expect(spans(openIntervals(torinoPoint, "2026-03-10", ROME))).toEqual([
      ["2026-03-10T08:00:00.000Z", "2026-03-10T12:00:00.000Z"],
      ["2026-03-10T13:00:00.000Z", "2026-03-10T17:00:00.000Z"],
    ]);
  });

  it("uses summer time after the change (UTC+2)", () => {
    // Tuesday 7 April 2026: CEST.
    expect(spans(openIntervals(torinoPoint, "2026-04-07", ROME))).toEqual([
      ["2026-04-07T07:00:00.000Z", "2026-04-07T11:00:00.000Z"],
      ["2026-04-07T12:00:00.000Z", "2026-04-07T16:00:00.000Z"],
    ]);
  });

  it("is closed on Sunday and has one shift on Friday and Saturday", () => {
    expect(openIntervals(torinoPoint, "2026-03-15", ROME)).toEqual([]);
    expect(spans(openIntervals(torinoPoint, "2026-03-13", ROME))).toEqual([]); // Friday, special: closed
    expect(spans(openIntervals(torinoPoint, "2026-03-06", ROME))).toEqual([
      ["2026-03-06T08:00:00.000Z", "2026-03-06T12:00:00.000Z"],
    ]);
    expect(spans(openIntervals(torinoPoint, "2026-03-14", ROME))).toEqual([
      ["2026-03-14T08:00:00.000Z", "2026-03-14T11:00:00.000Z"],
    ]);
  });

  it("replaces the weekday hours with special hours", () => {
    // Thursday 12 March 2026 would be 09-13 and 14-18; special says 10:00-12:00.
    expect(spans(openIntervals(torinoPoint, "2026-03-12", ROME))).toEqual([
      ["2026-03-12T09:00:00.000Z", "2026-03-12T11:00:00.000Z"],
    ]);
  });

  it("is closed for the whole closure range, both ends included", () => {
    expect(openIntervals(torinoPoint, "2026-08-07", ROME)).toHaveLength(1); // Friday before
    expect(openIntervals(torinoPoint, "2026-08-10", ROME)).toEqual([]); // Monday, first day
    expect(openIntervals(torinoPoint, "2026-08-21", ROME)).toEqual([]); // Friday, last day
    expect(openIntervals(torinoPoint, "2026-08-24", ROME)).toHaveLength(2); // Monday after
    expect(closedDay(torinoPoint, "2026-08-12")).toEqual({ kind: "closure", reason: "Chiusura estiva" });
  });

  it("is closed on national holidays: 25 April (a Saturday) and Easter Monday 2026-04-06", () => {
    expect(openIntervals(torinoPoint, "2026-04-25", ROME)).toEqual([]);
    expect(openIntervals(torinoPoint, "2026-04-18", ROME)).toHaveLength(1); // the Saturday before
    expect(openIntervals(torinoPoint, "2026-04-06", ROME)).toEqual([]);
    expect(closedDay(torinoPoint, "2026-04-06")).toEqual({
      kind: "national_holiday",
      name: "Lunedì dell'Angelo (Pasquetta)",
    });
  });

  it("is closed on its local holiday (San Giovanni, 24 June, in Torino) but others are not", () => {
    expect(openIntervals(torinoPoint, "2026-06-24", ROME)).toEqual([]);
    expect(closedDay(torinoPoint, "2026-06-24")).toEqual({ kind: "local_holiday", name: "San Giovanni" });
    const romePoint: PointSchedule = { ...torinoPoint, localHolidays: [] };
    expect(openIntervals(romePoint, "2026-06-24", ROME)).toHaveLength(2);
  });

  it("does not let special hours reopen a holiday", () => {
    const eventPoint: PointSchedule = {
      ...torinoPoint,
      special: [{ date: "2026-12-08", windows: [{ opens: "10:00", closes: "12:00" }] }],
    };
    expect(openIntervals(eventPoint, "2026-12-08", ROME)).toEqual([]);
  });

  it("joins touching windows", () => {
    const continuous: PointSchedule = {
      ...torinoPoint,
      special: [
        {
          date: "2026-03-10",
          windows: [
            { opens: "12:30", closes: "15:00" },
            { opens: "09:00", closes: "12:30" },
          ],
        },
      ],
    };
    expect(spans(openIntervals(continuous, "2026-03-10", ROME))).toEqual([
      ["2026-03-10T08:00:00.000Z", "2026-03-10T14:00:00.000Z"],
    ]);
  });

  it("rejects a malformed date", () => {
    expect(() => openIntervals(torinoPoint, "2026-02-30", ROME)).toThrow(SportelloError);
  });
});

describe("openIntervals on DST Sundays", () => {
  it("gives 01:00-04:00 its real length: 2 hours on 2026-03-29, 4 hours on 2026-10-25", () => {
    const march = openIntervals(nightPoint, "2026-03-29", ROME);
    // 01:00 CET = 00:00Z; 04:00 CEST = 02:00Z.
    expect(spans(march)[0]).toEqual(["2026-03-29T00:00:00.000Z", "2026-03-29T02:00:00.000Z"]);
    expect(hours(march[0])).toBe(2);
    const october = openIntervals(nightPoint, "2026-10-25", ROME);
    // 01:00 CEST = 23:00Z the day before; 04:00 CET = 03:00Z.
    expect(spans(october)[0]).toEqual(["2026-10-24T23:00:00.000Z", "2026-10-25T03:00:00.000Z"]);
    expect(hours(october[0])).toBe(4);
  });

  it("maps 09:00-13:00 to the right UTC instants on both change days and the days before", () => {
    // After the March change Rome is UTC+2: 09:00 → 07:00Z, 13:00 → 11:00Z.
    expect(spans(openIntervals(nightPoint, "2026-03-29", ROME))[1]).toEqual([
      "2026-03-29T07:00:00.000Z",
      "2026-03-29T11:00:00.000Z",
    ]);
    // After the October change Rome is UTC+1 again: 09:00 → 08:00Z, 13:00 → 12:00Z.
    expect(spans(openIntervals(nightPoint, "2026-10-25", ROME))[1]).toEqual([
      "2026-10-25T08:00:00.000Z",
      "2026-10-25T12:00:00.000Z",
    ]);
    // The Sundays before: 22 March still winter, 18 October still summer.
    expect(spans(openIntervals(nightPoint, "2026-03-22", ROME))[1]?.[0]).toBe("2026-03-22T08:00:00.000Z");
    expect(spans(openIntervals(nightPoint, "2026-10-18", ROME))[1]?.[0]).toBe("2026-10-18T07:00:00.000Z");
  });

  it("drops a window that lies wholly in the spring gap and shortens one that ends in it", () => {
    expect(windowInterval("2026-03-29", "02:00", "02:45", ROME)).toEqual({
      start: new Date("2026-03-29T01:00:00Z"),
      end: new Date("2026-03-29T01:45:00Z"),
    });
    expect(windowInterval("2026-03-29", "02:30", "03:00", ROME)).toBeNull(); // 03:30 CEST to 03:00 CEST
    expect(windowInterval("2026-10-25", "02:30", "03:00", ROME)).toEqual({
      start: new Date("2026-10-25T00:30:00Z"), // first 02:30, CEST
      end: new Date("2026-10-25T02:00:00Z"), // 03:00 CET
    });
  });
});

describe("openIntervals of an itinerant point", () => {
  it("gives only that date's visits, with site and visit, sorted; weekly windows ignored", () => {
    const day = openIntervals(busPoint, "2026-03-10", ROME);
    expect(day.map((i) => [i.start.toISOString(), i.end.toISOString(), i.siteId, i.visitId])).toEqual([
      ["2026-03-10T08:00:00.000Z", "2026-03-10T11:00:00.000Z", "site-a", "v1"],
      ["2026-03-10T13:00:00.000Z", "2026-03-10T15:00:00.000Z", "site-b", "v2"],
    ]);
    expect(openIntervals(busPoint, "2026-03-16", ROME)).toEqual([]); // a Monday without visits
  });

  it("skips visits on holidays and closures", () => {
    expect(openIntervals(busPoint, "2026-04-06", ROME)).toEqual([]);
    expect(openIntervals(busPoint, "2026-03-20", ROME)).toEqual([]);
  });
});
