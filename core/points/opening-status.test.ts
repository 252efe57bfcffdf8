import { describe, expect, it } from "vitest";
import { SportelloError } from "../errors.js";
import { nextVisits } from "./next-visits.js";
import { openingStatus } from "./opening-status.js";
import { busPoint, torinoPoint } from "./sample-schedules.js";
import type { PointSchedule } from "./types.js";

const ROME = "Europe/Rome";
const at = (iso: string) => new Date(iso);

describe("openingStatus", () => {
  it("before opening: closed, opens at 09:00 the same day", () => {
    // Tuesday 10 March 2026, 07:30 local = 06:30Z.
    const status = openingStatus(torinoPoint, at("2026-03-10T06:30:00Z"), ROME);
    expect(status.open).toBe(false);
    expect(status.next?.start.toISOString()).toBe("2026-03-10T08:00:00.000Z");
    expect(status.next?.end.toISOString()).toBe("2026-03-10T12:00:00.000Z");
  });

  it("during a shift: open, with closing time and the afternoon as next", () => {
    const status = openingStatus(torinoPoint, at("2026-03-10T09:00:00Z"), ROME);
    expect(status.open).toBe(true);
    if (!status.open) throw new Error("expected open");
    expect(status.closesAt.toISOString()).toBe("2026-03-10T12:00:00.000Z");
    expect(status.current.start.toISOString()).toBe("2026-03-10T08:00:00.000Z");
    expect(status.next?.start.toISOString()).toBe("2026-03-10T13:00:00.000Z");
  });

  it("opening instant counts as open, closing instant as closed", () => {
    expect(openingStatus(torinoPoint, at("2026-03-10T08:00:00Z"), ROME).open).toBe(true);
    expect(openingStatus(torinoPoint, at("2026-03-10T12:00:00Z"), ROME).open).toBe(false);
  });

  it("at the lunch break: closed, reopens at 14:00", () => {
    const status = openingStatus(torinoPoint, at("2026-03-10T12:30:00Z"), ROME);
    expect(status.open).toBe(false);
    expect(status.next?.start.toISOString()).toBe("2026-03-10T13:00:00.000Z");
    expect(status.next?.end.toISOString()).toBe("2026-03-10T17:00:00.000Z");
  });

  it("on Saturday evening: next opening is Monday 09:00", () => {
    // Saturday 14 March 2026, 19:00 local = 18:00Z; Sunday closed.
    const status = openingStatus(torinoPoint, at("2026-03-14T18:00:00Z"), ROME);
    expect(status).toMatchObject({ open: false });
    expect(status.next?.start.toISOString()).toBe("2026-03-16T08:00:00.000Z");
  });

  it("across Easter: Saturday evening 4 April 2026 → Tuesday 7 April (Pasquetta closed), summer time", () => {
    const status = openingStatus(torinoPoint, at("2026-04-04T18:00:00Z"), ROME);
    expect(status.open).toBe(false);
    expect(status.next?.start.toISOString()).toBe("2026-04-07T07:00:00.000Z");
  });

  it("on Friday 24 April 2026 at noon: open, next is Monday 27 (25 April holiday, Sunday closed)", () => {
    const status = openingStatus(torinoPoint, at("2026-04-24T10:00:00Z"), ROME);
    expect(status.open).toBe(true);
    expect(status.next?.start.toISOString()).toBe("2026-04-27T07:00:00.000Z");
  });

  it("looks ahead only lookaheadDays after today", () => {
    const august: PointSchedule = {
      ...torinoPoint,
      closures: [{ from: "2026-08-01", to: "2026-08-31", reason: "Ferie" }],
    };
    const now = at("2026-08-03T08:00:00Z");
    expect(openingStatus(august, now, ROME)).toEqual({ open: false, next: null });
    // Tuesday 1 September is 29 days after 3 August.
    expect(openingStatus(august, now, ROME, 28).next).toBeNull();
    expect(openingStatus(august, now, ROME, 29).next?.start.toISOString()).toBe("2026-09-01T07:00:00.000Z");
    expect(() => openingStatus(august, now, ROME, -1)).toThrow(SportelloError);
  });

  it("gives the site of an itinerant point's next visit", () => {
    const status = openingStatus(busPoint, at("2026-03-10T11:30:00Z"), ROME);
    expect(status.open).toBe(false);
    expect(status.next).toMatchObject({ siteId: "site-b", visitId: "v2" });
    const during = openingStatus(busPoint, at("2026-03-10T13:30:00Z"), ROME);
    expect(during).toMatchObject({
      open: true,
      current: { siteId: "site-b" },
      next: { siteId: "site-a", visitId: "v3" },
    });
  });
});

describe("nextVisits", () => {
  it("lists visits not yet ended, soonest first, skipping holidays and closures", () => {
    const visits = nextVisits(busPoint, at("2026-03-10T09:00:00Z"), ROME, 10);
    expect(visits.map((v) => v.visitId)).toEqual(["v1", "v2", "v3", "v6"]);
    expect(visits[0]).toEqual({
      visitId: "v1",
      siteId: "site-a",
      date: "2026-03-10",
      start: at("2026-03-10T08:00:00Z"),
      end: at("2026-03-10T11:00:00Z"),
    });
    // v6 is on 7 April, summer time: 10:00 local = 08:00Z.
    expect(visits[3]?.start.toISOString()).toBe("2026-04-07T08:00:00.000Z");
  });

  it("honours the limit and drops ended visits", () => {
    expect(nextVisits(busPoint, at("2026-03-10T09:00:00Z"), ROME, 2).map((v) => v.visitId)).toEqual(["v1", "v2"]);
    expect(nextVisits(busPoint, at("2026-03-10T11:00:00Z"), ROME, 1).map((v) => v.visitId)).toEqual(["v2"]);
    expect(nextVisits(busPoint, at("2026-05-01T00:00:00Z"), ROME, 5)).toEqual([]);
    expect(nextVisits(busPoint, at("2026-03-10T09:00:00Z"), ROME, 0)).toEqual([]);
    expect(() => nextVisits(busPoint, at("2026-03-10T09:00:00Z"), ROME, -1)).toThrow(SportelloError);
  });

  it("gives nothing for a fixed point", () => {
    expect(nextVisits(torinoPoint, at("2026-03-10T09:00:00Z"), ROME, 5)).toEqual([]);
  });
});
