/**
 * Benchmark of the geographic core: nearest-points index (3,000 and 100,000 points placed around
 * real comuni), comune search by name and CAP, and nearestComune. Prints figures only; it asserts
 * nothing. Run with `npx tsx scripts/bench-nearest.ts` (`npm run bench:nearest`).
 *
 * Goals: p99 of a nearest-3 query < 2 ms with 3,000 points and < 10 ms with 100,000. Measured twice:
 * the bare spatial index, and the full answer the bot gives (point directory: nearest 3 distinct
 * points with distance, open now or next opening, next itinerant visits).
 */
import type { Comune } from "../core/geo/comune.js";
import { comuneIndex, findComuniByCap, searchComuni } from "../core/geo/comune-index.js";
import { loadComuni } from "../core/geo/dataset.js";
import { nearestComune } from "../core/geo/nearest-comune.js";
import { createNearestIndex, type IndexedPoint } from "../core/geo/nearest-index.js";
import { createPointDirectory } from "../core/points/point-directory.js";
import type { PointDetails } from "../core/ports.js";
import { random } from "./bench/stats.js";

const out = (line = "") => process.stdout.write(`${line}\n`);
/** Collects garbage before heap readings when node runs with --expose-gc (NODE_OPTIONS=--expose-gc). */
const gc = (globalThis as { gc?: () => void }).gc;
const heapUsed = () => {
  gc?.();
  return process.memoryUsage().heapUsed;
};

const next = random(20240601);

function pick<T>(items: readonly T[]): T {
  const item = items[Math.floor(next() * items.length)];
  if (item === undefined) throw new Error("empty list");
  return item;
}

/** A comune drawn with probability proportional to its population (points follow people). */
function populationSampler(comuni: readonly Comune[]): () => Comune {
  const cumulative: number[] = [];
  let total = 0;
  for (const c of comuni) {
    total += c.population;
    cumulative.push(total);
  }
  return () => {
    const target = next() * total;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((cumulative[mid] ?? 0) < target) low = mid + 1;
      else high = mid;
    }
    return comuni[low] ?? pick(comuni);
  };
}

/** A point uniformly within `radiusKm` of `center`. */
function jitter(center: { lat: number; lon: number }, radiusKm: number): { lat: number; lon: number } {
  const distance = radiusKm * Math.sqrt(next());
  const angle = 2 * Math.PI * next();
  const dLat = (distance * Math.cos(angle)) / 111.32;
  const dLon = (distance * Math.sin(angle)) / (111.32 * Math.cos((center.lat * Math.PI) / 180));
  return { lat: center.lat + dLat, lon: center.lon + dLon };
}

interface Stats {
  p50: number;
  p95: number;
  p99: number;
  max: number;
  perSecond: number;
}

/** Runs `run(i)` `warmUp` times untimed, then `count` times, timing each call; milliseconds. */
function measure(count: number, warmUp: number, run: (i: number) => unknown): Stats {
  for (let i = 0; i < warmUp; i++) run(i);
  const times = new Float64Array(count);
  const started = process.hrtime.bigint();
  for (let i = 0; i < count; i++) {
    const t0 = process.hrtime.bigint();
    run(i);
    times[i] = Number(process.hrtime.bigint() - t0) / 1e6;
  }
  const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
  times.sort();
  const at = (q: number) => times[Math.min(count - 1, Math.ceil(q * count) - 1)] ?? Number.NaN;
  return {
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    max: times[count - 1] ?? Number.NaN,
    perSecond: (count / elapsedMs) * 1000,
  };
}

const ms = (value: number) => `${value.toFixed(4)} ms`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const timeOnce = <T>(run: () => T): [T, number] => {
  const t0 = process.hrtime.bigint();
  const result = run();
  return [result, Number(process.hrtime.bigint() - t0) / 1e6];
};
const row = (label: string, stats: Stats) =>
  out(
    `  ${label.padEnd(34)} p50 ${ms(stats.p50)}  p95 ${ms(stats.p95)}  p99 ${ms(stats.p99)}  max ${ms(stats.max)}  ${Math.round(stats.perSecond).toLocaleString("en-US")} q/s`,
  );

out(`Node ${process.version}, ${process.platform}/${process.arch}${gc ? ", heap figures after a forced GC" : ""}`);

// Cold start of the comune data (what the first user message after a restart pays).
const [comuni, loadMs] = timeOnce(() => loadComuni());
const [, indexMs] = timeOnce(() => comuneIndex());
const [, locatorMs] = timeOnce(() => nearestComune(45.07, 7.69));
out(
  `Comune data: ${comuni.length} comuni; load ${loadMs.toFixed(1)} ms, name/CAP index ${indexMs.toFixed(1)} ms, locator (first nearestComune) ${locatorMs.toFixed(1)} ms`,
);
out();

const QUERIES = 50_000;
const WARM_UP = 5_000;
const byPopulation = populationSampler(comuni);
// Query locations: anywhere in Italy, i.e. around any comune (not weighted: rural areas included).
const queries = Array.from({ length: QUERIES + WARM_UP }, () => jitter(pick(comuni), 8));

out(`Nearest-3 points: ${QUERIES.toLocaleString("en-US")} queries after ${WARM_UP.toLocaleString("en-US")} warm-up`);
for (const [size, spreadKm, goalMs] of [
  [3_000, 3, 2],
  [100_000, 5, 10],
] as const) {
  const points: IndexedPoint[] = Array.from({ length: size }, (_, i) => ({
    id: `p${i}`,
    ...jitter(byPopulation(), spreadKm),
  }));
  const heapBefore = heapUsed();
  const [index, buildMs] = timeOnce(() => createNearestIndex(points));
  const heapAfter = heapUsed();
  const stats = measure(QUERIES, WARM_UP, (i) => {
    const q = queries[i % queries.length] ?? { lat: 45, lon: 9 };
    return index.nearest(q.lat, q.lon, 3);
  });
  const within = measure(QUERIES, WARM_UP, (i) => {
    const q = queries[i % queries.length] ?? { lat: 45, lon: 9 };
    return index.nearest(q.lat, q.lon, 3, 25);
  });
  out(
    `${size.toLocaleString("en-US")} points: build ${buildMs.toFixed(1)} ms, heap used ${mb(heapAfter)} (index and points ≈ ${mb(Math.max(0, heapAfter - heapBefore))})`,
  );
  row("nearest 3", stats);
  row("nearest 3 within 25 km", within);
  out(
    `  p99 / goal: ${stats.p99.toFixed(4)} / ${goalMs} ms = ${(stats.p99 / goalMs).toFixed(3)} (${stats.p99 < goalMs ? "met" : "NOT met"})`,
  );
}
out();

/** A realistic point: two shifts Monday-Friday, Saturday morning; one in ten is a bus with weekly stops. */
function demoPoint(i: number, at: { lat: number; lon: number }): PointDetails {
  const itinerant = i % 10 === 0;
  const id = `p${i}`;
  const sites = [0, 1, 2].slice(0, itinerant ? 3 : 1).map((n) => ({
    id: `${id}-s${n}`,
    pointId: id,
    isMain: n === 0,
    name: `Sede ${n}`,
    address: { street: "Via Roma", civic: "1", cap: "00100", comune: "X", comuneIstat: "000000", province: "XX" },
    coordinates: n === 0 ? at : jitter(at, 10),
  }));
  const dates = Array.from({ length: 8 }, (_, w) => `2026-12-${String(1 + w * 3).padStart(2, "0")}`);
  return {
    id,
    code: id,
    name: `Punto ${i}`,
    kind: itinerant ? "itinerant" : "fixed",
    description: null,
    organisationId: "o",
    organisationName: "Ente",
    workstations: 3,
    bookableWorkstations: 2,
    contacts: { phone: null, email: null, website: null },
    monitoringId: null,
    active: true,
    isDemo: false,
    sites,
    services: [{ kind: "facilitazione", slotMinutes: 60, modes: ["in_presenza", "telefono"] }],
    schedule: {
      kind: itinerant ? "itinerant" : "fixed",
      weekly: itinerant
        ? []
        : [
            ...[1, 2, 3, 4, 5].flatMap((weekday) => [
              { weekday: weekday as 1, shift: 1 as const, opens: "09:00", closes: "13:00" },
              { weekday: weekday as 1, shift: 2 as const, opens: "14:30", closes: "18:00" },
            ]),
            { weekday: 6, shift: 1, opens: "09:00", closes: "12:00" },
          ],
      special: [],
      closures: [{ from: "2026-12-24", to: "2026-12-27", reason: "Natale" }],
      localHolidays: [{ month: 6, day: 24, name: "San Giovanni" }],
      visits: itinerant
        ? dates.map((date, n) => ({
            id: `${id}-v${n}`,
            siteId: `${id}-s${n % 3}`,
            date,
            opens: "09:00",
            closes: "12:30",
          }))
        : [],
    },
  };
}

const ANSWERS = 10_000;
const ANSWER_WARM_UP = 1_000;
out(
  `Nearest-3 answer as the bot gives it (distance, open now / next opening, next visits): ${ANSWERS.toLocaleString("en-US")} queries after ${ANSWER_WARM_UP.toLocaleString("en-US")} warm-up`,
);
const answerTimes = [
  new Date("2026-12-01T10:00:00Z"),
  new Date("2026-12-05T19:00:00Z"),
  new Date("2026-12-01T05:00:00Z"),
];
for (const [size, spreadKm, goalMs] of [
  [3_000, 3, 2],
  [100_000, 5, 10],
] as const) {
  const points = Array.from({ length: size }, (_, i) => demoPoint(i, jitter(byPopulation(), spreadKm)));
  const heapBefore = heapUsed();
  const [directory, buildMs] = timeOnce(() => createPointDirectory(points));
  const heapAfter = heapUsed();
  const stats = measure(ANSWERS, ANSWER_WARM_UP, (i) => {
    const q = queries[i % queries.length] ?? { lat: 45, lon: 9 };
    return directory.nearest(q, { k: 3, now: answerTimes[i % answerTimes.length] ?? new Date(), zone: "Europe/Rome" });
  });
  out(
    `${size.toLocaleString("en-US")} points: directory build ${buildMs.toFixed(1)} ms, heap used ${mb(heapAfter)} (directory ≈ ${mb(Math.max(0, heapAfter - heapBefore))})`,
  );
  row("nearest 3 with opening status", stats);
  out(
    `  p99 / goal: ${stats.p99.toFixed(4)} / ${goalMs} ms = ${(stats.p99 / goalMs).toFixed(3)} (${stats.p99 < goalMs ? "met" : "NOT met"})`,
  );
}
out();

const SEARCHES = 20_000;
const SEARCH_WARM_UP = 2_000;
const EXACT = ["Torino", "Roma", "Ciriè", "Bozen", "S. Mauro Torinese", "Sant'Antonino di Susa", "Reggio Emilia"];
const PREFIX = ["Moncal", "santantonino", "Castel", "Borgo San"];
const FUZZY = ["Torinno", "Moncalierri", "Setimo Torinese", "Toirno", "Palrmo", "Venezzia", "Frenze"];
const GARBAGE = ["asdfgh", "x".repeat(5000), "'; DROP TABLE comuni; --", "😀😀😀", "qwertyuiop"];
const CAPS = ["10121", "65020", "00100", "99999", "abcde"];
out(
  `Comune search: ${SEARCHES.toLocaleString("en-US")} queries each after ${SEARCH_WARM_UP.toLocaleString("en-US")} warm-up`,
);
row(
  "name, exact",
  measure(SEARCHES, SEARCH_WARM_UP, (i) => searchComuni(EXACT[i % EXACT.length] ?? "")),
);
row(
  "name, prefix",
  measure(SEARCHES, SEARCH_WARM_UP, (i) => searchComuni(PREFIX[i % PREFIX.length] ?? "")),
);
row(
  "name, fuzzy (typos)",
  measure(SEARCHES, SEARCH_WARM_UP, (i) => searchComuni(FUZZY[i % FUZZY.length] ?? "")),
);
row(
  "name, garbage (no match)",
  measure(SEARCHES, SEARCH_WARM_UP, (i) => searchComuni(GARBAGE[i % GARBAGE.length] ?? "")),
);
row(
  "CAP",
  measure(SEARCHES, SEARCH_WARM_UP, (i) => findComuniByCap(CAPS[i % CAPS.length] ?? "")),
);
row(
  "nearestComune (random locations)",
  measure(SEARCHES, SEARCH_WARM_UP, (i) => {
    const q = queries[i % queries.length] ?? { lat: 45, lon: 9 };
    return nearestComune(q.lat, q.lon);
  }),
);
out(
  `Heap used at the end: ${mb(heapUsed())}${gc ? "" : " (not collected first: run with NODE_OPTIONS=--expose-gc for exact heap figures)"}`,
);
