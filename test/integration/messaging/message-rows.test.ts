import { describe, expect, it } from "vitest";
import { bookSlot } from "../../../core/booking/book-slot.js";
import { cancelBooking } from "../../../core/booking/cancel-booking.js";
import { rescheduleBooking } from "../../../core/booking/reschedule-booking.js";
import { setBookingStatus } from "../../../core/booking/update-status.js";
import { eraseCitizen } from "../../../core/citizens/erase-citizen.js";
import { joinWaitlist } from "../../../core/waitlist/join-waitlist.js";
import { createTestCitizen, createTestPoint, testCore } from "../../support/fixtures.js";
import { useIntegration } from "../../support/integration.js";

const local = (instant: Date | null) =>
  instant
    ? new Intl.DateTimeFormat("sv-SE", { timeZone: "Europe/Rome", dateStyle: "short", timeStyle: "short" }).format(
        instant,
      )
    : null;

describe("outbound message rows are written with the change that causes them", () => {
  const ctx = useIntegration();
  const rowsOf = async (where: { bookingId?: string; waitlistEntryId?: string; citizenId?: string }) =>
    (await ctx.db.outboundMessage.findMany({ where, orderBy: [{ dueAt: "asc" }, { kind: "asc" }] })).map((r) => ({
      kind: r.kind,
      state: r.state,
      reason: r.reason,
      due: local(r.dueAt),
      expires: local(r.expiresAt),
      params: r.params,
      channel: r.channel,
      address: r.address,
    }));

  it("books with two reminders, re-times them when moved, withdraws them when cancelled", async () => {
    const core = testCore(ctx.db); // Tue 1 Dec 2026, 08:00 in Rome
    const point = await createTestPoint(ctx.db);
    const citizenId = await createTestCitizen(core);
    const identity = await ctx.db.channelIdentity.findFirstOrThrow({ where: { citizenId } });

    const { booking } = await bookSlot(core, {
      citizenId,
      pointId: point.id,
      service: "facilitazione",
      mode: "in_presenza",
      startsAt: new Date("2026-12-02T09:00:00Z"), // Wed 10:00
    });
    expect(await rowsOf({ bookingId: booking.id })).toEqual([
      {
        kind: "booking.reminder",
        state: "pending",
        reason: null,
        due: "2026-12-01 10:00",
        expires: "2026-12-02 10:00",
        params: { offset: "1d", startsAt: "2026-12-02T09:00:00.000Z" },
        channel: "web",
        address: identity.externalId,
      },
      {
        kind: "booking.reminder",
        state: "pending",
        reason: null,
        due: "2026-12-02 08:00",
        expires: "2026-12-02 10:00",
        params: { offset: "2h", startsAt: "2026-12-02T09:00:00.000Z" },
        channel: "web",
        address: identity.externalId,
      },
    ]);
    // ids only in the params, never personal text
    const stored = await ctx.db.outboundMessage.findMany({ where: { bookingId: booking.id } });
    expect(JSON.stringify(stored.map((r) => r.params))).not.toMatch(/Biblioteca|Garibaldi/);

    await rescheduleBooking(core, { bookingId: booking.id, citizenId, startsAt: new Date("2026-12-03T13:00:00Z") }); // Thu 14:00
    const moved = await rowsOf({ bookingId: booking.id });
    expect(moved.map((r) => [r.due, r.state, r.reason])).toEqual([
      ["2026-12-01 10:00", "cancelled", "rescheduled"],
      ["2026-12-02 08:00", "cancelled", "rescheduled"],
      ["2026-12-02 14:00", "pending", null],
      ["2026-12-03 12:00", "pending", null],
    ]);

    await cancelBooking(core, { bookingId: booking.id, actor: "citizen", actorId: citizenId, reason: "non_posso_piu" });
    expect((await rowsOf({ bookingId: booking.id })).map((r) => [r.state, r.reason])).toEqual([
      ["cancelled", "rescheduled"],
      ["cancelled", "rescheduled"],
      ["cancelled", "booking_cancelled"],
      ["cancelled", "booking_cancelled"],
    ]);
    // the citizen cancelled it: nobody tells them
    expect(await ctx.db.outboundMessage.count({ where: { bookingId: booking.id, kind: "booking.cancelled" } })).toBe(0);
  });

  it("skips a reminder whose time has already passed, instead of sending it late", async () => {
    const core = testCore(ctx.db);
    const point = await createTestPoint(ctx.db);
    const citizenId = await createTestCitizen(core);
    const { booking } = await bookSlot(core, {
      citizenId,
      pointId: point.id,
      service: "facilitazione",
      mode: "in_presenza",
      startsAt: new Date("2026-12-01T10:00:00Z"), // today 11:00: the day-before one was yesterday
    });
    expect((await rowsOf({ bookingId: booking.id })).map((r) => [r.due, r.state, r.reason])).toEqual([
      ["2026-11-30 11:00", "skipped", "too_late"],
      ["2026-12-01 09:00", "pending", null],
    ]);
  });

  it("tells the citizen at once when a facilitator confirms, and when the point cancels", async () => {
    const core = testCore(ctx.db);
    const point = await createTestPoint(ctx.db);
    const citizenId = await createTestCitizen(core);
    const { booking } = await bookSlot(core, {
      citizenId,
      pointId: point.id,
      service: "facilitazione",
      mode: "telefono",
      startsAt: new Date("2026-12-02T09:00:00Z"),
    });
    expect(booking.status).toBe("pending");
    await setBookingStatus(core, { bookingId: booking.id, facilitatorId: "f-1", to: "confirmed" });
    await setBookingStatus(core, { bookingId: booking.id, facilitatorId: "f-1", to: "confirmed" }); // twice: once
    await cancelBooking(core, { bookingId: booking.id, actor: "point" });
    expect((await rowsOf({ bookingId: booking.id })).map((r) => [r.kind, r.state, r.reason, r.due])).toEqual([
      // a confirmation not yet sent is withdrawn: the citizen hears only that it was cancelled
      ["booking.cancelled", "pending", null, "2026-12-01 08:00"],
      ["booking.confirmed", "cancelled", "booking_cancelled", "2026-12-01 08:00"],
      ["booking.reminder", "cancelled", "booking_cancelled", "2026-12-01 10:00"],
      ["booking.reminder", "cancelled", "booking_cancelled", "2026-12-02 08:00"],
    ]);
  });

  it("offers a freed seat to the first in line with a message that expires with the offer", async () => {
    const core = testCore(ctx.db);
    const point = await createTestPoint(ctx.db, {
      bookable: 1,
      windows: [{ weekday: 3, shift: 1, opens: "10:00", closes: "11:00" }],
    });
    const holder = await createTestCitizen(core);
    const waiting = await createTestCitizen(core);
    const { booking } = await bookSlot(core, {
      citizenId: holder,
      pointId: point.id,
      service: "facilitazione",
      mode: "in_presenza",
      startsAt: new Date("2026-12-02T09:00:00Z"),
    });
    const { entry } = await joinWaitlist(core, {
      citizenId: waiting,
      pointId: point.id,
      service: "facilitazione",
      date: "2026-12-02",
    });
    await cancelBooking(core, { bookingId: booking.id, actor: "citizen", actorId: holder });
    expect(
      (await rowsOf({ waitlistEntryId: entry.id })).map((r) => [r.kind, r.state, r.due, r.expires, r.params]),
    ).toEqual([
      [
        "waitlist.offer",
        "pending",
        "2026-12-01 08:00",
        "2026-12-01 10:00",
        { slotStartsAt: "2026-12-02T09:00:00.000Z", expiresAt: "2026-12-01T09:00:00.000Z" },
      ],
    ]);
  });

  it("forgets an erased citizen's messages: pending ones cancelled, addresses emptied", async () => {
    const core = testCore(ctx.db);
    const point = await createTestPoint(ctx.db);
    const citizenId = await createTestCitizen(core);
    await bookSlot(core, {
      citizenId,
      pointId: point.id,
      service: "facilitazione",
      mode: "in_presenza",
      startsAt: new Date("2026-12-02T09:00:00Z"),
    });
    await eraseCitizen(core, citizenId);
    const rows = await rowsOf({ citizenId });
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row.state).toBe("cancelled");
      expect(row.address).toBe("");
    }
  });
});
