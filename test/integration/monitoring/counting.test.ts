import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { bookSlot } from "../../../core/booking/book-slot.js";
import type { ScopeFigures } from "../../../core/monitoring/counting/figures.js";
import { monthlyReport } from "../../../core/monitoring/report-service.js";
import { syntheticFiscalCode } from "../../../core/monitoring/synthetic-fiscal-code.js";
import { createTestCitizen, testCore } from "../../support/fixtures.js";
import { useIntegration } from "../../support/integration.js";
import { monitoringFacilitator, monitoringPoint, profiledCitizen, serve } from "./monitoring-fixtures.js";

/**
 * The report service's figures from PostgreSQL, against numbers worked out by hand below for a
 * small network: two points of one organisation (P1 with a target, P2), a third point of another
 * organisation without a target (P3), a facilitator and a Servizio Civile Digitale volunteer.
 */
describe("monitoring figures from PostgreSQL", () => {
  const ctx = useIntegration();
  const world = {} as {
    p1: string;
    p2: string;
    p3: string;
    o1: string;
    o2: string;
  };

  beforeAll(async () => {
    const core = testCore(ctx.db);
    const settings = ctx.config().monitoring;
    const p1 = await monitoringPoint(ctx.db, { name: "Biblioteca Uno" });
    const p2 = await monitoringPoint(ctx.db, { name: "Biblioteca Due", organisationId: p1.organisationId });
    const p3 = await monitoringPoint(ctx.db, { name: "Biblioteca Tre" });
    Object.assign(world, { p1: p1.id, p2: p2.id, p3: p3.id, o1: p1.organisationId, o2: p3.organisationId });
    const anna = await monitoringFacilitator(ctx.db, { name: "Anna Rossi" });
    const luca = await monitoringFacilitator(ctx.db, { name: "Luca Bianchi (SCD)" });
    const scd = { facilitatorId: luca.id, role: "scd_volunteer" as const };
    const rfd = { facilitatorId: anna.id, role: "facilitator" as const };

    // A: one codice fiscale, served twice at P1 and once at P2 (and one walk-in recorded twice)
    const a = await profiledCitizen(core, settings, {
      fiscalCode: syntheticFiscalCode({ birthDate: "1961-03-04", sex: "F" }),
    });
    const walkIn = { kind: "walk_in" as const, walkInId: randomUUID() };
    await serve(core, ctx.db, { ...rfd, citizenId: a, pointId: p1.id, date: "2026-10-05", rating: 5, source: walkIn });
    await serve(core, ctx.db, { ...rfd, citizenId: a, pointId: p1.id, date: "2026-10-05", source: walkIn });
    await serve(core, ctx.db, { ...rfd, citizenId: a, pointId: p1.id, date: "2026-10-12" });
    await serve(core, ctx.db, { ...rfd, citizenId: a, pointId: p2.id, date: "2026-10-07", rating: 4 });
    // A again, on two days of the month, under a second citizen record with the same code: still A
    const aAgain = await profiledCitizen(core, settings, {
      fiscalCode: syntheticFiscalCode({ birthDate: "1961-03-04", sex: "F" }).toLowerCase(),
    });
    await serve(core, ctx.db, { ...rfd, citizenId: aAgain, pointId: p2.id, date: "2026-10-21" });

    // B: document only, under two citizen records; both records attend one course session
    const document = { type: "C" as const, number: "ya 1234567" };
    const b1 = await profiledCitizen(core, settings, { document });
    const b2 = await profiledCitizen(core, settings, { document: { type: "C", number: "YA-1234567" } });
    await serve(core, ctx.db, { ...rfd, citizenId: b1, pointId: p1.id, date: "2026-10-08" });
    await serve(core, ctx.db, { ...rfd, citizenId: b2, pointId: p1.id, date: "2026-10-20" });
    const session = await ctx.db.courseSession.create({
      data: {
        pointId: p1.id,
        title: "Usare lo SPID",
        topic: "spid",
        digcompArea: "B",
        startsAt: new Date("2026-10-15T07:00:00Z"),
        endsAt: new Date("2026-10-15T09:00:00Z"),
        seats: 10,
      },
    });
    for (const who of [b1, b2]) {
      await serve(core, ctx.db, {
        ...rfd,
        citizenId: who,
        pointId: p1.id,
        date: "2026-10-15",
        time: "09:00",
        minutes: 120,
        serviceTypes: ["B"],
        source: { kind: "course", sessionId: session.id, citizenId: who },
      });
    }
    // a session held but with no attendance recorded (no service record) gives no course hours
    await ctx.db.courseSession.create({
      data: {
        pointId: p1.id,
        title: "Nessuno registrato",
        topic: "x",
        digcompArea: "A",
        startsAt: new Date("2026-10-16T07:00:00Z"),
        endsAt: new Date("2026-10-16T09:00:00Z"),
        seats: 10,
      },
    });
    // a cancelled session and one still to come give no course hours
    await ctx.db.courseSession.create({
      data: {
        pointId: p1.id,
        title: "Annullato",
        topic: "x",
        digcompArea: "A",
        startsAt: new Date("2026-10-22T07:00:00Z"),
        endsAt: new Date("2026-10-22T09:00:00Z"),
        seats: 10,
        cancelledAt: new Date("2026-10-20T07:00:00Z"),
      },
    });

    // C: no profile at all, two walk-ins at P1: counted by the citizen record, once
    const c = await createTestCitizen(core);
    await serve(core, ctx.db, { ...rfd, citizenId: c, pointId: p1.id, date: "2026-10-09", rating: 3 });
    await serve(core, ctx.db, { ...rfd, citizenId: c, pointId: p1.id, date: "2026-10-09", time: "15:00" });

    // D: served only by the volunteer at P1: SCD, never RFD
    const d = await profiledCitizen(core, settings, {
      fiscalCode: syntheticFiscalCode({ birthDate: "1950-11-30", sex: "M" }),
    });
    await serve(core, ctx.db, { ...scd, citizenId: d, pointId: p1.id, date: "2026-10-10", rating: 1, minutes: 30 });

    // E: at P3 by the facilitator and by the volunteer: once in each programme, never added
    const e = await profiledCitizen(core, settings, {
      fiscalCode: syntheticFiscalCode({ birthDate: "1990-01-02", sex: "M" }),
    });
    await serve(core, ctx.db, { ...rfd, citizenId: e, pointId: p3.id, date: "2026-10-06", minutes: 60 });
    await serve(core, ctx.db, { ...scd, citizenId: e, pointId: p3.id, date: "2026-10-06", time: "11:00", minutes: 20 });
    // a training service (SE3 C) is a service but not facilitation hours
    await serve(core, ctx.db, {
      ...rfd,
      citizenId: e,
      pointId: p3.id,
      date: "2026-10-27",
      minutes: 90,
      serviceTypes: ["C"],
    });

    // G: only in September, at P1 (the project so far, and P1's milestone)
    const g = await profiledCitizen(core, settings, {
      fiscalCode: syntheticFiscalCode({ birthDate: "1970-07-07", sex: "F" }),
    });
    await serve(core, ctx.db, { ...rfd, citizenId: g, pointId: p1.id, date: "2026-09-20" });
    // and A in September too: A is still one person in the project so far
    await serve(core, ctx.db, { ...rfd, citizenId: a, pointId: p1.id, date: "2026-09-21" });

    // a no-show at P1 in October (booked while it was still to come), and an attended booking
    const earlier = testCore(ctx.db, { now: "2026-10-01T07:00:00Z" });
    const { booking } = await bookSlot(earlier, {
      citizenId: c,
      pointId: p1.id,
      service: "facilitazione",
      mode: "in_presenza",
      startsAt: new Date("2026-10-14T08:00:00Z"),
    });
    await ctx.db.booking.update({ where: { id: booking.id }, data: { status: "no_show" } });

    await core.repos.monitoring.setTarget(p1.id, {
      target: 10,
      start: "2026-09-01",
      milestones: [
        { by: "2026-10-31", citizens: 4 },
        { by: "2026-12-31", citizens: 10 },
      ],
    });
  });

  const report = (month: string, pointId?: string) =>
    monthlyReport(testCore(ctx.db), ctx.config().monitoring, { month, ...(pointId ? { pointId } : {}) });

  const programme = (uniqueCitizens: number, services: number, facilitationMinutes: number, ratings: number[]) => ({
    uniqueCitizens,
    services,
    facilitationMinutes,
    ratings: ratings.length,
    averageRating: ratings.length === 0 ? null : ratings.reduce((s, r) => s + r, 0) / ratings.length,
  });
  const none = programme(0, 0, 0, []);

  it("counts each person once per point, organisation and overall, SCD apart, one service per citizen", async () => {
    const october = await report("2026-10");
    expect(october.empty).toBe(false);
    const { figures } = october;
    // P1 RFD: A (twice), B (two records, one document; one walk-in each + one course session
    // attended by both records = one service), C (no profile, twice): 3 people, 7 services,
    // 6 × 45 minutes + the session's 120 once; ratings 5 and 3
    const p1: ScopeFigures = {
      rfd: programme(3, 7, 6 * 45 + 120, [5, 3]),
      scd: programme(1, 1, 30, [1]),
      courseSessions: 1,
      courseMinutes: 120,
      noShows: 1,
    };
    // P2: A twice (two records of one codice fiscale)
    const p2: ScopeFigures = {
      rfd: programme(1, 2, 90, [4]),
      scd: none,
      courseSessions: 0,
      courseMinutes: 0,
      noShows: 0,
    };
    // P3: E in RFD (60 minutes of facilitation, 90 of training) and in SCD (20)
    const p3: ScopeFigures = {
      rfd: programme(1, 2, 60, []),
      scd: programme(1, 1, 20, []),
      courseSessions: 0,
      courseMinutes: 0,
      noShows: 0,
    };
    expect(figures.points.get(world.p1)).toEqual({ ...p1, organisationId: world.o1 });
    expect(figures.points.get(world.p2)).toEqual({ ...p2, organisationId: world.o1 });
    expect(figures.points.get(world.p3)).toEqual({ ...p3, organisationId: world.o2 });
    expect(figures.points.size).toBe(3);
    // O1: A, B, C once each (A served at both points)
    expect(figures.organisations.get(world.o1)).toEqual({
      rfd: programme(3, 9, 6 * 45 + 120 + 90, [5, 3, 4]),
      scd: programme(1, 1, 30, [1]),
      courseSessions: 1,
      courseMinutes: 120,
      noShows: 1,
    });
    expect(figures.organisations.get(world.o2)).toEqual(p3);
    // overall: A, B, C, E in RFD; D and E in SCD
    expect(figures.overall).toEqual({
      rfd: programme(4, 11, 6 * 45 + 120 + 90 + 60, [5, 3, 4]),
      scd: programme(2, 2, 50, [1]),
      courseSessions: 1,
      courseMinutes: 120,
      noShows: 1,
    });
    // B's second record in the same course session
    expect(figures.duplicatesIgnored).toBe(1);
  });

  it("counts the project so far across months and checks the milestones (a point without target says so)", async () => {
    const october = await report("2026-10");
    // so far: G and A's September visit at P1 too
    expect(october.soFar.points.get(world.p1)?.rfd).toEqual(programme(4, 9, 8 * 45 + 120, [5, 3]));
    expect(october.soFar.overall.rfd.uniqueCitizens).toBe(5);
    const byPoint = new Map(october.progress.map((row) => [row.pointId, row.progress]));
    expect(byPoint.get(world.p1)).toMatchObject({
      status: "on_track",
      reached: 4,
      target: 10,
      expected: 4,
      asOf: "2026-10-31",
      // on its own date a milestone is still the next one
      next: { by: "2026-10-31", citizens: 4 },
    });
    expect(byPoint.get(world.p3)).toMatchObject({ status: "no_target", reached: 1 });
    expect(byPoint.get(world.p3)?.message).toMatch(/obiettivo/i);
  });

  it("says a month with no records is empty, with zero figures", async () => {
    const august = await report("2026-08");
    expect(august.empty).toBe(true);
    expect(august.figures.points.size).toBe(0);
    expect(august.figures.overall).toEqual({
      rfd: none,
      scd: none,
      courseSessions: 0,
      courseMinutes: 0,
      noShows: 0,
    });
  });

  it("reports one point alone with the same figures", async () => {
    const only = await report("2026-10", world.p2);
    expect([...only.figures.points.keys()]).toEqual([world.p2]);
    expect(only.figures.overall.rfd).toEqual(programme(1, 2, 90, [4]));
    expect(only.progress.map((row) => row.pointId)).toEqual([world.p2]);
  });
});
