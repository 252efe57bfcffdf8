import { describe, expect, it } from "vitest";
import type { OpeningWindow } from "../types.js";
import { parseHoursCell, summarizeWeeklyHours, weeklyMinutes } from "./hours.js";

describe("hour cells", () => {
  it("reads HH:MM-HH:MM, with spaces or an en dash around the dash", () => {
    for (const text of ["09:00-13:00", " 09:00 - 13:00 ", "09:00–13:00"]) {
      expect(parseHoursCell(text)).toEqual({ ok: true, span: { opens: "09:00", closes: "13:00" } });
    }
    expect(parseHoursCell("00:00-23:45")).toEqual({ ok: true, span: { opens: "00:00", closes: "23:45" } });
  });

  it("refuses other spellings, impossible times, times off the grid and reversed spans", () => {
    for (const text of ["9-13", "9:00-13:00", "09.00-13.00", "09:00", "09:00-13:00-15:00", "=9-13"]) {
      const result = parseHoursCell(text);
      expect(result.ok).toBe(false);
      expect(!result.ok && result.message).toContain("non è scritto bene");
    }
    expect(parseHoursCell("08:00-24:00")).toMatchObject({ ok: false, message: expect.stringContaining("non esiste") });
    expect(parseHoursCell("08:05-12:00")).toMatchObject({
      ok: false,
      message: expect.stringContaining("quarti d'ora"),
    });
    expect(parseHoursCell("12:00-12:00")).toMatchObject({
      ok: false,
      message: expect.stringContaining("chiude prima"),
    });
  });
});

describe("summarizeWeeklyHours", () => {
  const w = (weekday: OpeningWindow["weekday"], shift: 1 | 2, opens: string, closes: string): OpeningWindow => ({
    weekday,
    shift,
    opens,
    closes,
  });

  it("groups consecutive days with the same hours and writes times compactly", () => {
    const weekly = [
      ...([1, 2, 3, 4] as const).flatMap((d) => [w(d, 1, "09:00", "13:00"), w(d, 2, "14:30", "18:00")]),
      w(5, 1, "09:00", "13:00"),
      w(6, 1, "09:30", "12:00"),
      w(7, 1, "09:30", "12:00"),
    ];
    expect(summarizeWeeklyHours(weekly)).toBe("lun-gio 9-13/14:30-18; ven 9-13; sab-dom 9:30-12");
    expect(weeklyMinutes(weekly)).toBe(4 * (240 + 210) + 240 + 150 + 150);
  });

  it("leaves closed days out", () => {
    expect(summarizeWeeklyHours([w(1, 2, "14:00", "18:00"), w(3, 2, "14:00", "18:00")])).toBe("lun 14-18; mer 14-18");
    expect(summarizeWeeklyHours([])).toBe("");
  });
});
