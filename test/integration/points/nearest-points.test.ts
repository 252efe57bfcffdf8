import { describe, expect, it } from "vitest";
import { findComuniByCap, searchComuni } from "../../../core/geo/comune-index.js";
import { createNearestPointsFinder } from "../../../core/points/nearest-points.js";
import { createTestPoint, testCore } from "../../support/fixtures.js";
import { useIntegration } from "../../support/integration.js";

describe("nearest points from the database", () => {
  const ctx = useIntegration();

  it("finds points from coordinates, a comune name with a typo, or a CAP, and reloads when stale", async () => {
    const core = testCore(ctx.db);
    const torino = await createTestPoint(ctx.db); // Via Garibaldi, Torino
    const finder = createNearestPointsFinder({ points: core.repos.points, clock: core.clock, timeZone: core.timeZone });

    const fromCoordinates = await finder.nearest({ lat: 45.07, lon: 7.68 });
    expect(fromCoordinates.map((n) => n.point.id)).toEqual([torino.id]);
    expect(fromCoordinates[0]?.distanceKm).toBeLessThan(1);
    expect(fromCoordinates[0]?.status.open).toBe(false); // Tuesday 08:00, opens at 09:00
    expect(fromCoordinates[0]?.status.next?.start).toEqual(new Date("2026-12-01T08:00:00Z"));

    const [moncalieri] = searchComuni("Moncalierri");
    expect(moncalieri?.comune.name).toBe("Moncalieri");
    const fromName = await finder.nearest({ lat: moncalieri?.comune.lat ?? 0, lon: moncalieri?.comune.lon ?? 0 });
    expect(fromName[0]?.distanceKm).toBeGreaterThan(5);
    expect(fromName[0]?.distanceKm).toBeLessThan(12);

    const [byCap] = findComuniByCap("10121");
    expect(byCap?.name).toBe("Torino");

    // a point added later appears once the cached directory is older than a minute: the stale
    // directory answers once more while the new one loads
    const second = await createTestPoint(ctx.db);
    expect((await finder.nearest({ lat: 45.07, lon: 7.68 }, { k: 5 })).map((n) => n.point.id)).toEqual([torino.id]);
    core.clock.advance(61_000);
    expect((await finder.nearest({ lat: 45.07, lon: 7.68 }, { k: 5 })).map((n) => n.point.id)).toEqual([torino.id]);
    await finder.settled();
    expect((await finder.nearest({ lat: 45.07, lon: 7.68 }, { k: 5 })).map((n) => n.point.id).sort()).toEqual(
      [torino.id, second.id].sort(),
    );
    expect((await finder.point(second.id))?.name).toBe("Biblioteca di prova");
  });
});

describe("the point directory's itinerant visits", () => {
  const ctx = useIntegration();

  it("cover the whole booking horizon it is told about", async () => {
    const core = testCore(ctx.db);
    const bus = await createTestPoint(ctx.db, { kind: "itinerant", windows: [] });
    const site = bus.sites[0];
    if (!site) throw new Error("no site");
    const visit = (date: string) => ({
      pointId: bus.id,
      siteId: site.id,
      date: new Date(`${date}T00:00:00Z`),
      opensMin: 540,
      closesMin: 720,
    });
    await ctx.db.itinerantVisit.createMany({ data: [visit("2026-12-10"), visit("2027-02-20")] }); // +9 and +81 days
    const dates = async (visitDays?: number) => {
      const finder = createNearestPointsFinder({
        points: core.repos.points,
        clock: core.clock,
        timeZone: core.timeZone,
        ...(visitDays ? { visitDays } : {}),
      });
      return (await finder.point(bus.id))?.schedule.visits.map((v) => v.date);
    };
    expect(await dates()).toEqual(["2026-12-10"]);
    expect(await dates(92)).toEqual(["2026-12-10", "2027-02-20"]);
  });
});
