import { describe, expect, it } from "vitest";
import { silentLog } from "../../../core/log.js";
import { monthlyReport } from "../../../core/monitoring/report-service.js";
import { testCore } from "../../../test/support/fixtures.js";
import { useIntegration } from "../../../test/support/integration.js";
import { seedDemoDataIfEmpty } from "../demo-seed.js";
import { DEMO_CITIZENS, demoMonths, seedDemoMonitoring } from "./demo-monitoring.js";

describe("demo monitoring data", () => {
  const ctx = useIntegration();

  it("gives the demo months real figures, and seeding again adds nothing", async () => {
    const now = new Date("2026-12-01T07:00:00Z");
    expect(demoMonths("2026-12-01")).toEqual(["2026-08", "2026-09", "2026-10", "2026-11"]);
    expect(demoMonths("2027-02-10")).toEqual(["2026-10", "2026-11", "2026-12", "2027-01"]);
    expect(await seedDemoDataIfEmpty(ctx.db, silentLog, now)).toBe(true);
    const core = testCore(ctx.db);
    const settings = ctx.config().monitoring;
    const first = await seedDemoMonitoring(ctx.db, core, settings.protection, now);
    expect(first.months).toEqual(["2026-08", "2026-09", "2026-10", "2026-11"]);
    expect(first.records).toBe(4 * 18 + 4 * 3);
    const counts = async () => ({
      records: await ctx.db.serviceRecord.count(),
      profiles: await ctx.db.monitoringProfile.count({ where: { isDemo: true } }),
      citizens: await ctx.db.citizen.count(),
      targets: await ctx.db.pointTarget.count(),
      milestones: await ctx.db.pointMilestone.count(),
      sessions: await ctx.db.courseSession.count(),
    });
    const after = await counts();
    expect(after).toMatchObject({
      records: 84,
      profiles: DEMO_CITIZENS - 1,
      citizens: DEMO_CITIZENS,
      targets: 3,
      milestones: 9,
    });
    const again = await seedDemoMonitoring(ctx.db, core, settings.protection, new Date("2026-12-20T07:00:00Z"));
    expect(again.records).toBe(0);
    expect(await counts()).toEqual(after);

    const report = await monthlyReport(core, settings, { month: "2026-11" });
    expect(report.empty).toBe(false);
    expect(report.figures.overall.rfd.uniqueCitizens).toBeGreaterThan(5);
    expect(report.figures.overall.rfd.services).toBeGreaterThan(10);
    expect(report.figures.overall.scd.services).toBeGreaterThan(0);
    expect(report.figures.overall.courseSessions).toBe(1);
    expect(report.progress.some((row) => row.progress.status !== "no_target")).toBe(true);
    const points = await ctx.db.point.findMany({ where: { isDemo: true, monitoringId: { not: null } } });
    expect(points).toHaveLength(5);
  });
});
