import { describe, expect, it } from "vitest";
import { SportelloError } from "../errors.js";
import { assertTimeZone, DEFAULT_TIME_ZONE, isTimeZone } from "./zone.js";
import { isoWeekdayAt, localDateAt, localDayBounds, localTimeAt, localToInstant } from "./zoned-time.js";

const ROME = DEFAULT_TIME_ZONE;
const iso = (date: Date) => date.toISOString();

describe("zones", () => {
  it("knows IANA zones", () => {
    expect(isTimeZone("Europe/Rome")).toBe(true);
    expect(isTimeZone("Europe/Atlantis")).toBe(false);
    expect(() => assertTimeZone("Europe/Atlantis")).toThrow(SportelloError);
    expect(() => localToInstant("2026-01-15", "12:00", "Europe/Atlantis")).toThrow(SportelloError);
  });
});

describe("localToInstant", () => {
  it("uses CET (+1) in winter and CEST (+2) in summer", () => {
    expect(iso(localToInstant("2026-01-15", "12:00", ROME))).toBe("2026-01-15T11:00:00.000Z");
    expect(iso(localToInstant("2026-07-01", "12:00", ROME))).toBe("2026-07-01T10:00:00.000Z");
  });

  it("shifts a time in the spring-forward gap forward by the gap (2026-03-29, 02:00-03:00 does not exist)", () => {
    expect(iso(localToInstant("2026-03-29", "01:59", ROME))).toBe("2026-03-29T00:59:00.000Z");
    expect(iso(localToInstant("2026-03-29", "02:00", ROME))).toBe("2026-03-29T01:00:00.000Z");
    expect(iso(localToInstant("2026-03-29", "02:30", ROME))).toBe("2026-03-29T01:30:00.000Z"); // = 03:30 CEST
    expect(iso(localToInstant("2026-03-29", "03:00", ROME))).toBe("2026-03-29T01:00:00.000Z");
    expect(iso(localToInstant("2026-03-29", "09:00", ROME))).toBe("2026-03-29T07:00:00.000Z");
  });

  it("takes the first occurrence of a repeated time (2026-10-25, 02:00-03:00 happens twice)", () => {
    expect(iso(localToInstant("2026-10-25", "01:59", ROME))).toBe("2026-10-24T23:59:00.000Z");
    expect(iso(localToInstant("2026-10-25", "02:00", ROME))).toBe("2026-10-25T00:00:00.000Z");
    expect(iso(localToInstant("2026-10-25", "02:30", ROME))).toBe("2026-10-25T00:30:00.000Z"); // CEST, not CET
    expect(iso(localToInstant("2026-10-25", "03:00", ROME))).toBe("2026-10-25T02:00:00.000Z");
    expect(iso(localToInstant("2026-10-25", "09:00", ROME))).toBe("2026-10-25T08:00:00.000Z");
  });

  it("applies the same rules in another zone (New York, 2026-03-08 and 2026-11-01)", () => {
    expect(iso(localToInstant("2026-03-08", "02:30", "America/New_York"))).toBe("2026-03-08T07:30:00.000Z");
    expect(iso(localToInstant("2026-11-01", "01:30", "America/New_York"))).toBe("2026-11-01T05:30:00.000Z");
  });

  it("rejects malformed input", () => {
    expect(() => localToInstant("2026-02-30", "09:00", ROME)).toThrow(SportelloError);
    expect(() => localToInstant("2026-02-10", "25:00", ROME)).toThrow(SportelloError);
    expect(() => localToInstant("2026-02-10", "9:00", ROME)).toThrow(SportelloError);
  });
});

describe("instants seen in a zone", () => {
  it("gives the local date, time and weekday around midnight and DST", () => {
    expect(localDateAt(new Date("2026-03-28T23:30:00Z"), ROME)).toBe("2026-03-29");
    expect(localDateAt(new Date("2026-03-28T22:30:00Z"), ROME)).toBe("2026-03-28");
    expect(localDateAt(new Date("2026-10-24T22:30:00Z"), ROME)).toBe("2026-10-25");
    expect(localTimeAt(new Date("2026-10-25T00:30:00Z"), ROME)).toBe("02:30");
    expect(localTimeAt(new Date("2026-10-25T01:30:00Z"), ROME)).toBe("02:30");
    expect(localTimeAt(new Date("2026-03-29T01:00:00Z"), ROME)).toBe("03:00");
    expect(isoWeekdayAt(new Date("2026-03-29T00:00:00Z"), ROME)).toBe(7);
    expect(isoWeekdayAt(new Date("2026-03-29T22:30:00Z"), ROME)).toBe(1);
    expect(() => localDateAt(new Date("nope"), ROME)).toThrow(SportelloError);
  });

  it("bounds a local day: 23 hours in March, 25 in October", () => {
    const march = localDayBounds("2026-03-29", ROME);
    expect([iso(march.start), iso(march.end)]).toEqual(["2026-03-28T23:00:00.000Z", "2026-03-29T22:00:00.000Z"]);
    const october = localDayBounds("2026-10-25", ROME);
    expect([iso(october.start), iso(october.end)]).toEqual(["2026-10-24T22:00:00.000Z", "2026-10-25T23:00:00.000Z"]);
  });
});
