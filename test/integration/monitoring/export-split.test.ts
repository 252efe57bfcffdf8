import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { FACILITA_COLUMNS } from "../../../core/monitoring/export/columns.js";
import { directorySink } from "../../../core/monitoring/export/directory-sink.js";
import { exportForFacilita } from "../../../core/monitoring/export-service.js";
import { insertSyntheticServices } from "../../../scripts/bench/monitoring-bulk.js";
import { testCore } from "../../support/fixtures.js";
import { useIntegration } from "../../support/integration.js";
import { filesIn, monitoringFacilitator, monitoringPoint, readCsv } from "./monitoring-fixtures.js";

/**
 * 9,001 records (plus 3 of a volunteer) read from PostgreSQL through the export service into a
 * real folder: the faster path than the CLI (which the other export tests run), same code below
 * the argument parsing.
 */
describe("an export of more than 9,000 rows", () => {
  const ctx = useIntegration();
  // each npm run is a child process of several seconds on a shared, loaded machine
  vi.setConfig({ testTimeout: 240_000 });

  it("splits into files of at most 9,000 rows, marks every row of every file, and nothing twice", async () => {
    const core = testCore(ctx.db);
    const settings = ctx.config().monitoring;
    const point = await monitoringPoint(ctx.db, { name: "Punto Grande" });
    const anna = await monitoringFacilitator(ctx.db);
    const written = await insertSyntheticServices(ctx.db, settings.protection, {
      count: 9_004,
      points: [{ id: point.id, siteId: point.sites[0]?.id ?? null }],
      facilitatorId: anna.id,
      from: "2026-06-01",
      days: 30,
      scdEvery: 3_000,
    });
    expect(written).toBe(9_004);

    const dir = mkdtempSync(join(tmpdir(), "sportello-split-test-"));
    const result = await exportForFacilita(core, settings, {
      from: "2026-06-01",
      to: "2026-06-30",
      sink: directorySink(dir),
    });
    expect(filesIn(dir)).toEqual(["facilita-RFD-001.csv", "facilita-RFD-002.csv", "facilita-SCD-001.csv"]);
    expect(result.files).toEqual([
      { name: "facilita-RFD-001.csv", programme: "RFD", rows: 9_000 },
      { name: "facilita-RFD-002.csv", programme: "RFD", rows: 1 },
      { name: "facilita-SCD-001.csv", programme: "SCD", rows: 3 },
    ]);
    expect(result).toMatchObject({ read: 9_004, exported: 9_004, refused: 0, marked: 9_004, refusalFile: null });

    const first = readCsv(join(dir, "facilita-RFD-001.csv"));
    const second = readCsv(join(dir, "facilita-RFD-002.csv"));
    expect(first).toHaveLength(9_001);
    expect(second).toHaveLength(2);
    expect(first[0]).toEqual([...FACILITA_COLUMNS]);
    expect(second[0]).toEqual([...FACILITA_COLUMNS]);
    const an3 = FACILITA_COLUMNS.indexOf("AN3");
    const se1 = FACILITA_COLUMNS.indexOf("SE1");
    const codes = new Set([...first.slice(1), ...second.slice(1)].map((row) => row[an3]));
    expect(codes.size).toBe(9_001);
    // ordered by service date across the files
    const dates = [...first.slice(1), ...second.slice(1)].map((row) => row[se1] ?? "");
    expect(dates).toEqual([...dates].sort());
    expect(dates[0]).toBe("2026-06-01");
    expect(dates.at(-1)).toBe("2026-06-30");
    expect(readFileSync(join(dir, "facilita-RFD-002.csv"), "utf8").split("\r\n")).toHaveLength(3);

    expect(await ctx.db.serviceRecord.count({ where: { exportedAt: null } })).toBe(0);
    expect(await ctx.db.serviceRecord.count({ where: { exportBatchId: result.batchId } })).toBe(9_004);

    const again = mkdtempSync(join(tmpdir(), "sportello-split-test-"));
    const nothing = await exportForFacilita(core, settings, {
      from: "2026-06-01",
      to: "2026-06-30",
      sink: directorySink(again),
    });
    expect(nothing).toMatchObject({ read: 0, exported: 0, marked: 0, files: [] });
    expect(filesIn(again)).toEqual([]);
  });
});
