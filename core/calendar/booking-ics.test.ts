import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import type { Booking } from "../booking/booking.js";
import { bookingIcs } from "./booking-ics.js";

const booking: Booking = {
  id: "3f1c2b7e-1111-4222-8333-444455556666",
  citizenId: "c",
  pointId: "p",
  siteId: null,
  service: "facilitazione",
  mode: "in_presenza",
  startsAt: new Date("2026-12-02T09:00:00Z"),
  endsAt: new Date("2026-12-02T10:00:00Z"),
  status: "confirmed",
  competences: [9],
  publicServices: [],
  needNote: null,
  sequence: 0,
  cancelReason: null,
  createdAt: new Date("2026-12-01T07:00:00Z"),
  updatedAt: new Date("2026-12-01T07:00:00Z"),
};

function parse(content: string) {
  const calendar = new ICAL.Component(ICAL.parse(content));
  const event = calendar.getFirstSubcomponent("vevent");
  if (!event) throw new Error("no VEVENT");
  return { calendar, event };
}

const make = (b: Booking) =>
  bookingIcs({
    booking: b,
    summary: "Facilitazione digitale – Biblioteca Civica Centrale; sala 2, piano terra",
    description: "Porta il telefono e il documento d'identità.\nPer annullare scrivi «appuntamenti» al bot.",
    location: "Via della Cittadella 5, 10122 Torino",
    coordinates: { lat: 45.0735, lon: 7.6813 },
    now: new Date("2026-12-01T07:00:00Z"),
    timeZone: "Europe/Rome",
  });

describe("bookingIcs", () => {
  it("is valid iCalendar with a stable UID, SEQUENCE and Europe/Rome local times", () => {
    const { filename, content } = make(booking);
    expect(filename).toBe("appuntamento-2026-12-02.ics");
    expect(content.includes("\r\n")).toBe(true);
    for (const line of content.split("\r\n")) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    const { calendar, event } = parse(content);
    expect(calendar.getFirstPropertyValue("method")).toBe("PUBLISH");
    expect(calendar.getFirstSubcomponent("vtimezone")?.getFirstPropertyValue("tzid")).toBe("Europe/Rome");
    expect(event.getFirstPropertyValue("uid")).toBe(`${booking.id}@sportello`);
    expect(event.getFirstPropertyValue("sequence")).toBe(0);
    expect(event.getFirstPropertyValue("status")).toBe("CONFIRMED");
    const start = event.getFirstProperty("dtstart");
    expect(start?.getParameter("tzid")).toBe("Europe/Rome");
    expect(String(start?.getFirstValue())).toBe("2026-12-02T10:00:00");
    expect(event.getFirstPropertyValue("summary")).toBe(
      "Facilitazione digitale – Biblioteca Civica Centrale; sala 2, piano terra",
    );
    expect(event.getFirstPropertyValue("description")).toContain("documento d'identità.\nPer annullare");
    expect(event.getFirstSubcomponent("valarm")).not.toBeNull();
  });

  it("keeps the UID and raises SEQUENCE when the booking changes; cancelled events say so", () => {
    const moved = parse(
      make({
        ...booking,
        sequence: 2,
        startsAt: new Date("2026-12-03T13:00:00Z"),
        endsAt: new Date("2026-12-03T14:00:00Z"),
      }).content,
    );
    expect(moved.event.getFirstPropertyValue("uid")).toBe(`${booking.id}@sportello`);
    expect(moved.event.getFirstPropertyValue("sequence")).toBe(2);
    expect(String(moved.event.getFirstPropertyValue("dtstart"))).toBe("2026-12-03T14:00:00");
    const cancelled = parse(make({ ...booking, sequence: 3, status: "cancelled_by_citizen" }).content);
    expect(cancelled.event.getFirstPropertyValue("status")).toBe("CANCELLED");
    expect(cancelled.event.getFirstSubcomponent("valarm")).toBeNull();
    const pending = parse(make({ ...booking, status: "pending", mode: "telefono" }).content);
    expect(pending.event.getFirstPropertyValue("status")).toBe("TENTATIVE");
  });

  it("writes summer times with the summer offset", () => {
    const summer = parse(
      make({ ...booking, startsAt: new Date("2026-07-01T07:00:00Z"), endsAt: new Date("2026-07-01T08:00:00Z") })
        .content,
    );
    expect(String(summer.event.getFirstPropertyValue("dtstart"))).toBe("2026-07-01T09:00:00");
    const time = summer.event.getFirstPropertyValue("dtstart") as ICAL.Time;
    expect(time.toJSDate().toISOString()).toBe("2026-07-01T07:00:00.000Z");
  });

  it("writes DTSTAMP in UTC, as RFC 5545 wants", () => {
    const { content } = make(booking);
    expect(content).toMatch(/\r\nDTSTAMP:20261201T070000Z\r\n/);
    const { event } = parse(content);
    const stamp = event.getFirstPropertyValue("dtstamp") as ICAL.Time;
    expect(stamp.zone?.tzid).toBe("UTC");
    expect(stamp.toJSDate().toISOString()).toBe("2026-12-01T07:00:00.000Z");
  });

  it("reminds a day and two hours before", () => {
    const { event } = parse(make(booking).content);
    const triggers = event.getAllSubcomponents("valarm").map((alarm) => String(alarm.getFirstPropertyValue("trigger")));
    expect(triggers).toEqual(["-P1D", "-PT2H"]);
    for (const alarm of event.getAllSubcomponents("valarm"))
      expect(alarm.getFirstPropertyValue("action")).toBe("DISPLAY");
  });

  it("a cancelled booking gives the file that removes the event: METHOD:CANCEL, same UID, higher SEQUENCE", () => {
    const first = parse(make(booking).content);
    const file = bookingIcs({
      booking: { ...booking, sequence: 1, status: "cancelled_by_citizen" },
      summary: "Con un facilitatore – Biblioteca",
      description: "Annullato",
      location: "Via della Cittadella 5, 10122 Torino",
      organizer: { name: "Biblioteca Civica", email: "biblioteca@example.org" },
      now: new Date("2026-12-01T08:00:00Z"),
      timeZone: "Europe/Rome",
      fileName: "appuntamento-annullato",
    });
    expect(file.filename).toBe("appuntamento-annullato-2026-12-02.ics");
    const { calendar, event } = parse(file.content);
    expect(calendar.getFirstPropertyValue("method")).toBe("CANCEL");
    expect(event.getFirstPropertyValue("uid")).toBe(first.event.getFirstPropertyValue("uid"));
    expect(Number(event.getFirstPropertyValue("sequence"))).toBeGreaterThan(
      Number(first.event.getFirstPropertyValue("sequence")),
    );
    expect(event.getFirstPropertyValue("status")).toBe("CANCELLED");
    expect(event.getAllSubcomponents("valarm")).toHaveLength(0);
    expect(String(event.getFirstPropertyValue("organizer"))).toBe("mailto:biblioteca@example.org");
    expect(file.content).toContain("DTSTAMP:20261201T080000Z");
  });

  it("names the file in the citizen's language, never with an unsafe name", () => {
    const base = {
      booking,
      summary: "S",
      description: "D",
      location: null,
      now: booking.createdAt,
      timeZone: "Europe/Rome",
    };
    expect(bookingIcs({ ...base, fileName: "appointment" }).filename).toBe("appointment-2026-12-02.ics");
    expect(bookingIcs({ ...base, fileName: "../../etc/passwd" }).filename).toBe("appuntamento-2026-12-02.ics");
  });
});
