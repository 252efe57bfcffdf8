import type { OpeningWindow, PointSchedule } from "./types.js";

/** Sample schedules for tests and demos. */

const twoShifts = (weekday: OpeningWindow["weekday"]): OpeningWindow[] => [
  { weekday, shift: 1, opens: "09:00", closes: "13:00" },
  { weekday, shift: 2, opens: "14:00", closes: "18:00" },
];

/**
 * A fixed point: Monday–Thursday 09:00–13:00 and 14:00–18:00, Friday 09:00–13:00, Saturday
 * 09:00–12:00, closed on Sunday; special hours on 2026-03-12 (10:00–12:00) and none on 2026-03-13;
 * closed 2026-08-10 to 2026-08-21; San Giovanni (24 June) as local holiday, as in Torino.
 */
export const torinoPoint: PointSchedule = {
  kind: "fixed",
  weekly: [
    ...twoShifts(1),
    ...twoShifts(2),
    ...twoShifts(3),
    ...twoShifts(4),
    { weekday: 5, shift: 1, opens: "09:00", closes: "13:00" },
    { weekday: 6, shift: 1, opens: "09:00", closes: "12:00" },
  ],
  special: [
    { date: "2026-03-12", windows: [{ opens: "10:00", closes: "12:00" }] },
    { date: "2026-03-13", windows: [] },
  ],
  closures: [{ from: "2026-08-10", to: "2026-08-21", reason: "Chiusura estiva" }],
  localHolidays: [{ month: 6, day: 24, name: "San Giovanni" }],
  visits: [],
};

/** A fixed point open on Sundays across the DST change (01:00–04:00) and 09:00–13:00. */
export const nightPoint: PointSchedule = {
  kind: "fixed",
  weekly: [
    { weekday: 7, shift: 1, opens: "01:00", closes: "04:00" },
    { weekday: 7, shift: 2, opens: "09:00", closes: "13:00" },
  ],
  special: [],
  closures: [],
  localHolidays: [],
  visits: [],
};

/** An itinerant point (its weekly windows are ignored): visits listed out of order on purpose. */
export const busPoint: PointSchedule = {
  kind: "itinerant",
  weekly: twoShifts(1),
  special: [],
  closures: [{ from: "2026-03-20", to: "2026-03-20", reason: "Manutenzione" }],
  localHolidays: [],
  visits: [
    { id: "v3", siteId: "site-a", date: "2026-03-12", opens: "09:00", closes: "12:00" },
    { id: "v2", siteId: "site-b", date: "2026-03-10", opens: "14:00", closes: "16:00" },
    { id: "v1", siteId: "site-a", date: "2026-03-10", opens: "09:00", closes: "12:00" },
    { id: "v4", siteId: "site-b", date: "2026-04-06", opens: "09:00", closes: "12:00" },
    { id: "v5", siteId: "site-c", date: "2026-03-20", opens: "09:00", closes: "12:00" },
    { id: "v6", siteId: "site-c", date: "2026-04-07", opens: "10:00", closes: "12:30" },
  ],
};
