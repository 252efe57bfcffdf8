/**
 * Benchmark of the national platform's export (core/monitoring/export): streams 100,000 synthetic
 * service records (valid codici fiscali, a few refusals mixed in) through the export writer into a
 * temporary folder, and prints time and peak memory (RSS and heap) at 10,000 and at 100,000 rows.
 * The export streams, so peak memory at 100,000 rows should be close to the one at 10,000.
 * Prints figures only; asserts nothing. `npm run bench:export` (runs node with --expose-gc, so the
 * live heap after a full collection can be read at each checkpoint).
 *
 * Part A (this script): the pure writer, rows generated in memory one at a time. Part B of issue 14
 * extends it: rows read from PostgreSQL through the repository (with decryption), and the monthly
 * report over the same 100,000 records.
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { directorySink } from "../core/monitoring/export/directory-sink.js";
import type { ExportRow } from "../core/monitoring/export/export-row.js";
import { writeFacilitaExport } from "../core/monitoring/export/export-writer.js";
import { sampleRows } from "../core/monitoring/export/sample-rows.js";

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
async function* measured(rows: AsyncIterable<ExportRow>, started: bigint, checkpoints: Checkpoint[]) {
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

async function main() {
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

await main();
