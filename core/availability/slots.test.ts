import { describe, expect, it } from "vitest";
import { SportelloError } from "../errors.js";
import { openIntervals } from "../points/opening-hours.js";
import { busPoint, nightPoint, torinoPoint } from "../points/sample-schedules.js";
import { freeSlots, isBookableSlot, type SlotsInput } from "./slots.js";

const ROME = "Europe/Rome";
const at = (iso: string) => new Date(iso);
const starts = (slots: Array<{ start: Date }>) => slots.map((s) => s.start.toISOString().slice(11, 16));
const booking = (start: string, end: string) => ({ start: at(start), end: at(end) });

/** Tuesday 10 March 2026 at the Torino point: 08:00Z-12:00Z and 13:00Z-17:00Z (09-13, 14-18 local). */
function tuesday(overrides: Partial<SlotsInput> = {}): SlotsInput {
  return {
    intervals: openIntervals(torinoPoint, "2026-03-10", ROME),
    slotMinutes: 60,
    capacity: 1,
    bookings: [],
    now: at("2026-03-09T08:00:00Z"),
    zone: ROME,
    ...overrides,
  };
}

describe("freeSlots", () => {
  it("steps by the slot length from each interval's start", () => {
    expect(starts(freeSlots(tuesday()))).toEqual([
      "08:00",
      "09:00",
      "10:00",
      "11:00",
      "13:00",
      "14:00",
      "15:00",
      "16:00",
    ]);
    expect(freeSlots(tuesday())[0]).toEqual({
      start: at("2026-03-10T08:00:00Z"),
      end: at("2026-03-10T09:00:00Z"),
      free: 1,
    });
  });

  it("keeps only slots that fit entirely in an interval", () => {
    // 90 minutes: 08:00, 09:30 (11:00 would end at 12:30); 13:00, 14:30.
    expect(starts(freeSlots(tuesday({ slotMinutes: 90 })))).toEqual(["08:00", "09:30", "13:00", "14:30"]);
    expect(freeSlots(tuesday({ slotMinutes: 300 }))).toEqual([]);
  });

  it("hides a slot 90 minutes away with the default 120-minute notice", () => {
    // now 07:30Z; the 09:00Z slot is 90 minutes away.
    const now = at("2026-03-10T07:30:00Z");
    expect(starts(freeSlots(tuesday({ now })))).toEqual(["10:00", "11:00", "13:00", "14:00", "15:00", "16:00"]);
    expect(starts(freeSlots(tuesday({ now, noticeMinutes: 90 })))[0]).toBe("09:00");
    // Notice 0 still hides a slot that already started.
    expect(starts(freeSlots(tuesday({ now: at("2026-03-10T08:30:00Z"), noticeMinutes: 0 })))[0]).toBe("09:00");
  });

  it("shows dates up to today + horizon (inclusive, local dates) and none after", () => {
    const now = at("2026-03-10T10:00:00Z");
    const thursday = openIntervals(torinoPoint, "2026-04-09", ROME); // today + 30
    const friday = openIntervals(torinoPoint, "2026-04-10", ROME); // today + 31
    expect(freeSlots(tuesday({ now, intervals: thursday }))).toHaveLength(8);
    expect(freeSlots(tuesday({ now, intervals: friday }))).toEqual([]);
    expect(freeSlots(tuesday({ now, intervals: friday, horizonDays: 31 }))).toHaveLength(4);
    // 23:30Z on 10 March is already 11 March in Rome, so 10 April is within 30 days.
    expect(freeSlots(tuesday({ now: at("2026-03-10T23:30:00Z"), intervals: friday }))).toHaveLength(4);
  });

  it("subtracts overlapping bookings from the capacity and hides full slots", () => {
    const bookings = [
      booking("2026-03-10T09:00:00Z", "2026-03-10T10:00:00Z"),
      booking("2026-03-10T09:30:00Z", "2026-03-10T10:30:00Z"),
    ];
    const slots = freeSlots(tuesday({ capacity: 2, bookings }));
    // 09:00Z slot: 2 bookings overlap 09:30-10:00 → full. 10:00Z slot: 1 booking until 10:30 → 1 free.
    expect(starts(slots)).toEqual(["08:00", "10:00", "11:00", "13:00", "14:00", "15:00", "16:00"]);
    expect(slots.map((s) => s.free)).toEqual([2, 1, 2, 2, 2, 2, 2]);
    expect(
      freeSlots(tuesday({ capacity: 3, bookings })).find(
        (s) => s.start.getTime() === at("2026-03-10T09:00:00Z").getTime(),
      )?.free,
    ).toBe(1);
  });

  it("counts back-to-back bookings once per unit", () => {
    // Two half-hour bookings (any service) filling 09:00-10:00Z one after the other.
    const bookings = [
      booking("2026-03-10T09:00:00Z", "2026-03-10T09:30:00Z"),
      booking("2026-03-10T09:30:00Z", "2026-03-10T10:00:00Z"),
    ];
    const nine = (slots: Array<{ start: Date; free: number }>) =>
      slots.find((s) => s.start.toISOString() === "2026-03-10T09:00:00.000Z");
    expect(nine(freeSlots(tuesday({ capacity: 2, bookings })))?.free).toBe(1);
    expect(nine(freeSlots(tuesday({ capacity: 1, bookings })))).toBeUndefined();
    // With 30-minute slots each half is taken once.
    const halves = freeSlots(tuesday({ capacity: 2, bookings, slotMinutes: 30 }));
    expect(halves.filter((s) => s.start.toISOString().startsWith("2026-03-10T09")).map((s) => s.free)).toEqual([1, 1]);
  });

  it("gives nothing on a full day or a closed day", () => {
    const bookings = [
      booking("2026-03-10T08:00:00Z", "2026-03-10T12:00:00Z"),
      booking("2026-03-10T13:00:00Z", "2026-03-10T17:00:00Z"),
    ];
    expect(freeSlots(tuesday({ bookings }))).toEqual([]);
    expect(freeSlots(tuesday({ intervals: openIntervals(torinoPoint, "2026-04-06", ROME) }))).toEqual([]);
  });

  it("carries the site and visit of an itinerant point", () => {
    const slots = freeSlots(tuesday({ intervals: openIntervals(busPoint, "2026-03-10", ROME) }));
    expect(slots.map((s) => [s.start.toISOString().slice(11, 16), s.siteId, s.visitId])).toEqual([
      ["08:00", "site-a", "v1"],
      ["09:00", "site-a", "v1"],
      ["10:00", "site-a", "v1"],
      ["13:00", "site-b", "v2"],
      ["14:00", "site-b", "v2"],
    ]);
  });

  it("counts DST days right: 01:00-04:00 gives 2 one-hour slots on 2026-03-29 and 4 on 2026-10-25", () => {
    const night = (date: string) => openIntervals(nightPoint, date, ROME).slice(0, 1);
    const march = freeSlots(tuesday({ intervals: night("2026-03-29"), now: at("2026-03-20T00:00:00Z") }));
    // 00:00Z = 01:00 CET, 01:00Z = 03:00 CEST; ends 02:00Z = 04:00 CEST.
    expect(march.map((s) => s.start.toISOString())).toEqual(["2026-03-29T00:00:00.000Z", "2026-03-29T01:00:00.000Z"]);
    const october = freeSlots(tuesday({ intervals: night("2026-10-25"), now: at("2026-10-20T00:00:00Z") }));
    // 01:00 CEST, 02:00 CEST, 02:00 CET, 03:00 CET.
    expect(october.map((s) => s.start.toISOString())).toEqual([
      "2026-10-24T23:00:00.000Z",
      "2026-10-25T00:00:00.000Z",
      "2026-10-25T01:00:00.000Z",
      "2026-10-25T02:00:00.000Z",
    ]);
    expect(october.every((s) => s.end.getTime() - s.start.getTime() === 3_600_000)).toBe(true);
    const halfHours = freeSlots(
      tuesday({ intervals: night("2026-10-25"), now: at("2026-10-20T00:00:00Z"), slotMinutes: 30 }),
    );
    expect(halfHours).toHaveLength(8);
  });

  it("refuses bad parameters", () => {
    expect(() => freeSlots(tuesday({ slotMinutes: 20 }))).toThrow(SportelloError);
    expect(() => freeSlots(tuesday({ slotMinutes: 0 }))).toThrow(SportelloError);
    expect(() => freeSlots(tuesday({ capacity: 0 }))).toThrow(SportelloError);
    expect(() => freeSlots(tuesday({ noticeMinutes: -1 }))).toThrow(SportelloError);
    expect(() => freeSlots(tuesday({ horizonDays: 1.5 }))).toThrow(SportelloError);
    expect(() => freeSlots(tuesday({ zone: "Mars/Olympus" }))).toThrow(SportelloError);
  });
});

describe("isBookableSlot", () => {
  const now = at("2026-03-10T07:30:00Z");

  it("accepts a free slot start and returns the slot", () => {
    expect(isBookableSlot({ ...tuesday({ now }), start: at("2026-03-10T10:00:00Z") })).toEqual({
      ok: true,
      slot: { start: at("2026-03-10T10:00:00Z"), end: at("2026-03-10T11:00:00Z"), free: 1 },
    });
  });

  it("says why a start is refused", () => {
    const check = (start: string, overrides: Partial<SlotsInput> = {}) =>
      isBookableSlot({ ...tuesday({ now, ...overrides }), start: at(start) });
    expect(check("2026-03-10T07:00:00Z")).toEqual({ ok: false, reason: "past" });
    expect(check("2026-03-10T09:00:00Z")).toEqual({
      ok: false,
      reason: "too_soon",
      earliest: at("2026-03-10T09:30:00Z"),
    });
    expect(check("2026-04-10T07:00:00Z", { intervals: openIntervals(torinoPoint, "2026-04-10", ROME) })).toEqual({
      ok: false,
      reason: "beyond_horizon",
      lastDate: "2026-04-09",
    });
    expect(check("2026-04-06T07:00:00Z", { intervals: openIntervals(torinoPoint, "2026-04-06", ROME) })).toEqual({
      ok: false,
      reason: "closed_day",
    });
    expect(check("2026-03-10T10:30:00Z")).toEqual({ ok: false, reason: "not_slot_start" });
    expect(check("2026-03-10T12:00:00Z")).toEqual({ ok: false, reason: "not_slot_start" }); // lunch break
    expect(check("2026-03-10T16:30:00Z", { slotMinutes: 30 })).toMatchObject({ ok: true });
    expect(check("2026-03-10T16:30:00Z")).toEqual({ ok: false, reason: "not_slot_start" }); // would end at 17:30
    const bookings = [booking("2026-03-10T10:15:00Z", "2026-03-10T10:45:00Z")];
    expect(check("2026-03-10T10:00:00Z", { bookings })).toEqual({ ok: false, reason: "full" });
    expect(check("2026-03-10T10:00:00Z", { bookings, capacity: 2 })).toMatchObject({ ok: true, slot: { free: 1 } });
  });

  it("agrees with freeSlots on every grid start of the day", () => {
    const bookings = [booking("2026-03-10T13:00:00Z", "2026-03-10T15:00:00Z")];
    const input = tuesday({ now, bookings, slotMinutes: 30 });
    const listed = new Set(freeSlots(input).map((s) => s.start.getTime()));
    for (let t = at("2026-03-10T07:00:00Z").getTime(); t < at("2026-03-10T18:00:00Z").getTime(); t += 15 * 60_000) {
      expect(isBookableSlot({ ...input, start: new Date(t) }).ok, new Date(t).toISOString()).toBe(listed.has(t));
    }
    // Earliest 09:30Z (notice), 30-minute slots: 09:30-11:30Z in the morning, 15:00-16:30Z after the booking.
    expect(starts(freeSlots(input))).toEqual([
      "09:30",
      "10:00",
      "10:30",
      "11:00",
      "11:30",
      "15:00",
      "15:30",
      "16:00",
      "16:30",
    ]);
  });
});
