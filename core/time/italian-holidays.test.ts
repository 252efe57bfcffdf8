import { describe, expect, it } from "vitest";
import { SportelloError } from "../errors.js";
import { easterSunday } from "./easter.js";
import { italianHolidayOn, italianHolidays } from "./italian-holidays.js";

describe("easterSunday", () => {
  it.each([
    [2024, "2024-03-31"],
    [2025, "2025-04-20"],
    [2026, "2026-04-05"],
    [2027, "2027-03-28"],
    [2000, "2000-04-23"],
    [2008, "2008-03-23"],
    [2011, "2011-04-24"],
    [2019, "2019-04-21"],
    [2038, "2038-04-25"],
    [1818, "1818-03-22"],
    [2285, "2285-03-22"],
  ])("Easter %i is %s", (year, date) => {
    expect(easterSunday(year)).toBe(date);
  });

  it("refuses years outside the Gregorian calendar or not integers", () => {
    expect(() => easterSunday(1500)).toThrow(SportelloError);
    expect(() => easterSunday(2026.5)).toThrow(SportelloError);
  });
});

describe("italianHolidays", () => {
  it("lists the 2026 national holidays in order, with San Francesco", () => {
    expect(italianHolidays(2026).map((h) => h.date)).toEqual([
      "2026-01-01",
      "2026-01-06",
      "2026-04-05",
      "2026-04-06",
      "2026-04-25",
      "2026-05-01",
      "2026-06-02",
      "2026-08-15",
      "2026-10-04",
      "2026-11-01",
      "2026-12-08",
      "2026-12-25",
      "2026-12-26",
    ]);
  });

  it("has San Francesco (4 October) only from 2026", () => {
    expect(italianHolidayOn("2025-10-04")).toBeUndefined();
    expect(italianHolidays(2025)).toHaveLength(12);
    expect(italianHolidayOn("2027-10-04")?.name).toBe("San Francesco d'Assisi, patrono d'Italia");
  });

  it("names each holiday in Italian", () => {
    expect(italianHolidayOn("2026-04-25")).toEqual({ date: "2026-04-25", name: "Festa della Liberazione" });
    expect(italianHolidayOn("2026-04-06")?.name).toBe("Lunedì dell'Angelo (Pasquetta)");
    expect(italianHolidayOn("2027-03-29")?.name).toBe("Lunedì dell'Angelo (Pasquetta)");
    expect(italianHolidayOn("2026-06-02")?.name).toBe("Festa della Repubblica");
    expect(italianHolidayOn("2026-12-26")?.name).toBe("Santo Stefano");
    expect(italianHolidayOn("2026-06-24")).toBeUndefined();
    expect(italianHolidayOn("2026-04-07")).toBeUndefined();
  });

  it("joins two holidays on one date, fixed-date one first (2011: Pasquetta on 25 April)", () => {
    expect(italianHolidayOn("2011-04-25")?.name).toBe("Festa della Liberazione e Lunedì dell'Angelo (Pasquetta)");
    expect(italianHolidays(2011).filter((h) => h.date === "2011-04-25")).toHaveLength(2);
  });

  it("returns copies, so callers cannot corrupt the cache", () => {
    const first = italianHolidays(2026);
    first[0] = { date: "2026-01-02", name: "x" };
    expect(italianHolidays(2026)[0]).toEqual({ date: "2026-01-01", name: "Capodanno" });
  });
});
