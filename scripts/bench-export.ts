/**
 * Benchmark of the national platform's export (core/monitoring/export): streams 100,000 synthetic
 * service records (valid codici fiscali, a few refusals mixed in) through the export writer into a
 * temporary folder, and prints time and peak memory (RSS and heap) at 10,000 and at 100,000 rows.
 * The export streams, so peak memory at 100,000 rows should be close to the one at 10,000.
 * Prints figures only; asserts nothing. `npm run bench:export` (runs node with --expose-gc, so the
 * live heap after a full collection can be read at each checkpoint).
 *
 * Part 1: the pure writer, rows generated in memory one at a time. Part 2: 100,000 service records
 * inserted into a scratch PostgreSQL database (created for the run, dropped after: never anyone's
 * data; BENCH_DATABASE_URL is the admin connection, default postgresql://postgres@127.0.0.1:5432/postgres),
 * exported through the real export service (repository batches, decryption row by row, files on
 * disk, records marked), with time and peak memory at 10,000 and 100,000 rows; then the monthly
 * report (`monthlyReport`, the month and the project so far) for the first month (≈10,000 records
 * so far) and the last (100,000 so far). `--skip-db` runs part 1 only.
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseConfig } from "../app/config.js";
import { createCoreDeps } from "../app/core-deps.js";
import { migrateDeploy } from "../app/db/migrate.js";
import { createPrisma } from "../app/db/prisma-client.js";
import { DEFAULT_BOOKING_POLICY } from "../core/booking/policy.js";
import { fixedClock } from "../core/clock.js";
import { directorySink } from "../core/monitoring/export/directory-sink.js";
import { writeFacilitaExport } from "../core/monitoring/export/export-writer.js";
import { sampleRows } from "../core/monitoring/export/sample-rows.js";
import { exportForFacilita } from "../core/monitoring/export-service.js";
import type { SealedExportRow } from "../core/monitoring/ports.js";
import { monthlyReport } from "../core/monitoring/report-service.js";
import { createDatabase, databaseUrlOn, dropDatabaseOn } from "../test/support/admin-db.js";
import { createTestPoint } from "../test/support/fixtures.js";
import { insertSyntheticServices } from "./bench/monitoring-bulk.js";

const out = (line = "") => process.stdout.write(`${line}\n`);
const gc = (globalThis as { gc?: () => void }).gc;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

interface Checkpoint {
  rows: number;
  ms: number;
  peakRss: number;
  peakHeap: number;
  /** Heap still in use after a full collection at the checkpoint (what the export holds on to). */
  liveHeap: number;
}

const CHECKPOINTS = [10_000, 100_000];
const TOTAL = CHECKPOINTS[CHECKPOINTS.length - 1] ?? 100_000;

/** Passes rows through, sampling memory every 500 rows and noting each checkpoint. */
async function* measured<T>(rows: AsyncIterable<T>, started: bigint, checkpoints: Checkpoint[]): AsyncGenerator<T> {
  let count = 0;
  let peakRss = 0;
  let peakHeap = 0;
  for await (const row of rows) {
    yield row;
    count += 1;
    if (count % 500 === 0) {
      const memory = process.memoryUsage();
      peakRss = Math.max(peakRss, memory.rss);
      peakHeap = Math.max(peakHeap, memory.heapUsed);
    }
    if (CHECKPOINTS.includes(count)) {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      gc?.();
      checkpoints.push({ rows: count, ms, peakRss, peakHeap, liveHeap: process.memoryUsage().heapUsed });
    }
  }
}

async function writerOnly() {
  const dir = mkdtempSync(join(tmpdir(), "sportello-bench-export-"));
  try {
    gc?.();
    const baseline = process.memoryUsage();
    out(`Export benchmark: ${TOTAL.toLocaleString("en")} service records → ${dir}`);
    out(
      `node ${process.version}; baseline RSS ${mb(baseline.rss)}, heap ${mb(baseline.heapUsed)}${gc ? " (after gc)" : ""}`,
    );
    out("Shared, loaded machine: read the figures as orders of magnitude.");
    out();

    const checkpoints: Checkpoint[] = [];
    const started = process.hrtime.bigint();
    // One row in 50 is refused (no platform id for the point), so the refusal report streams too.
    async function* withRefusals() {
      let i = 0;
      for await (const row of sampleRows(TOTAL, { firstDate: "2024-01-01", perDay: 200 })) {
        i += 1;
        yield i % 50 === 0 ? { ...row, point: { ...row.point, platformId: null } } : row;
      }
    }
    const summary = await writeFacilitaExport(measured(withRefusals(), started, checkpoints), directorySink(dir), {
      project: { start: "2023-01-01", end: "2026-06-30" },
    });
    const totalMs = Number(process.hrtime.bigint() - started) / 1e6;

    printCheckpoints(checkpoints);
    const files = readdirSync(dir).sort();
    const bytes = files.reduce((sum, name) => sum + statSync(join(dir, name)).size, 0);
    out();
    out(
      `total ${(totalMs / 1000).toFixed(2)} s; exported ${summary.exported.toLocaleString("en")}, refused ${summary.refused.toLocaleString("en")}; ${files.length} files, ${mb(bytes)}`,
    );
    out(`files: ${files[0]} … ${files[files.length - 1]}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function printCheckpoints(checkpoints: readonly Checkpoint[]): void {
  out("rows       elapsed   rows/s     peak RSS    peak heap   live heap");
  for (const point of checkpoints) {
    out(
      `${point.rows.toLocaleString("en").padStart(7)}  ${`${(point.ms / 1000).toFixed(2)} s`.padStart(9)}  ${Math.round(
        (point.rows / point.ms) * 1000,
      )
        .toLocaleString("en")
        .padStart(
          7,
        )}  ${mb(point.peakRss).padStart(10)}  ${mb(point.peakHeap).padStart(10)}  ${mb(point.liveHeap).padStart(10)}`,
    );
  }
  const [first, last] = [checkpoints[0], checkpoints[checkpoints.length - 1]];
  if (first && last) {
    out();
    out(
      `rows ×${(last.rows / first.rows).toFixed(0)}: peak RSS ×${(last.peakRss / first.peakRss).toFixed(2)}, peak heap ×${(
        last.peakHeap / first.peakHeap
      ).toFixed(2)}, live heap ×${(last.liveHeap / first.liveHeap).toFixed(2)} (flat memory means ≈ ×1)`,
    );
  }
}

/** Samples RSS and heap every 10 ms while `work` runs. */
async function peakOf<T>(work: () => Promise<T>): Promise<{ value: T; ms: number; peakRss: number; peakHeap: number }> {
  gc?.();
  let peakRss = 0;
  let peakHeap = 0;
  const sample = () => {
    const memory = process.memoryUsage();
    peakRss = Math.max(peakRss, memory.rss);
    peakHeap = Math.max(peakHeap, memory.heapUsed);
  };
  sample();
  const timer = setInterval(sample, 10);
  const started = process.hrtime.bigint();
  try {
    const value = await work();
    sample();
    return { value, ms: Number(process.hrtime.bigint() - started) / 1e6, peakRss, peakHeap };
  } finally {
    clearInterval(timer);
  }
}

const BENCH_MONTHS = [
  "2026-01",
  "2026-02",
  "2026-03",
  "2026-04",
  "2026-05",
  "2026-06",
  "2026-07",
  "2026-08",
  "2026-09",
  "2026-10",
];

async function fromPostgres() {
  const adminUrl = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
  const name = `sportello_bench_export_${new Date().toISOString().replace(/\D/g, "").slice(0, 14)}_${process.pid}`;
  const url = databaseUrlOn(adminUrl, name);
  const dir = mkdtempSync(join(tmpdir(), "sportello-bench-export-db-"));
  await createDatabase(adminUrl, name);
  const db = createPrisma(url, { poolMax: 4 });
  try {
    await migrateDeploy(url);
    const config = parseConfig({ NODE_ENV: "development", LOG_LEVEL: "silent", DATABASE_URL: url, DEMO_SEED: "false" });
    const settings = config.monitoring;
    const points = [];
    for (let i = 0; i < 5; i++) {
      const point = await createTestPoint(db, { name: `Punto bench ${i + 1}` });
      await db.point.update({ where: { id: point.id }, data: { monitoringId: BigInt(9000 + i) } });
      points.push({ id: point.id, siteId: point.sites[0]?.id ?? null });
    }
    const facilitator = await db.facilitator.create({
      data: { displayName: "Facilitatore bench", monitoringId: 8000n },
    });
    const inserting = process.hrtime.bigint();
    // 10,000 records a month, January to October 2026 (304 days), 1 in 20 by an SCD volunteer
    await insertSyntheticServices(db, settings.protection, {
      count: TOTAL,
      points,
      facilitatorId: facilitator.id,
      from: "2026-01-01",
      days: 304,
      scdEvery: 20,
    });
    out(
      `PostgreSQL (scratch database ${name}): ${TOTAL.toLocaleString("en")} service records with profiles inserted in ${(
        Number(process.hrtime.bigint() - inserting) / 1e9
      ).toFixed(1)} s`,
    );
    const core = createCoreDeps(db, {
      clock: fixedClock("2026-11-15T10:00:00Z"),
      timeZone: "Europe/Rome",
      policy: DEFAULT_BOOKING_POLICY,
    });

    // the export: rows measured as the repository yields them, inside the real service
    const checkpoints: Checkpoint[] = [];
    gc?.();
    const started = process.hrtime.bigint();
    const repository = core.repos.monitoring;
    const measuredRepos = {
      ...core.repos,
      monitoring: {
        ...repository,
        exportRows: (query: Parameters<typeof repository.exportRows>[0]) =>
          measured<SealedExportRow>(repository.exportRows(query), started, checkpoints),
      },
    };
    const result = await exportForFacilita({ ...core, repos: measuredRepos }, settings, {
      from: "2026-01-01",
      to: "2026-12-31",
      sink: directorySink(dir),
    });
    const totalMs = Number(process.hrtime.bigint() - started) / 1e6;
    out();
    out("Export through exportForFacilita (read in batches of 2,000, decrypted row by row, marked per file)");
    printCheckpoints(checkpoints);
    out(
      `total ${(totalMs / 1000).toFixed(2)} s; exported ${result.exported.toLocaleString("en")}, marked ${result.marked.toLocaleString("en")}, refused ${result.refused.toLocaleString("en")}; ${result.files.length} files`,
    );

    out();
    out("Monthly report (monthlyReport: the month, the project so far, milestones per point)");
    out("month     records so far   elapsed    peak RSS    peak heap");
    for (const month of [BENCH_MONTHS[0], BENCH_MONTHS[BENCH_MONTHS.length - 1]]) {
      const run = await peakOf(() => monthlyReport(core, settings, { month: month ?? "2026-01" }));
      out(
        `${month}   ${run.value.soFar.overall.rfd.services + run.value.soFar.overall.scd.services}`.padEnd(26) +
          `${`${(run.ms / 1000).toFixed(2)} s`.padStart(9)}  ${mb(run.peakRss).padStart(10)}  ${mb(run.peakHeap).padStart(10)}`,
      );
    }
  } finally {
    await db.$disconnect();
    await dropDatabaseOn(adminUrl, name);
    rmSync(dir, { recursive: true, force: true });
  }
}

await writerOnly();
if (!process.argv.includes("--skip-db")) {
  out();
  await fromPostgres();
}
