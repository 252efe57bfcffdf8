import { describe, expect, it } from "vitest";
import { compactHours, formatDay, formatKm, formatShortDay, formatTime, nearPlace, statusLine } from "./format.js";
import { translator } from "./i18n.js";

const ZONE = "Europe/Rome";
const now = new Date("2026-12-01T07:00:00Z"); // Tuesday 08:00
const it_ = translator("it");
const en = translator("en");

describe("conversation formatting", () => {
  it("writes days and times the Italian way", () => {
    expect(formatTime(new Date("2026-12-02T09:00:00Z"), "it", ZONE)).toBe("10:00");
    expect(formatTime(new Date("2026-07-02T07:30:00Z"), "it", ZONE)).toBe("09:30");
    expect(formatDay(new Date("2026-12-01T15:00:00Z"), "it", ZONE, now, it_)).toBe("oggi");
    expect(formatDay(new Date("2026-12-02T09:00:00Z"), "it", ZONE, now, it_)).toBe("domani");
    expect(formatDay(new Date("2026-12-03T09:00:00Z"), "it", ZONE, now, it_)).toBe("giovedì 3 dicembre");
    expect(formatDay(new Date("2026-12-03T09:00:00Z"), "en", ZONE, now, en)).toBe("Thursday 3 December");
    expect(formatShortDay("2026-12-03", "it")).toBe("gio 3 dic");
    expect(formatKm(1.234, "it")).toBe("1,2");
    expect(formatKm(12.6, "en")).toBe("13");
  });

  it("says open until, or when it opens next", () => {
    const interval = { start: new Date("2026-12-01T08:00:00Z"), end: new Date("2026-12-01T12:00:00Z") };
    expect(
      statusLine({ open: true, closesAt: interval.end, current: interval, next: null }, "it", ZONE, now, it_),
    ).toBe("aperto fino alle 13:00");
    expect(statusLine({ open: false, next: interval }, "it", ZONE, now, it_)).toBe("apre oggi alle 09:00");
    const monday = { start: new Date("2026-12-07T08:00:00Z"), end: new Date("2026-12-07T12:00:00Z") };
    expect(statusLine({ open: false, next: monday }, "it", ZONE, now, it_)).toBe("apre lunedì 7 dicembre alle 09:00");
    expect(statusLine({ open: false, next: null }, "en", ZONE, now, en)).toBe("closed for the next few days");
  });

  it("groups days with the same hours, leaving closed days out", () => {
    const same = [1, 2, 3, 4, 5].flatMap((weekday) => [
      { weekday: weekday as 1, shift: 1 as const, opens: "09:30", closes: "13:00" },
      { weekday: weekday as 1, shift: 2 as const, opens: "14:00", closes: "19:00" },
    ]);
    const schedule = {
      kind: "fixed" as const,
      weekly: [
        ...same.filter((w) => !(w.weekday === 1 && w.shift === 1)),
        { weekday: 6 as const, shift: 1 as const, opens: "09:30", closes: "13:00" },
      ],
      special: [],
      closures: [],
      localHolidays: [],
      visits: [],
    };
    expect(compactHours(schedule, "it")).toEqual([
      "lun 14:00–19:00",
      "mar–ven 09:30–13:00, 14:00–19:00",
      "sab 09:30–13:00",
    ]);
    expect(compactHours(schedule, "en")[1]).toBe("Tue–Fri 09:30–13:00, 14:00–19:00");
  });

  it("says «ad» before a vowel a, «a» otherwise", () => {
    expect(nearPlace("Aosta", "it")).toBe("ad Aosta");
    expect(nearPlace("Torino", "it")).toBe("a Torino");
    expect(nearPlace("te", "it")).toBe("a te");
    expect(nearPlace("Aosta", "en")).toBe("to Aosta");
  });
});
