import { describe, expect, it } from "vitest";
import { completeAssessment } from "../../../core/assessment/complete-assessment.js";
import { ITEM_BANK } from "../../../core/assessment/item-bank.js";
import { everyDay, takeTest } from "../../../core/assessment/test-support.js";
import { bookSlot } from "../../../core/booking/book-slot.js";
import { acceptPrivacy } from "../../../core/citizens/accept-privacy.js";
import { PRIVACY_NOTICE_VERSION } from "../../../core/citizens/citizen.js";
import { eraseCitizen } from "../../../core/citizens/erase-citizen.js";
import { enrolInCourse } from "../../../core/courses/enrol.js";
import { joinWaitlist } from "../../../core/waitlist/join-waitlist.js";
import { createTestCitizen, createTestPoint, outcome, testCore } from "../../support/fixtures.js";
import { useIntegration } from "../../support/integration.js";

describe("consent", () => {
  const ctx = useIntegration();

  it("stores the citizen only on acceptance, with notice version, time and channel, once", async () => {
    const core = testCore(ctx.db);
    const identity = { channel: "telegram", externalId: "424242" } as const;
    expect(await core.repos.citizens.findByIdentity(identity)).toBeNull();
    expect(await ctx.db.citizen.count()).toBe(0);
    const [a, b] = await Promise.all([
      acceptPrivacy(core, { ...identity, language: "en" }),
      acceptPrivacy(core, identity),
    ]);
    expect(a.citizen.id).toBe(b.citizen.id);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    expect(await ctx.db.citizen.count()).toBe(1);
    const consents = await ctx.db.consent.findMany({ where: { citizenId: a.citizen.id } });
    expect(consents).toHaveLength(1);
    expect(consents[0]).toMatchObject({
      noticeVersion: PRIVACY_NOTICE_VERSION,
      channel: "telegram",
      acceptedAt: new Date("2026-12-01T07:00:00Z"),
      withdrawnAt: null,
    });
    expect((await core.repos.citizens.findByIdentity(identity))?.id).toBe(a.citizen.id);
    expect(await outcome(acceptPrivacy(core, { channel: "fax" as never, externalId: "1" }))).toBe("validation");
  });
});

describe("erasure", () => {
  const ctx = useIntegration();

  it("removes personal data and identities, frees seats, keeps an anonymous count", async () => {
    const core = testCore(ctx.db);
    const point = await createTestPoint(ctx.db, {
      bookable: 1,
      windows: [
        { weekday: 3, shift: 1, opens: "10:00", closes: "11:00" },
        { weekday: 4, shift: 1, opens: "10:00", closes: "11:00" },
      ],
    });
    const other = await createTestCitizen(core);
    const { citizen } = await acceptPrivacy(core, { channel: "whatsapp", externalId: "393331234567@s.whatsapp.net" });
    await core.repos.citizens.addIdentity(citizen.id, { channel: "whatsapp", externalId: "98765@lid" });
    await core.repos.citizens.update(citizen.id, { givenName: "Maria", phone: "+393331234567" });
    const { booking } = await bookSlot(core, {
      citizenId: citizen.id,
      pointId: point.id,
      service: "facilitazione",
      mode: "in_presenza",
      startsAt: new Date("2026-12-02T09:00:00Z"),
      needNote: "Mi chiamo Maria, devo fare lo SPID",
    });
    await bookSlot(core, {
      citizenId: other,
      pointId: point.id,
      service: "facilitazione",
      mode: "in_presenza",
      startsAt: new Date("2026-12-03T09:00:00Z"),
    });
    const { entry } = await joinWaitlist(core, {
      citizenId: citizen.id,
      pointId: point.id,
      service: "facilitazione",
      date: "2026-12-03",
    });
    const session = await ctx.db.courseSession.create({
      data: {
        pointId: point.id,
        title: "Truffe online",
        topic: "phishing",
        digcompArea: "D",
        startsAt: new Date("2026-12-09T14:00:00Z"),
        endsAt: new Date("2026-12-09T16:00:00Z"),
        seats: 5,
      },
    });
    await enrolInCourse(core, { sessionId: session.id, citizenId: citizen.id });
    const progress = {
      bank: ITEM_BANK.version,
      answers: takeTest(
        ITEM_BANK,
        everyDay(() => "help"),
      ).answers,
      startedAt: "2026-12-01T07:00:00Z",
    };
    for (const who of [citizen.id, other]) {
      expect((await completeAssessment(core, { citizenId: who, progress, language: "it" })).stored).toBe(true);
    }
    core.clock.advance(86_400_000);
    await completeAssessment(core, { citizenId: citizen.id, progress, language: "it" });
    core.clock.advance(-86_400_000);
    expect(await ctx.db.assessment.count({ where: { citizenId: citizen.id } })).toBe(2);

    const citizensBefore = await ctx.db.citizen.count();
    const { cancelledBookings } = await eraseCitizen(core, citizen.id);
    expect(cancelledBookings).toBe(1);

    const row = await ctx.db.citizen.findUniqueOrThrow({ where: { id: citizen.id } });
    expect(row).toMatchObject({
      givenName: null,
      phone: null,
      fiscalCode: null,
      erasedAt: new Date("2026-12-01T07:00:00Z"),
    });
    expect(await ctx.db.channelIdentity.count({ where: { citizenId: citizen.id } })).toBe(0);
    expect(await ctx.db.citizen.count()).toBe(citizensBefore); // still counted, anonymously
    expect((await ctx.db.consent.findFirstOrThrow({ where: { citizenId: citizen.id } })).withdrawnAt).not.toBeNull();
    const cancelled = await ctx.db.booking.findUniqueOrThrow({ where: { id: booking.id } });
    expect(cancelled).toMatchObject({ status: "cancelled_by_citizen", needNote: null, cancelReason: "erasure" });
    const wednesday = await ctx.db.slotOccupancy.findMany({
      where: { pointId: point.id, unitStart: { lt: new Date("2026-12-03T00:00:00Z") } },
    });
    expect(wednesday.map((u) => u.booked)).toEqual([0, 0, 0, 0]);
    expect((await ctx.db.waitlistEntry.findUniqueOrThrow({ where: { id: entry.id } })).status).toBe("cancelled");
    expect((await ctx.db.courseSession.findUniqueOrThrow({ where: { id: session.id } })).booked).toBe(0);
    // self-assessment results: all of the erased citizen's gone, the others' kept
    expect(await ctx.db.assessment.count({ where: { citizenId: citizen.id } })).toBe(0);
    expect(await ctx.db.assessment.count({ where: { citizenId: other } })).toBe(1);
    const dump = JSON.stringify(
      await ctx.db.citizen.findMany({ include: { identities: true, consents: true, bookings: true } }),
    );
    expect(dump).not.toMatch(/Maria|3331234567|98765/);

    // the same person writing again is a new, unknown citizen
    expect(
      await core.repos.citizens.findByIdentity({ channel: "whatsapp", externalId: "393331234567@s.whatsapp.net" }),
    ).toBeNull();
    expect(await outcome(eraseCitizen(core, citizen.id))).toBe("citizen_unknown");
    const again = await acceptPrivacy(core, { channel: "whatsapp", externalId: "393331234567@s.whatsapp.net" });
    expect(again.citizen.id).not.toBe(citizen.id);
  });
});
