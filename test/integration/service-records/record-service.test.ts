import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { bookSlot } from "../../../core/booking/book-slot.js";
import { recordServiceFeedback } from "../../../core/service-records/record-feedback.js";
import { type RecordServiceInput, recordService } from "../../../core/service-records/record-service.js";
import { createTestCitizen, createTestPoint, outcome, testCore } from "../../support/fixtures.js";
import { useIntegration } from "../../support/integration.js";

describe("service records", () => {
  const ctx = useIntegration();

  async function bookedSession() {
    const core = testCore(ctx.db);
    const point = await createTestPoint(ctx.db);
    const citizenId = await createTestCitizen(core);
    const facilitator = await ctx.db.facilitator.create({ data: { displayName: "Anna Rossi" } });
    const { booking } = await bookSlot(core, {
      citizenId,
      pointId: point.id,
      service: "facilitazione",
      mode: "in_presenza",
      startsAt: new Date("2026-12-02T09:00:00Z"), // Wed 10:00 in Rome
    });
    const input: RecordServiceInput = {
      source: { kind: "booking", bookingId: booking.id },
      citizenId,
      pointId: point.id,
      siteId: point.sites[0]?.id ?? null,
      facilitatorId: facilitator.id,
      facilitatorRole: "facilitator",
      startedAt: new Date("2026-12-01T23:30:00Z"), // 00:30 on 2 December in Rome
      durationMinutes: 45,
      serviceTypes: ["A"],
      competences: [13, 9, 9],
      publicServices: ["A", "S"],
      description: "  SPID  attivato\n con l'app  ",
    };
    return { core, point, citizenId, facilitator, booking, input };
  }

  it("writes one record per source, canonical, on the Rome date, however many times it is asked", async () => {
    const { core, input } = await bookedSession();
    const results = await Promise.all(Array.from({ length: 8 }, () => recordService(core, input)));
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(results.map((r) => r.record.id)).size).toBe(1);
    const record = results[0]?.record;
    expect(record).toMatchObject({
      serviceDate: "2026-12-02",
      programme: "RFD",
      competences: [9, 13],
      publicServices: ["A"],
      description: "SPID attivato con l'app",
      rating: null,
    });
    expect(
      await ctx.db.serviceRecord.count({
        where: { bookingId: input.source.kind === "booking" ? input.source.bookingId : "" },
      }),
    ).toBe(1);
  });

  it("counts a Servizio Civile Digitale volunteer's service as SCD and cuts the description at 600", async () => {
    const { core, input } = await bookedSession();
    const { record } = await recordService(core, {
      ...input,
      facilitatorRole: "scd_volunteer",
      description: "è".repeat(700),
    });
    expect(record.programme).toBe("SCD");
    expect([...(record.description ?? "")]).toHaveLength(600);
  });

  it("refuses unknown codes, a bad duration and a course record of someone else, writing nothing", async () => {
    const { core, input } = await bookedSession();
    expect(await outcome(recordService(core, { ...input, serviceTypes: ["Z"] }))).toBe("validation");
    expect(await outcome(recordService(core, { ...input, competences: [14] }))).toBe("validation");
    expect(await outcome(recordService(core, { ...input, durationMinutes: 0 }))).toBe("validation");
    expect(await outcome(recordService(core, { ...input, serviceTypes: [] }))).toBe("validation");
    const course = await ctx.db.courseSession.create({
      data: {
        pointId: input.pointId,
        title: "Usare lo SPID",
        topic: "spid",
        digcompArea: "B",
        startsAt: new Date("2026-12-03T09:00:00Z"),
        endsAt: new Date("2026-12-03T11:00:00Z"),
        seats: 10,
      },
    });
    expect(
      await outcome(
        recordService(core, { ...input, source: { kind: "course", sessionId: course.id, citizenId: randomUUID() } }),
      ),
    ).toBe("validation");
    expect(await ctx.db.serviceRecord.count({ where: { pointId: input.pointId } })).toBe(0);
  });

  it("keeps one record per citizen of a course session and one per walk-in entry", async () => {
    const { core, input, citizenId } = await bookedSession();
    const other = await createTestCitizen(core);
    const course = await ctx.db.courseSession.create({
      data: {
        pointId: input.pointId,
        title: "Videochiamate",
        topic: "video",
        digcompArea: "B",
        startsAt: new Date("2026-12-03T09:00:00Z"),
        endsAt: new Date("2026-12-03T11:00:00Z"),
        seats: 10,
      },
    });
    const courseInput = (who: string): RecordServiceInput => ({
      ...input,
      source: { kind: "course", sessionId: course.id, citizenId: who },
      citizenId: who,
      serviceTypes: ["B"],
      durationMinutes: 120,
    });
    const writes = await Promise.all(
      [citizenId, other, citizenId, other].map((who) => recordService(core, courseInput(who))),
    );
    expect(writes.filter((w) => w.created)).toHaveLength(2);
    const walkIn = { ...input, source: { kind: "walk_in" as const, walkInId: randomUUID() } };
    expect((await recordService(core, walkIn)).created).toBe(true);
    expect((await recordService(core, walkIn)).created).toBe(false);
    expect(await ctx.db.serviceRecord.count({ where: { pointId: input.pointId } })).toBe(3);
  });

  it("stores the first rating and would-return answer only", async () => {
    const { core, input } = await bookedSession();
    const { record } = await recordService(core, input);
    const first = await recordServiceFeedback(core, { recordId: record.id, rating: 5, wouldReturn: ["B", "A"] });
    expect(first.stored).toBe(true);
    expect(first.record).toMatchObject({ rating: 5, wouldReturn: ["A", "B"] });
    const again = await recordServiceFeedback(core, { recordId: record.id, rating: 1, wouldReturn: ["E"] });
    expect(again.stored).toBe(false);
    expect(again.record.rating).toBe(5);
    expect(await outcome(recordServiceFeedback(core, { recordId: record.id, rating: 6 }))).toBe("validation");
    expect(await outcome(recordServiceFeedback(core, { recordId: randomUUID(), rating: 3 }))).toBe("not_found");
  });

  it("lets PostgreSQL refuse a row that breaks the rules whatever writes it", async () => {
    const { input, booking } = await bookedSession();
    const base = {
      sourceKey: `booking:${booking.id}`,
      sourceKind: "booking" as const,
      bookingId: booking.id,
      citizenId: input.citizenId,
      pointId: input.pointId,
      facilitatorId: input.facilitatorId,
      programme: "RFD" as const,
      serviceDate: new Date("2026-12-02T00:00:00Z"),
      startedAt: new Date("2026-12-02T09:00:00Z"),
      durationMinutes: 30,
      serviceTypes: ["A"],
    };
    expect(await outcome(ctx.db.serviceRecord.create({ data: { ...base, durationMinutes: 6000 } }))).not.toBe("ok");
    expect(await outcome(ctx.db.serviceRecord.create({ data: { ...base, rating: 0 } }))).not.toBe("ok");
    expect(await outcome(ctx.db.serviceRecord.create({ data: { ...base, serviceTypes: [] } }))).not.toBe("ok");
    expect(await outcome(ctx.db.serviceRecord.create({ data: { ...base, sourceKey: "booking:x" } }))).not.toBe("ok");
    expect(await outcome(ctx.db.serviceRecord.create({ data: base }))).toBe("ok");
  });
});
