import { describe, expect, it } from "vitest";
import { inDayPart, parseDayPart, parseTypedDate, parseTypedTime } from "./date-input.js";

const TODAY = "2026-12-01"; // a Tuesday

describe("parseTypedDate", () => {
  it("reads the ways people write dates", () => {
    const cases: Array<[string, string]> = [
      ["oggi", "2026-12-01"],
      ["Domani", "2026-12-02"],
      ["tomorrow", "2026-12-02"],
      ["15/12", "2026-12-15"],
      ["15-12-2026", "2026-12-15"],
      ["3/1", "2027-01-03"], // no year: the next 3 January
      ["1/12", "2026-12-01"],
      ["15 dicembre", "2026-12-15"],
      ["giovedì 3 dicembre", "2026-12-03"],
      ["giovedi", "2026-12-03"],
      ["martedì", "2026-12-08"], // next Tuesday, not today
      ["5/1/27", "2027-01-05"],
      ["Wed 2 Dec", "2026-12-02"],
      ["Dec 15", "2026-12-15"],
      ["Thursday December 3", "2026-12-03"],
      ["3 Oct", "2027-10-03"],
      // what confused citizens wrote (issue 12)
      ["il 3", "2026-12-03"],
      ["il 30", "2026-12-30"],
      ["giovedì 3", "2026-12-03"],
      ["sabato 5", "2026-12-05"],
      ["lunedì 4", "2027-01-04"], // the next Monday the 4th
      ["martedì prossimo", "2026-12-08"],
      ["next tuesday", "2026-12-08"],
      ["per giovedì", "2026-12-03"],
      ["tra una settimana", "2026-12-08"],
      ["fra due giorni", "2026-12-03"],
      ["in 3 days", "2026-12-04"],
      ["la settimana prossima", "2026-12-07"],
      ["the 3rd", "2026-12-03"],
      ["3rd", "2026-12-03"],
      ["December 3rd", "2026-12-03"],
      ["il 3°", "2026-12-03"],
      ["il 3 dicembre", "2026-12-03"],
    ];
    for (const [text, expected] of cases) expect(parseTypedDate(text, TODAY), text).toBe(expected);
  });

  it("refuses what is not a date", () => {
    // a number alone is the number of a choice, never a day
    for (const text of ["31/2", "32/12", "ciao", "15 brumaio", "", "12345", "10:30", "3", "12", "il", "tra tanto"]) {
      expect(parseTypedDate(text, TODAY), text).toBeUndefined();
    }
  });
});

describe("parseTypedTime", () => {
  it("reads times as people say them", () => {
    const cases: Array<[string, string]> = [
      ["10:30", "10:30"],
      ["9.15", "09:15"],
      ["10,45", "10:45"],
      ["ore 15", "15:00"],
      ["alle 9 e 30", "09:30"],
      ["10 e mezza", "10:30"],
      ["alle dieci e mezza", "10:30"],
      ["10 e un quarto", "10:15"],
      ["11 meno un quarto", "10:45"],
      ["mezzogiorno", "12:00"],
      ["mezzogiorno e mezzo", "12:30"],
      ["alle tre", "15:00"], // nobody books at three in the night
      ["alle 3 del pomeriggio", "15:00"],
      ["le 16:30", "16:30"],
      ["3pm", "15:00"],
      ["9:30 am", "09:30"],
      ["12pm", "12:00"],
      ["10am", "10:00"],
      ["at 10", "10:00"],
      ["half past ten", "10:30"],
      ["quarter to 11", "10:45"],
      ["noon", "12:00"],
    ];
    for (const [text, expected] of cases) expect(parseTypedTime(text), text).toBe(expected);
  });

  it("never reads a number alone as an hour: it is the number of a choice", () => {
    for (const text of ["10", "7", "11", "dieci", "13pm", "25", "10:75", "ore 25", "boh"]) {
      expect(parseTypedTime(text), text).toBeUndefined();
    }
  });
});

describe("parseDayPart", () => {
  it("knows the parts of the day", () => {
    expect(parseDayPart("pomeriggio")).toBe("afternoon");
    expect(parseDayPart("di mattina")).toBe("morning");
    expect(parseDayPart("la mattina")).toBe("morning");
    expect(parseDayPart("sera")).toBe("evening");
    expect(parseDayPart("in the afternoon")).toBe("afternoon");
    expect(parseDayPart("morning")).toBe("morning");
    expect(parseDayPart("boh")).toBeUndefined();
    expect(inDayPart("12:30", "morning")).toBe(true);
    expect(inDayPart("14:00", "afternoon")).toBe(true);
    expect(inDayPart("18:00", "evening")).toBe(true);
  });
});
