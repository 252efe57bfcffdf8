import { describe, expect, it } from "vitest";
import { localToInstant } from "../time/zoned-time.js";
import { DEFAULT_MESSAGING_POLICY, type MessagingPolicy, parseReminderOffsets } from "./policy.js";
import { reminderTimes } from "./reminder-times.js";

const ZONE = "Europe/Rome";
const at = (date: string, time: string) => localToInstant(date, time, ZONE);
const local = (instant: Date) =>
  new Intl.DateTimeFormat("sv-SE", { timeZone: ZONE, dateStyle: "short", timeStyle: "short" }).format(instant);
const dues = (start: Date, policy: MessagingPolicy = DEFAULT_MESSAGING_POLICY) =>
  reminderTimes(start, policy, ZONE).map((t) => ({ offset: t.offset.token, due: local(t.dueAt), moved: t.moved }));

describe("reminder offsets", () => {
  it("reads days, hours and minutes, longest first, and refuses anything else", () => {
    expect(parseReminderOffsets("2h, 1d")).toEqual([
      { token: "1d", days: 1, minutes: 0 },
      { token: "2h", days: 0, minutes: 120 },
    ]);
    expect(parseReminderOffsets("90m")).toEqual([{ token: "90m", days: 0, minutes: 90 }]);
    expect(() => parseReminderOffsets("domani")).toThrow(/not a duration/);
    expect(() => parseReminderOffsets("0h")).toThrow(/more than zero/);
    expect(() => parseReminderOffsets("2h,2h")).toThrow(/twice/);
  });
});

describe("reminder times", () => {
  it("are the day before at the same time and two hours before, in civil hours", () => {
    expect(dues(at("2026-12-02", "10:00"))).toEqual([
      { offset: "1d", due: "2026-12-01 10:00", moved: null },
      { offset: "2h", due: "2026-12-02 08:00", moved: null },
    ]);
  });

  it("move a day-before reminder out of quiet hours earlier: that evening, or the evening before", () => {
    // 21:30 the day before is quiet: it comes at 20:45 that evening
    expect(dues(at("2026-12-02", "21:30"))[0]).toEqual({ offset: "1d", due: "2026-12-01 20:45", moved: "earlier" });
    // 07:30 the day before is quiet too: it comes at 20:45 of the evening before it, never at night
    expect(dues(at("2026-12-03", "07:30"))[0]).toEqual({ offset: "1d", due: "2026-12-01 20:45", moved: "earlier" });
  });

  it("move a two-hours-before reminder that falls in the early morning to the end of quiet hours", () => {
    // 09:00 appointment: 07:00 is quiet, 08:00 is still an hour before
    expect(dues(at("2026-12-02", "09:00"))).toEqual([
      { offset: "1d", due: "2026-12-01 09:00", moved: null },
      { offset: "2h", due: "2026-12-02 08:00", moved: "later" },
    ]);
    // 08:15: 08:00 would be 15 minutes before, too late; the evening before instead
    expect(dues(at("2026-12-02", "08:15"))[1]).toEqual({ offset: "2h", due: "2026-12-01 20:45", moved: "earlier" });
  });

  it("keep one reminder when two land at the same minute", () => {
    const policy: MessagingPolicy = { ...DEFAULT_MESSAGING_POLICY, reminderOffsets: parseReminderOffsets("1d,24h") };
    expect(dues(at("2026-12-02", "10:00"), policy)).toEqual([{ offset: "1d", due: "2026-12-01 10:00", moved: null }]);
  });

  it("follow the wall clock across the spring change (29 March 2026): the day before is 23 hours before", () => {
    const start = at("2026-03-29", "10:00"); // Sunday, already CEST: 08:00Z
    const [dayBefore, twoHours] = reminderTimes(start, DEFAULT_MESSAGING_POLICY, ZONE);
    expect(local(dayBefore?.dueAt ?? new Date(0))).toBe("2026-03-28 10:00");
    expect(dayBefore?.dueAt.toISOString()).toBe("2026-03-28T09:00:00.000Z"); // still CET
    expect((start.getTime() - (dayBefore?.dueAt.getTime() ?? 0)) / 3_600_000).toBe(23);
    // two real hours before 10:00 CEST is 08:00 CEST (06:00Z)
    expect(twoHours?.dueAt.toISOString()).toBe("2026-03-29T06:00:00.000Z");
    expect(local(twoHours?.dueAt ?? new Date(0))).toBe("2026-03-29 08:00");
    // the Monday after: both in summer time, 24 hours
    const monday = at("2026-03-30", "10:00");
    const mondayBefore = reminderTimes(monday, DEFAULT_MESSAGING_POLICY, ZONE)[0]?.dueAt.getTime() ?? 0;
    expect((monday.getTime() - mondayBefore) / 3_600_000).toBe(24);
  });

  it("follow the wall clock across the autumn change (25 October 2026): the day before is 25 hours before", () => {
    const start = at("2026-10-25", "10:00"); // Sunday, already CET: 09:00Z
    const [dayBefore, twoHours] = reminderTimes(start, DEFAULT_MESSAGING_POLICY, ZONE);
    expect(local(dayBefore?.dueAt ?? new Date(0))).toBe("2026-10-24 10:00");
    expect(dayBefore?.dueAt.toISOString()).toBe("2026-10-24T08:00:00.000Z"); // still CEST
    expect((start.getTime() - (dayBefore?.dueAt.getTime() ?? 0)) / 3_600_000).toBe(25);
    expect(twoHours?.dueAt.toISOString()).toBe("2026-10-25T07:00:00.000Z");
    expect(local(twoHours?.dueAt ?? new Date(0))).toBe("2026-10-25 08:00");
    // 09:30 on the day of the change: two real hours before is 07:30 CET, quiet, so 08:00
    expect(dues(at("2026-10-25", "09:30"))[1]).toEqual({ offset: "2h", due: "2026-10-25 08:00", moved: "later" });
  });

  it("keep quiet hours across the DST nights: a day-before reminder for 07:00 after the change", () => {
    expect(dues(at("2026-03-30", "07:00"))[0]).toEqual({ offset: "1d", due: "2026-03-28 20:45", moved: "earlier" });
    expect(dues(at("2026-10-26", "07:00"))[0]).toEqual({ offset: "1d", due: "2026-10-24 20:45", moved: "earlier" });
  });

  it("need no quiet hours, and may be switched off", () => {
    const noisy: MessagingPolicy = { ...DEFAULT_MESSAGING_POLICY, quietHours: null };
    expect(dues(at("2026-12-02", "07:30"), noisy)[1]).toEqual({ offset: "2h", due: "2026-12-02 05:30", moved: null });
    expect(reminderTimes(at("2026-12-02", "10:00"), { ...noisy, reminderOffsets: [] }, ZONE)).toEqual([]);
  });
});
