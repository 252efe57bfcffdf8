/**
 * The conversation engine and its hottest calls in isolation (no Telegram, no load): wall time,
 * CPU time and SQL statements per call, one call at a time. Companion of scripts/bench-inbound.ts,
 * to see where an update's CPU goes and to check a fix. Prints figures only.
 * Run with `npx tsx scripts/bench/hot-calls.ts` (same BENCH_DATABASE_URL / BENCH_REDIS_URL as bench-inbound).
 */

import { performance } from "node:perf_hooks";
import { Redis } from "ioredis";
import pg from "pg";
import { createConversationStack } from "../../app/conversation/conversation-stack.js";
import { redisConversationStore } from "../../app/conversation/redis-conversation-store.js";
import { createCoreDeps } from "../../app/core-deps.js";
import { createPrisma } from "../../app/db/prisma-client.js";
import { listDays, listFreeSlots } from "../../core/booking/free-slots.js";
import { DEFAULT_BOOKING_POLICY } from "../../core/booking/policy.js";
import { systemClock } from "../../core/clock.js";
import { formatKm } from "../../core/conversation/format.js";
import type { ChatIdentity, Reply } from "../../core/conversation/reply.js";
import { silentLog } from "../../core/log.js";
import { addDays } from "../../core/time/local-date.js";
import { localDateAt, localDayBounds } from "../../core/time/zoned-time.js";
import { createBenchDatabase, deleteRedisKeys, dropBenchDatabase } from "./resources.js";
import { fixed, table } from "./stats.js";

const out = (line = "") => process.stdout.write(`${line}\n`);
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const REDIS_URL = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379";
const STAMP = `${Date.now().toString(36)}_${process.pid}`;
const DATABASE_NAME = `sportello_bench_hot_${STAMP}`;
const PREFIX = `bench-hot:${STAMP}`;
const ZONE = "Europe/Rome";
const CALVINO = "00000000-0000-4000-8000-00000000d101"; // demo point with 3 bookable workstations

// Every SQL statement goes through pg's Client.query (Prisma's adapter too): count them.
let statements = 0;
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  statements += 1;
  return (query as (...a: unknown[]) => unknown).apply(this, args);
} as typeof query;

const rows: string[][] = [];

async function measure(label: string, count: number, run: (i: number) => unknown): Promise<void> {
  for (let i = 0; i < Math.min(200, count); i++) await run(i);
  const s0 = statements;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < count; i++) await run(i);
  const wall = (performance.now() - t0) / count;
  const cpu = process.cpuUsage(c0);
  rows.push([
    label,
    count.toLocaleString("en-US"),
    fixed(wall, 3),
    fixed((cpu.user + cpu.system) / 1000 / count, 3),
    fixed((statements - s0) / count, 1),
  ]);
}

const database = await createBenchDatabase(ADMIN_URL, DATABASE_NAME);
const db = createPrisma(database.url);
const redis = new Redis(REDIS_URL);
const raw = new pg.Client({ connectionString: database.url });
try {
  await raw.connect();
  const core = createCoreDeps(db, { clock: systemClock, timeZone: ZONE, policy: DEFAULT_BOOKING_POLICY });
  const { finder, engine } = createConversationStack({ core, redis, prefix: PREFIX, log: silentLog });
  const store = redisConversationStore(redis, { prefix: PREFIX });
  const today = localDateAt(new Date(), ZONE);
  const horizon = addDays(today, DEFAULT_BOOKING_POLICY.horizonDays);
  const days = await listDays(core, { pointId: CALVINO, service: "facilitazione" });
  const openDay = days.find((d) => d.freeSlots > 0)?.date ?? today;

  out(`Node ${process.version}; database ${DATABASE_NAME} with the demo network; one call at a time`);
  await measure("pg: SELECT 1 (node-postgres, no Prisma)", 2000, () => raw.query("SELECT 1"));
  await measure("Prisma: $queryRaw SELECT 1", 2000, () => db.$queryRaw`SELECT 1`);
  await measure("Prisma: point.findUnique, no include", 2000, () => db.point.findUnique({ where: { id: CALVINO } }));
  await measure("repos.points.findById (7 includes + visits)", 1000, () =>
    core.repos.points.findById(CALVINO, { visitsFrom: today, visitsUntil: horizon }),
  );
  await measure("repos.bookings.openSpans (31 days)", 2000, () => {
    const from = localDayBounds(today, ZONE).start;
    return core.repos.bookings.openSpans(CALVINO, from, localDayBounds(horizon, ZONE).end);
  });
  await measure("repos.citizens.findByIdentity", 2000, () =>
    core.repos.citizens.findByIdentity({ channel: "telegram", externalId: "42" }),
  );
  await measure("listDays: day question (findById, openSpans, slots)", 500, () =>
    listDays(core, { pointId: CALVINO, service: "facilitazione" }),
  );
  await measure("listFreeSlots: time question (one day)", 1000, () =>
    listFreeSlots(core, { pointId: CALVINO, service: "facilitazione", date: openDay }),
  );
  await measure("finder.nearest, k = 4 (directory in memory)", 5000, () =>
    finder.nearest({ lat: 45.07, lon: 7.68 }, { k: 4, maxDistanceKm: 150 }),
  );
  const instant = new Date();
  await measure("localDateAt (luxon), one call", 20000, (i) =>
    localDateAt(new Date(instant.getTime() + i * 60_000), ZONE),
  );
  await measure("formatKm (toLocaleString), one call", 20000, (i) => formatKm(i / 100, "it"));
  await measure("Redis GET (ioredis)", 5000, () => redis.get(`${PREFIX}:nothing`));
  await measure("store.withConversation: lock+load, save+unlock (2 Redis round trips)", 3000, (i) =>
    store.withConversation(`k${i % 50}`, async (state) => ({
      next: state ?? { v: 1, lang: "it", consent: "accepted", step: "menu", flow: {}, seq: 1, history: [] },
      ttlSeconds: 60,
      result: undefined,
    })),
  );

  // The engine alone, typed answers: citizens who accepted the privacy walk from the menu.
  let notUnderstood = 0;
  const check = (replies: Reply[]) => {
    if (replies.some((r) => "text" in r && /^Non ho capito|qualcosa non ha funzionato/.test(r.text)))
      notUnderstood += 1;
  };
  const people = 100;
  const who = (n: number): ChatIdentity => ({ channel: "telegram", userId: String(900_000 + n), deviceLanguage: "it" });
  for (let n = 0; n < people; n++) {
    await engine.handle(who(n), { kind: "start" });
    await engine.handle(who(n), { kind: "text", text: "1" }); // Italiano
    await engine.handle(who(n), { kind: "text", text: "1" }); // Accetto
  }
  const walk = async (label: string, steps: string[], rounds: number) => {
    await measure(`engine.handle: ${label} (${steps.length} updates, per update)`, rounds * steps.length, async (i) =>
      check(
        await engine.handle(who(Math.floor(i / steps.length) % people), {
          kind: "text",
          text: steps[i % steps.length] ?? "menu",
        }),
      ),
    );
  };
  // menu → find → CAP → open the first point → menu
  await walk("find by CAP, open a point", ["1", "10152", "1", "menu"], 1000);
  // menu → book → CAP → first point → facilitazione → in person → first day → first time → menu (at the topic)
  await walk("booking questions: day and time", ["2", "10152", "1", "1", "1", "1", "1", "menu"], 150);

  out();
  for (const line of table(["call", "calls", "wall ms", "CPU ms", "SQL statements"], rows)) out(`  ${line}`);
  out();
  out(`Answers "not understood" or "something went wrong" in the engine walks: ${notUnderstood} (0 expected)`);
} finally {
  await raw.end().catch(() => {});
  await db.$disconnect();
  redis.disconnect();
  await dropBenchDatabase(ADMIN_URL, DATABASE_NAME);
  await deleteRedisKeys(REDIS_URL, PREFIX);
}
