import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { courseIcs } from "./course-ics.js";

const session = {
  id: "7c8d0f6e-0000-4000-8000-0000000000aa",
  startsAt: new Date("2026-12-03T09:00:00Z"),
  endsAt: new Date("2026-12-03T11:00:00Z"),
  sequence: 2,
};

describe("courseIcs", () => {
  it("has a stable UID, the session's SEQUENCE, Rome times and two alarms; cancelled removes it", () => {
    const base = {
      session,
      summary: "Corso: SPID",
      description: "x",
      location: "Biblioteca",
      now: new Date("2026-12-01T07:00:00Z"),
      timeZone: "Europe/Rome",
      fileName: "corso",
    };
    const open = courseIcs({ ...base, cancelled: false });
    expect(open.filename).toBe("corso-2026-12-03.ics");
    const event = new ICAL.Event(
      new ICAL.Component(ICAL.parse(open.content)).getFirstSubcomponent("vevent") ?? undefined,
    );
    expect(event.uid).toBe(`course-${session.id}@sportello`);
    expect(event.sequence).toBe(2);
    expect(open.content).toContain("DTSTART;TZID=Europe/Rome:20261203T100000");
    expect(open.content.match(/BEGIN:VALARM/g)).toHaveLength(2);
    expect(open.content).toContain("DTSTAMP:20261201T070000Z");
    const gone = courseIcs({ ...base, cancelled: true, fileName: "corso-annullato" });
    expect(gone.content).toContain("METHOD:CANCEL");
    expect(gone.content).toContain("STATUS:CANCELLED");
    expect(gone.content).toContain("SEQUENCE:3");
    expect(gone.content).not.toContain("BEGIN:VALARM");
  });
});
