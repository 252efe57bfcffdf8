import { describe, expect, it } from "vitest";
import { bookSlot } from "../../../core/booking/book-slot.js";
import { cancelBooking } from "../../../core/booking/cancel-booking.js";
import { listDays, listFreeSlots } from "../../../core/booking/free-slots.js";
import { upcomingBookings } from "../../../core/booking/list-bookings.js";
import { rescheduleBooking } from "../../../core/booking/reschedule-booking.js";
import { setBookingStatus } from "../../../core/booking/update-status.js";
import { enrolInCourse } from "../../../core/courses/enrol.js";
import { createTestCitizen, createTestPoint, outcome, testCore } from "../../support/fixtures.js";
import { useIntegration } from "../../support/integration.js";

// The test clock starts on Tuesday 1 December 2026 at 08:00 in Rome (07:00Z).
const at = (iso: string) => new Date(iso);
const WED_10 = at("2026-12-02T09:00:00Z"); // Wednesday 2 Dec, 10:00 in Rome

describe("booking a slot", () => {
  const ctx = useIntegration();

  it("books in person as confirmed, takes the seats, and writes audit and outbox", async () => {
    const core = testCore(ctx.db);
    const point = await createTestPoint(ctx.db);
    const citizenId = await createTestCitizen(core);
    const { booking, created } = await bookSlot(core, {
      citizenId,
      pointId: point.id,
      service: "facilitazione",
      mode: "in_presenza",
      startsAt: WED_10,
      competences: [9, 4, 9],
      publicServices: ["D"],
    });
    expect(created).toBe(true);
    expect(booking.status).toBe("confirmed");
    expect(booking.endsAt).toEqual(at("2026-12-02T10:00:00Z"));
    expect(booking.siteId).toBe(point.sites[0]?.id);
    expect(booking.competences).toEqual([4, 9]);
    const occupancy = await ctx.db.slotOccupancy.findMany({
      where: { pointId: point.id },
      orderBy: { unitStart: "asc" },
    });
    expect(occupancy.map((o) => [o.unitStart.toISOString(), o.booked, o.capacity])).toEqual([
      ["2026-12-02T09:00:00.000Z", 1, 2],
      ["2026-12-02T09:15:00.000Z", 1, 2],
      ["2026-12-02T09:30:00.000Z", 1, 2],
      ["2026-12-02T09:45:00.000Z", 1, 2],
    ]);
    const events = await ctx.db.bookingEvent.findMany({ where: { bookingId: booking.id } });
    expect(events.map((e) => [e.kind, e.fromStatus, e.toStatus, e.actor])).toEqual([
      ["created", null, "confirmed", "citizen"],
    ]);
    const outbox = await ctx.db.domainEvent.findMany({ where: { type: "booking.created" } });
    expect(outbox.some((e) => (e.payload as { bookingId: string }).bookingId === booking.id)).toBe(true);
    expect((await upcomingBookings(core, citizenId)).map((b) => b.id)).toEqual([booking.id]);
  });

  it("keeps a remote booking pending until a facilitator confirms it", async () => {
    const core = testCore(ctx.db);
    const point = await createTestPoint(ctx.db);
    const citizenId = await createTestCitizen(core);
    const { booking } = await bookSlot(core, {
      citizenId,
      pointId: point.id,
      service: "facilitazione",
      mode: "videochiamata",
      startsAt: WED_10,
    });
    expect(booking.status).toBe("pending");
    const confirmed = await setBookingStatus(core, { bookingId: booking.id, facilitatorId: "f-1", to: "confirmed" });
    expect(confirmed.status).toBe("confirmed");
    expect(confirmed.sequence).toBe(1);
    core.clock.set("2026-12-02T09:05:00Z"); // the session has started: attendance can be recorded
    expect(await outcome(setBookingStatus(core, { bookingId: booking.id, facilitatorId: "f-1", to: "no_show" }))).toBe(
      "ok",
    );
    expect(
      await outcome(setBookingStatus(core, { bookingId: booking.id, facilitatorId: "f-1", to: "confirmed" })),
    ).toBe("transition_not_allowed");
  });

  it("books once when the same request arrives twice (double tap)", async () => {
    const core = testCore(ctx.db);
    const point = await createTestPoint(ctx.db);
    const citizenId = await createTestCitizen(core);
    const request = {
      citizenId,
      pointId: point.id,
      service: "facilitazione",
      mode: "in_presenza",
      startsAt: WED_10,
    } as const;
    const [first, second] = await Promise.all([bookSlot(core, request), bookSlot(core, request)]);
    expect(first.booking.id).toBe(second.booking.id);
    expect([first.created, second.created].sort()).toEqual([false, true]);
    expect(await ctx.db.booking.count({ where: { citizenId } })).toBe(1);
    const seat = await ctx.db.slotOccupancy.findFirst({ where: { pointId: point.id } });
    expect(seat?.booked).toBe(1);
  });

  it("refuses every bad request with its own Italian reason", async () => {
    const core = testCore(ctx.db);
    const point = await createTestPoint(ctx.db);
    const citizenId = await createTestCitizen(core);
    const base = { citizenId, pointId: point.id, service: "facilitazione", mode: "in_presenza" } as const;
    const cases: Array<[string, () => Promise<unknown>]> = [
      ["slot_in_past", () => bookSlot(core, { ...base, startsAt: at("2026-11-30T09:00:00Z") })],
      ["too_soon", () => bookSlot(core, { ...base, startsAt: at("2026-12-01T08:00:00Z") })],
      ["beyond_horizon", () => bookSlot(core, { ...base, startsAt: at("2027-01-12T09:00:00Z") })],
      ["closed_day", () => bookSlot(core, { ...base, startsAt: at("2026-12-06T09:00:00Z") })], // Sunday
      ["closed_day", () => bookSlot(core, { ...base, startsAt: at("2026-12-08T09:00:00Z") })], // Immacolata
      ["not_a_slot", () => bookSlot(core, { ...base, startsAt: at("2026-12-02T09:10:00Z") })],
      ["not_a_slot", () => bookSlot(core, { ...base, startsAt: at("2026-12-02T11:30:00Z") })], // lunch
      [
        "unknown_point",
        () => bookSlot(core, { ...base, pointId: "7c8d0f6e-0000-4000-8000-000000000000", startsAt: WED_10 }),
      ],
      ["mode_not_offered", () => bookSlot(core, { ...base, mode: "chat", startsAt: WED_10 })],
      [
        "citizen_unknown",
        () => bookSlot(core, { ...base, citizenId: "7c8d0f6e-0000-4000-8000-000000000001", startsAt: WED_10 }),
      ],
      ["validation", () => bookSlot(core, { ...base, pointId: "'; DROP TABLE booking; --", startsAt: WED_10 })],
      ["validation", () => bookSlot(core, { ...base, startsAt: "not a date" } as never)],
      ["validation", () => bookSlot(core, { ...base, startsAt: WED_10, needNote: "x".repeat(5000) })],
    ];
    for (const [expected, attempt] of cases) expect(await outcome(attempt())).toBe(expected);
    const error = await bookSlot(core, { ...base, startsAt: at("2026-12-01T08:00:00Z") }).catch((e) => e);
    expect(error.userMessage).toBe("Si può prenotare almeno 2 ore prima. Scegli un orario più avanti.");
    expect(await ctx.db.booking.count({ where: { citizenId } })).toBe(0);
  });

  it("limits a citizen to three open bookings", async () => {
    const core = testCore(ctx.db);
    const point = await createTestPoint(ctx.db);
    const citizenId = await createTestCitizen(core);
    const book = (iso: string) =>
      bookSlot(core, {
        citizenId,
        pointId: point.id,
        service: "facilitazione",
        mode: "in_presenza",
        startsAt: at(iso),
      });
    for (const iso of ["2026-12-02T08:00:00Z", "2026-12-02T09:00:00Z", "2026-12-02T10:00:00Z"]) await book(iso);
    const error = await book("2026-12-02T13:00:00Z").catch((e) => e);
    expect(error.code).toBe("citizen_limit");
    expect(error.userMessage).toContain("3 appuntamenti aperti");
  });

  it("shows free slots and days, counting seats across services", async () => {
    const core = testCore(ctx.db);
    const point = await createTestPoint(ctx.db, { bookable: 1 });
    const citizenId = await createTestCitizen(core);
    const before = await listFreeSlots(core, { pointId: point.id, service: "facilitazione", date: "2026-12-02" });
    expect(before.map((s) => s.start.toISOString().slice(11, 16))).toEqual([
      "08:00",
      "09:00",
      "10:00",
      "11:00",
      "13:00",
      "14:00",
      "15:00",
      "16:00",
    ]);
    // a half-hour accoglienza at 10:30 takes the only seat of the 10:00 hour
    await bookSlot(core, {
      citizenId,
      pointId: point.id,
      service: "accoglienza",
      mode: "in_presenza",
      startsAt: at("2026-12-02T09:30:00Z"),
    });
    const after = await listFreeSlots(core, { pointId: point.id, service: "facilitazione", date: "2026-12-02" });
    expect(after.map((s) => s.start.toISOString().slice(11, 16))).not.toContain("09:00");
    expect(after).toHaveLength(7);
    const days = await listDays(core, { pointId: point.id, service: "facilitazione" });
    expect(days).toHaveLength(31);
    // 10:00-12:00 and 14:00-17:00 (2 h notice)
    expect(days[0]).toEqual({ date: "2026-12-01", open: true, freeSlots: 7, upcomingSlots: 7 });
    expect(days.find((d) => d.date === "2026-12-08")).toEqual({
      date: "2026-12-08",
      open: false,
      freeSlots: 0,
      upcomingSlots: 0,
    });
    expect(days.find((d) => d.date === "2026-12-02")?.freeSlots).toBe(7);
  });
});

describe("cancelling and rescheduling", () => {
  const ctx = useIntegration();

  it("cancels, frees the seat, bumps the sequence and keeps the trail", async () => {
    const core = testCore(ctx.db);
    const point = await createTestPoint(ctx.db, { bookable: 1 });
    const citizenId = await createTestCitizen(core);
    const other = await createTestCitizen(core);
    const { booking } = await bookSlot(core, {
      citizenId,
      pointId: point.id,
      service: "facilitazione",
      mode: "in_presenza",
      startsAt: WED_10,
    });
    expect(await outcome(cancelBooking(core, { bookingId: booking.id, actor: "citizen", actorId: other }))).toBe(
      "booking_not_found",
    );
    const { booking: cancelled } = await cancelBooking(core, {
      bookingId: booking.id,
      actor: "citizen",
      actorId: citizenId,
      reason: "non_posso_piu",
    });
    expect(cancelled.status).toBe("cancelled_by_citizen");
    expect(cancelled.sequence).toBe(1);
    const freed = await ctx.db.slotOccupancy.findMany({ where: { pointId: point.id } });
    expect(freed.map((o) => o.booked)).toEqual([0, 0, 0, 0]);
    expect(await outcome(cancelBooking(core, { bookingId: booking.id, actor: "citizen", actorId: citizenId }))).toBe(
      "booking_not_open",
    );
    // the seat is free again for someone else
    const again = await bookSlot(core, {
      citizenId: other,
      pointId: point.id,
      service: "facilitazione",
      mode: "in_presenza",
      startsAt: WED_10,
    });
    expect(again.created).toBe(true);
    const trail = await ctx.db.bookingEvent.findMany({ where: { bookingId: booking.id }, orderBy: { id: "asc" } });
    expect(trail.map((e) => e.kind)).toEqual(["created", "cancelled"]);
  });

  it("refuses a citizen's change too close to the start, but lets the point cancel", async () => {
    const core = testCore(ctx.db);
    const point = await createTestPoint(ctx.db);
    const citizenId = await createTestCitizen(core);
    const { booking } = await bookSlot(core, {
      citizenId,
      pointId: point.id,
      service: "facilitazione",
      mode: "in_presenza",
      startsAt: WED_10,
    });
    core.clock.set("2026-12-02T08:30:00Z"); // 30 minutes before
    expect(await outcome(cancelBooking(core, { bookingId: booking.id, actor: "citizen", actorId: citizenId }))).toBe(
      "change_too_late",
    );
    expect(
      await outcome(
        rescheduleBooking(core, { bookingId: booking.id, citizenId, startsAt: at("2026-12-03T09:00:00Z") }),
      ),
    ).toBe("change_too_late");
    expect(await outcome(cancelBooking(core, { bookingId: booking.id, actor: "point", actorId: "f-9" }))).toBe("ok");
    expect((await ctx.db.booking.findUniqueOrThrow({ where: { id: booking.id } })).status).toBe("cancelled_by_point");
  });

  it("reschedules to a free slot, moving the seats, keeping the id", async () => {
    const core = testCore(ctx.db);
    const point = await createTestPoint(ctx.db, { bookable: 1 });
    const citizenId = await createTestCitizen(core);
    const blocker = await createTestCitizen(core);
    await bookSlot(core, {
      citizenId: blocker,
      pointId: point.id,
      service: "facilitazione",
      mode: "in_presenza",
      startsAt: at("2026-12-03T09:00:00Z"),
    });
    const { booking } = await bookSlot(core, {
      citizenId,
      pointId: point.id,
      service: "facilitazione",
      mode: "telefono",
      startsAt: WED_10,
    });
    await setBookingStatus(core, { bookingId: booking.id, facilitatorId: "f", to: "confirmed" });
    expect(
      await outcome(
        rescheduleBooking(core, { bookingId: booking.id, citizenId, startsAt: at("2026-12-03T09:00:00Z") }),
      ),
    ).toBe("capacity_reached");
    expect(await outcome(rescheduleBooking(core, { bookingId: booking.id, citizenId, startsAt: WED_10 }))).toBe(
      "same_slot",
    );
    // to the next hour, on the same morning
    const moved = await rescheduleBooking(core, {
      bookingId: booking.id,
      citizenId,
      startsAt: at("2026-12-02T10:00:00Z"),
    });
    expect(moved.id).toBe(booking.id);
    expect(moved.startsAt).toEqual(at("2026-12-02T10:00:00Z"));
    expect(moved.status).toBe("pending"); // remote: to be confirmed again
    expect(moved.sequence).toBe(2);
    const seats = await ctx.db.slotOccupancy.findMany({
      where: { pointId: point.id, unitStart: { gte: at("2026-12-02T00:00:00Z"), lt: at("2026-12-03T00:00:00Z") } },
      orderBy: { unitStart: "asc" },
    });
    expect(seats.filter((s) => s.booked > 0).map((s) => s.unitStart.toISOString().slice(11, 16))).toEqual([
      "10:00",
      "10:15",
      "10:30",
      "10:45",
    ]);
    const trail = await ctx.db.bookingEvent.findMany({ where: { bookingId: booking.id }, orderBy: { id: "asc" } });
    expect(trail.map((e) => e.kind)).toEqual(["created", "confirmed", "rescheduled"]);
  });
});

describe("more refusals", () => {
  const ctx = useIntegration();

  it("refuses moving a booking onto the start of another of one's own, and attendance before the start", async () => {
    const core = testCore(ctx.db);
    const point = await createTestPoint(ctx.db);
    const citizenId = await createTestCitizen(core);
    const book = (iso: string) =>
      bookSlot(core, {
        citizenId,
        pointId: point.id,
        service: "facilitazione",
        mode: "in_presenza",
        startsAt: at(iso),
      });
    const { booking: first } = await book("2026-12-02T09:00:00Z");
    await book("2026-12-02T10:00:00Z");
    const error = await rescheduleBooking(core, {
      bookingId: first.id,
      citizenId,
      startsAt: at("2026-12-02T10:00:00Z"),
    }).catch((e) => e);
    expect(error.code).toBe("duplicate_booking");
    expect(error.userMessage).toBe("Hai già un appuntamento a quest'ora. Scegli un altro orario.");
    expect(await outcome(setBookingStatus(core, { bookingId: first.id, facilitatorId: "f", to: "no_show" }))).toBe(
      "not_started",
    );
    core.clock.set("2026-12-02T09:10:00Z");
    expect(await outcome(setBookingStatus(core, { bookingId: first.id, facilitatorId: "f", to: "completed" }))).toBe(
      "ok",
    );
  });

  it("says which course it cannot find", async () => {
    const core = testCore(ctx.db);
    const citizenId = await createTestCitizen(core);
    expect(await outcome(enrolInCourse(core, { sessionId: "7c8d0f6e-0000-4000-8000-0000000000aa", citizenId }))).toBe(
      "course_not_found",
    );
  });
});
