import { describe, expect, it } from "vitest";
import { bookSlot } from "../../../core/booking/book-slot.js";
import { cancelBooking } from "../../../core/booking/cancel-booking.js";
import { eraseCitizen } from "../../../core/citizens/erase-citizen.js";
import { expireWaitlistOffers } from "../../../core/waitlist/expire-offers.js";
import { joinWaitlist } from "../../../core/waitlist/join-waitlist.js";
import { createTestCitizen, createTestPoint, outcome, testCore } from "../../support/fixtures.js";
import { useIntegration } from "../../support/integration.js";

// A point open only Wednesdays 10:00-11:00 with one bookable seat: one slot that day.
const WED = "2026-12-02";
const SLOT = new Date("2026-12-02T09:00:00Z");

describe("waitlist", () => {
  const ctx = useIntegration();

  it("lines up citizens for a full day and offers a freed slot to the first in line", async () => {
    const core = testCore(ctx.db);
    const point = await createTestPoint(ctx.db, {
      bookable: 1,
      windows: [{ weekday: 3, shift: 1, opens: "10:00", closes: "11:00" }],
    });
    const [holder, first, second] = [
      await createTestCitizen(core),
      await createTestCitizen(core),
      await createTestCitizen(core),
    ];
    const join = (citizenId: string) =>
      joinWaitlist(core, { citizenId, pointId: point.id, service: "facilitazione", date: WED });

    expect(await outcome(join(first))).toBe("day_not_full");
    const { booking } = await bookSlot(core, {
      citizenId: holder,
      pointId: point.id,
      service: "facilitazione",
      mode: "in_presenza",
      startsAt: SLOT,
    });
    const a = await join(first);
    core.clock.advance(1000);
    const b = await join(second);
    expect([a.position, b.position]).toEqual([1, 2]);
    expect((await join(first)).entry.id).toBe(a.entry.id); // joining twice keeps the place
    expect(await outcome(join("00000000-0000-4000-8000-000000000000"))).toBe("citizen_unknown");
    expect(
      await outcome(
        joinWaitlist(core, { citizenId: first, pointId: point.id, service: "facilitazione", date: "2026-12-03" }),
      ),
    ).toBe("closed_day");

    const { offeredTo } = await cancelBooking(core, { bookingId: booking.id, actor: "citizen", actorId: holder });
    expect(offeredTo?.id).toBe(a.entry.id);
    expect(offeredTo?.status).toBe("offered");
    expect(offeredTo?.offerStartsAt).toEqual(SLOT);
    // the offer lasts 2 hours from now (the clock moved on by one second above)
    expect(offeredTo?.offerExpiresAt).toEqual(new Date("2026-12-01T09:00:01Z"));
    const event = await ctx.db.domainEvent.findFirstOrThrow({ where: { type: "waitlist.slot_offered" } });
    expect(event.payload).toMatchObject({ entryId: a.entry.id, pointId: point.id, date: WED });
    expect(JSON.stringify(event.payload)).not.toContain(first); // ids of entries, never of people

    // someone else cannot use another's offer; the offered citizen books it
    expect(
      await outcome(
        bookSlot(core, {
          citizenId: second,
          pointId: point.id,
          service: "facilitazione",
          mode: "in_presenza",
          startsAt: SLOT,
          waitlistEntryId: a.entry.id,
        }),
      ),
    ).toBe("offer_not_valid");
    const taken = await bookSlot(core, {
      citizenId: first,
      pointId: point.id,
      service: "facilitazione",
      mode: "in_presenza",
      startsAt: SLOT,
      waitlistEntryId: a.entry.id,
    });
    expect(taken.created).toBe(true);
    expect((await ctx.db.waitlistEntry.findUniqueOrThrow({ where: { id: a.entry.id } })).status).toBe("booked");
    expect((await ctx.db.waitlistEntry.findUniqueOrThrow({ where: { id: b.entry.id } })).status).toBe("waiting");
  });

  it("refuses an expired offer and offers nothing once the slot can no longer be booked", async () => {
    const core = testCore(ctx.db);
    const point = await createTestPoint(ctx.db, {
      bookable: 1,
      windows: [{ weekday: 3, shift: 1, opens: "10:00", closes: "11:00" }],
    });
    const [holder, waiting] = [await createTestCitizen(core), await createTestCitizen(core)];
    const { booking } = await bookSlot(core, {
      citizenId: holder,
      pointId: point.id,
      service: "facilitazione",
      mode: "in_presenza",
      startsAt: SLOT,
    });
    const { entry } = await joinWaitlist(core, {
      citizenId: waiting,
      pointId: point.id,
      service: "facilitazione",
      date: WED,
    });
    core.clock.set("2026-12-02T07:30:00Z"); // 90 minutes before: cancellable, but inside the 2-hour booking notice
    const { offeredTo } = await cancelBooking(core, { bookingId: booking.id, actor: "citizen", actorId: holder });
    expect(offeredTo).toBeNull();
    expect((await ctx.db.waitlistEntry.findUniqueOrThrow({ where: { id: entry.id } })).status).toBe("waiting");
  });
});

describe("waitlist offers that run out, and erasure", () => {
  const ctx = useIntegration();
  const oneSlotWednesday = {
    bookable: 1,
    windows: [{ weekday: 3, shift: 1 as const, opens: "10:00", closes: "11:00" }],
  };

  async function fullDayWithLine() {
    const core = testCore(ctx.db);
    const point = await createTestPoint(ctx.db, oneSlotWednesday);
    const [holder, first, second] = [
      await createTestCitizen(core),
      await createTestCitizen(core),
      await createTestCitizen(core),
    ];
    const { booking } = await bookSlot(core, {
      citizenId: holder,
      pointId: point.id,
      service: "facilitazione",
      mode: "in_presenza",
      startsAt: SLOT,
    });
    const join = (citizenId: string) =>
      joinWaitlist(core, { citizenId, pointId: point.id, service: "facilitazione", date: WED });
    const a = await join(first);
    core.clock.advance(1000);
    const b = await join(second);
    return { core, point, holder, first, second, booking, join, a, b };
  }

  it("passes an expired offer to the next in line, and lets the first join again", async () => {
    const { core, point, holder, first, second, booking, join, a, b } = await fullDayWithLine();
    await cancelBooking(core, { bookingId: booking.id, actor: "citizen", actorId: holder });
    expect(await expireWaitlistOffers(core)).toEqual({ expired: 0, passedOn: 0 }); // not yet
    core.clock.advance(2 * 60 * 60 * 1000 + 1000);
    expect(await expireWaitlistOffers(core)).toEqual({ expired: 1, passedOn: 1 });
    expect((await ctx.db.waitlistEntry.findUniqueOrThrow({ where: { id: a.entry.id } })).status).toBe("expired");
    const next = await ctx.db.waitlistEntry.findUniqueOrThrow({ where: { id: b.entry.id } });
    expect(next.status).toBe("offered");
    expect(next.offerStartsAt).toEqual(SLOT);
    const events = await ctx.db.domainEvent.findMany({
      where: { type: "waitlist.slot_offered" },
      orderBy: { id: "asc" },
    });
    expect(events.map((e) => (e.payload as { entryId: string }).entryId).slice(-2)).toEqual([a.entry.id, b.entry.id]);
    // while the slot is free, the day is not full: booking it is the way, not the line
    expect(await outcome(join(first))).toBe("day_not_full");
    await bookSlot(core, {
      citizenId: second,
      pointId: point.id,
      service: "facilitazione",
      mode: "in_presenza",
      startsAt: SLOT,
      waitlistEntryId: b.entry.id,
    });
    const again = await join(first);
    expect(again.created).toBe(true);
    expect(again.entry.id).not.toBe(a.entry.id);
    expect(again.position).toBe(1);
  });

  it("does not pass on an offer whose slot was taken meanwhile", async () => {
    const { core, point, holder, booking, b } = await fullDayWithLine();
    await cancelBooking(core, { bookingId: booking.id, actor: "citizen", actorId: holder });
    const walkIn = await createTestCitizen(core);
    await bookSlot(core, {
      citizenId: walkIn,
      pointId: point.id,
      service: "facilitazione",
      mode: "in_presenza",
      startsAt: SLOT,
    });
    core.clock.advance(2 * 60 * 60 * 1000 + 1000);
    expect(await expireWaitlistOffers(core)).toEqual({ expired: 1, passedOn: 0 });
    expect((await ctx.db.waitlistEntry.findUniqueOrThrow({ where: { id: b.entry.id } })).status).toBe("waiting");
  });

  it("refuses an offer used for another slot", async () => {
    const { core, holder, first, booking, a } = await fullDayWithLine();
    await cancelBooking(core, { bookingId: booking.id, actor: "citizen", actorId: holder });
    const elsewhere = await createTestPoint(ctx.db, oneSlotWednesday);
    expect(
      await outcome(
        bookSlot(core, {
          citizenId: first,
          pointId: elsewhere.id,
          service: "facilitazione",
          mode: "in_presenza",
          startsAt: SLOT,
          waitlistEntryId: a.entry.id,
        }),
      ),
    ).toBe("offer_not_valid");
    expect(await ctx.db.booking.count({ where: { pointId: elsewhere.id } })).toBe(0);
    expect((await ctx.db.waitlistEntry.findUniqueOrThrow({ where: { id: a.entry.id } })).status).toBe("offered");
  });

  it("offers the seats freed by an erasure to the waitlist, never to the person erased", async () => {
    const { core, holder, booking, a } = await fullDayWithLine();
    expect(booking.status).toBe("confirmed");
    await eraseCitizen(core, holder);
    expect((await ctx.db.waitlistEntry.findUniqueOrThrow({ where: { id: a.entry.id } })).status).toBe("offered");
  });
});
