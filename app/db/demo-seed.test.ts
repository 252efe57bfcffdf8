import { describe, expect, it } from "vitest";
import { comuneByIstat } from "../../core/geo/comune-index.js";
import { silentLog } from "../../core/log.js";
import { validateSchedule } from "../../core/points/schedule-schema.js";
import { addDays, isoWeekdayOfDate } from "../../core/time/local-date.js";
import { useIntegration } from "../../test/support/integration.js";
import { DEMO_BUS_ID, DEMO_ORGANISATION_ID } from "./demo/demo-network.js";
import { refreshDemoSchedule, seedDemoDataIfEmpty } from "./demo-seed.js";
import type { Db } from "./prisma-client.js";
import { toLocalDate } from "./repositories/mapping.js";
import { prismaPointRepository } from "./repositories/point-repository.js";

// Monday 1 June 2026, 10:00 in Rome. Tuesday 2 June is Festa della Repubblica; Wednesday 24 June is
// San Giovanni in Torino.
const NOW = new Date("2026-06-01T08:00:00Z");

async function clear(db: Db) {
  await db.facilitator.deleteMany();
  await db.point.deleteMany();
  await db.organisation.deleteMany();
}

async function snapshot(db: Db) {
  return {
    organisations: await db.organisation.findMany({ orderBy: { id: "asc" } }),
    points: await db.point.findMany({ orderBy: { id: "asc" } }),
    sites: await db.site.findMany({ orderBy: { id: "asc" } }),
    services: await db.pointService.findMany({ orderBy: { id: "asc" } }),
    windows: await db.openingWindow.findMany({ orderBy: { id: "asc" } }),
    holidays: await db.localHoliday.findMany({ orderBy: { id: "asc" } }),
    closures: await db.closure.findMany({ orderBy: { id: "asc" } }),
    visits: await db.itinerantVisit.findMany({ orderBy: { id: "asc" } }),
    courses: await db.courseSession.findMany({ orderBy: { id: "asc" } }),
    facilitators: await db.facilitator.findMany({ orderBy: { id: "asc" } }),
    links: await db.facilitatorPoint.findMany({ orderBy: [{ facilitatorId: "asc" }, { pointId: "asc" }] }),
  };
}

/** The bus's visit dates, as "YYYY-MM-DD". */
async function visitDates(db: Db): Promise<string[]> {
  const visits = await db.itinerantVisit.findMany({ where: { pointId: DEMO_BUS_ID }, orderBy: { date: "asc" } });
  return visits.map((v) => toLocalDate(v.date));
}

describe("the demo network", () => {
  const ctx = useIntegration();

  it("is seeded once into an empty database, all of it marked as demo", async () => {
    await clear(ctx.db);
    expect(await seedDemoDataIfEmpty(ctx.db, silentLog, NOW)).toBe(true);
    const seeded = await snapshot(ctx.db);
    expect(await seedDemoDataIfEmpty(ctx.db, silentLog, NOW)).toBe(false);
    expect(await seedDemoDataIfEmpty(ctx.db, silentLog, new Date("2026-09-01T08:00:00Z"))).toBe(false);
    expect(await snapshot(ctx.db)).toEqual(seeded);

    expect(seeded.organisations.map((o) => [o.id, o.name, o.isDemo])).toEqual([
      [DEMO_ORGANISATION_ID, "Rete di prova Torino (DATI DEMO)", true],
    ]);
    const points = await ctx.db.point.findMany({
      orderBy: { code: "asc" },
      include: { sites: true, openingWindows: true },
    });
    expect(points.map((p) => [p.code, p.kind, p.isDemo, p.organisationId])).toEqual([
      ["DEMO-MON-APS-01", "fixed", true, DEMO_ORGANISATION_ID],
      ["DEMO-TO-ANZ-01", "fixed", true, DEMO_ORGANISATION_ID],
      ["DEMO-TO-BIB-01", "fixed", true, DEMO_ORGANISATION_ID],
      ["DEMO-TO-BIB-02", "fixed", true, DEMO_ORGANISATION_ID],
      ["DEMO-TO-BIB-03", "fixed", true, DEMO_ORGANISATION_ID],
      ["DEMO-TO-BUS-01", "itinerant", true, DEMO_ORGANISATION_ID],
    ]);
    // Fixed ids: every point and site id is of the demo pattern.
    expect(
      [...points.map((p) => p.id), ...seeded.sites.map((s) => s.id)].every((id) =>
        id.startsWith("00000000-0000-4000-8000-"),
      ),
    ).toBe(true);
    for (const point of points) {
      expect(point.workstations).toBeGreaterThanOrEqual(2);
      expect(point.workstations).toBeLessThanOrEqual(4);
    }
    // Two shifts somewhere, Saturday morning somewhere.
    expect(points.some((p) => p.openingWindows.some((w) => w.shift === 2))).toBe(true);
    const calvino = points.find((p) => p.code === "DEMO-TO-BIB-01");
    expect(calvino?.openingWindows.find((w) => w.weekday === 6)).toMatchObject({
      shift: 1,
      opensMin: 570,
      closesMin: 780,
    });
    const moncalieri = points.find((p) => p.code === "DEMO-MON-APS-01");
    expect(moncalieri?.sites.map((s) => [s.comune, s.isMain]).sort()).toEqual([
      ["Moncalieri", false],
      ["Moncalieri", true],
    ]);
    const bus = points.find((p) => p.code === "DEMO-TO-BUS-01");
    expect(
      bus?.sites
        .filter((s) => !s.isMain)
        .map((s) => s.comune)
        .sort(),
    ).toEqual(["Collegno", "Grugliasco", "Torino"]);

    // Places agree with the national dataset of comuni.
    for (const site of seeded.sites) {
      const comune = comuneByIstat(site.comuneIstat);
      expect(comune?.name).toBe(site.comune);
      expect(comune?.province).toBe(site.province);
      expect(comune?.caps).toContain(site.cap);
    }

    // San Giovanni for the points in Torino only; one closure, in the coming August.
    const torino = points.filter((p) => p.sites.some((s) => s.isMain && s.comuneIstat === "001272"));
    expect(torino).toHaveLength(5);
    expect(seeded.holidays.map((h) => [h.pointId, h.month, h.day]).sort()).toEqual(
      torino.map((p) => [p.id, 6, 24]).sort(),
    );
    expect(seeded.closures.map((c) => [toLocalDate(c.startsOn), toLocalDate(c.endsOn), c.reason])).toEqual([
      ["2026-08-10", "2026-08-21", "Chiusura estiva"],
    ]);

    // Facilitators: each linked to demo points only, with the three roles.
    expect(seeded.facilitators).toHaveLength(3);
    expect(seeded.facilitators.every((f) => f.displayName.includes("(demo"))).toBe(true);
    expect(new Set(seeded.links.map((l) => l.role))).toEqual(new Set(["facilitator", "team_lead", "scd_volunteer"]));
    const demoIds = new Set(points.map((p) => p.id));
    expect(seeded.links.every((l) => demoIds.has(l.pointId))).toBe(true);

    // A group micro-course on the first Wednesday at least two days ahead.
    expect(
      seeded.courses.map((c) => [c.title, c.digcompArea, c.seats, c.startsAt.toISOString(), c.endsAt.toISOString()]),
    ).toEqual([["Primi passi con SPID e CIE", "B", 8, "2026-06-03T13:00:00.000Z", "2026-06-03T15:00:00.000Z"]]);
    expect(seeded.courses[0]?.pointId).toBe(calvino?.id);
  });

  it("does nothing when the database already holds an organisation", async () => {
    await clear(ctx.db);
    await ctx.db.organisation.create({ data: { name: "Comune di Torino" } });
    expect(await seedDemoDataIfEmpty(ctx.db, silentLog, NOW)).toBe(false);
    expect(await ctx.db.point.count()).toBe(0);
    expect(await ctx.db.facilitator.count()).toBe(0);
  });

  it("seeds once when two processes start together on an empty database", async () => {
    await clear(ctx.db);
    const results = await Promise.all([
      seedDemoDataIfEmpty(ctx.db, silentLog, NOW),
      seedDemoDataIfEmpty(ctx.db, silentLog, NOW),
    ]);
    expect(results.sort()).toEqual([false, true]);
    expect(await ctx.db.point.count()).toBe(6);
  });

  it("gives every point a schedule that validateSchedule accepts, as the repository loads it", async () => {
    await clear(ctx.db);
    await seedDemoDataIfEmpty(ctx.db, silentLog, NOW);
    const repository = prismaPointRepository(ctx.db);
    const ids = await ctx.db.point.findMany({ select: { id: true } });
    expect(ids).toHaveLength(6);
    for (const { id } of ids) {
      const point = await repository.findById(id);
      expect(point?.isDemo).toBe(true);
      expect(validateSchedule(point?.schedule)).toEqual(point?.schedule);
      expect(point?.services.map((s) => s.kind)).toContain("facilitazione");
    }
    const bus = await repository.findById(DEMO_BUS_ID);
    expect(bus?.schedule.visits.length).toBeGreaterThan(0);
    expect(bus?.sites.map((s) => s.id)).toEqual(
      expect.arrayContaining(bus?.schedule.visits.map((v) => v.siteId) ?? []),
    );
    expect(bus?.services.find((s) => s.kind === "facilitazione")?.modes).toEqual(["in_presenza"]);
    const calvino = await repository.findById("00000000-0000-4000-8000-00000000d101");
    expect(calvino?.services.find((s) => s.kind === "facilitazione")?.modes).toEqual([
      "in_presenza",
      "telefono",
      "videochiamata",
    ]);
  });

  it("keeps the bus's visits published 8 weeks ahead, skipping holidays, and a course in the future", async () => {
    await clear(ctx.db);
    await seedDemoDataIfEmpty(ctx.db, silentLog, NOW);
    const expectedDates = (from: string) =>
      Array.from({ length: 56 }, (_, i) => addDays(from, i)).filter(
        (d) => [2, 3, 5].includes(isoWeekdayOfDate(d)) && !["2026-06-02", "2026-06-24"].includes(d),
      );
    const seededDates = await visitDates(ctx.db);
    expect(seededDates).toEqual(expectedDates("2026-06-01"));
    expect(seededDates).toHaveLength(22);
    expect(seededDates).not.toContain("2026-06-02");
    expect(seededDates).not.toContain("2026-06-24");
    expect(seededDates.at(-1)).toBe("2026-07-24");

    // Same moment: nothing to add.
    const before = await snapshot(ctx.db);
    expect(await refreshDemoSchedule(ctx.db, NOW)).toEqual({ visitsAdded: 0, courseCreated: false });
    expect(await snapshot(ctx.db)).toEqual(before);

    // Three weeks later, a Wednesday: the horizon moves on (to Tuesday 18 August, a bus day), the
    // course of 3 June is past and a new one is planned.
    const later = new Date("2026-06-24T08:00:00Z");
    const refreshed = await refreshDemoSchedule(ctx.db, later);
    expect(refreshed.courseCreated).toBe(true);
    const dates = await visitDates(ctx.db);
    expect(dates.filter((d) => d >= "2026-06-24")).toEqual(expectedDates("2026-06-24"));
    expect(refreshed.visitsAdded).toBe(dates.length - seededDates.length);
    expect(dates.at(-1)).toBe("2026-08-18");
    const future = await ctx.db.courseSession.findMany({ where: { startsAt: { gt: later } } });
    expect(future.map((c) => c.startsAt.toISOString())).toEqual(["2026-07-01T13:00:00.000Z"]);
    expect(await refreshDemoSchedule(ctx.db, later)).toEqual({ visitsAdded: 0, courseCreated: false });
    expect(await ctx.db.courseSession.count()).toBe(2);
  });

  it("touches nothing when the demo network is not there", async () => {
    await clear(ctx.db);
    const organisation = await ctx.db.organisation.create({ data: { name: "Comune di Torino" } });
    await ctx.db.point.create({
      data: {
        id: DEMO_BUS_ID,
        organisationId: organisation.id,
        code: "TO-BUS-REALE",
        name: "Bus reale",
        kind: "itinerant",
        workstations: 2,
        bookableWorkstations: 2,
      },
    });
    expect(await refreshDemoSchedule(ctx.db, NOW)).toEqual({ visitsAdded: 0, courseCreated: false });
    expect(await ctx.db.itinerantVisit.count()).toBe(0);
    expect(await ctx.db.courseSession.count()).toBe(0);
  });
});
