/**
 * Reminders benchmark: N citizens (default 10,000) whose reminders all come due in the same minute,
 * delivered by REAL worker processes (`app/workers-main.ts`, as `npm run workers` starts them) with
 * the real limiter (BullMQ's queue-wide ceiling) and the real per-chat gate, through the real
 * Telegram sender to the local fake Bot API server, which answers about 5% of sendMessage calls with
 * 429 retry_after 1. Prints figures only; asserts nothing. `npm run bench:reminders -- [options]`.
 *
 * Printed, each on its own line: lost, duplicates, per-chat gap violations (two requests to one
 * chat less than TELEGRAM_CHAT_GAP_MS apart), rate as % of the configured ceiling (sent messages
 * per second between the first and the last one), lag p50/p99 from the due time, worker RSS.
 * Goals: 0 lost, 0 duplicates, 0 gap violations, at least 95% of the ceiling.
 *
 * Options: --citizens=10000 --ceiling=30 (messages/s) --workers=2 (processes) --concurrency=16
 *   --rate429=0.05 --lead=25 (s from the end of set-up to the due time) --timeout=900 (s) --seed=1
 * At the default 30/s, 10,000 messages take about 6 minutes; `--ceiling=100` about 2, and
 * `--citizens=2000` makes a shorter run at 30/s.
 * Environment: BENCH_DATABASE_URL (admin connection; default postgresql://postgres@127.0.0.1:5432/postgres),
 * BENCH_REDIS_URL (default redis://127.0.0.1:6379). It creates database sportello_bench_<stamp> and
 * Redis prefix bench-reminders:<stamp> and removes both at the end, also after a failure or Ctrl-C.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { migrateDeploy } from "../app/db/migrate.js";
import { createPrisma } from "../app/db/prisma-client.js";
import { createDatabase } from "../test/support/admin-db.js";
import { type FakeTelegram, startFakeTelegram } from "../test/support/fake-telegram/index.js";
import { createTestPoint } from "../test/support/fixtures.js";
import { databaseUrl, deleteRedisKeys, dropBenchDatabase } from "./bench/resources.js";
import { distribution, fixed, int, random } from "./bench/stats.js";

const out = (line = "") => process.stdout.write(`${line}\n`);
const progress = (line: string) => process.stderr.write(`… ${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function parseArgs(argv: readonly string[]) {
  const flags = new Map<string, string>();
  for (const arg of argv) {
    const match = /^--([a-z0-9]+)=(.*)$/.exec(arg);
    if (!match?.[1])
      throw new Error(`unknown argument ${arg} (see the comment at the top of scripts/bench-reminders.ts)`);
    flags.set(match[1], match[2] ?? "");
  }
  const known = ["citizens", "ceiling", "workers", "concurrency", "rate429", "lead", "timeout", "seed"];
  for (const name of flags.keys()) if (!known.includes(name)) throw new Error(`unknown option --${name}`);
  const number = (name: string, fallback: number, min: number) => {
    const raw = flags.get(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < min) throw new Error(`--${name} must be a number ≥ ${min}`);
    return value;
  };
  return {
    citizens: Math.round(number("citizens", 10_000, 1)),
    ceiling: Math.round(number("ceiling", 30, 1)),
    workers: Math.round(number("workers", 2, 1)),
    concurrency: Math.round(number("concurrency", 16, 1)),
    rate429: number("rate429", 0.05, 0),
    leadS: number("lead", 25, 5),
    timeoutS: number("timeout", 900, 10),
    seed: Math.round(number("seed", 1, 0)),
  };
}

const settings = parseArgs(process.argv.slice(2));
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const REDIS_URL = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379";
const STAMP = `${new Date().toISOString().replace(/\D/g, "").slice(0, 14)}_${process.pid}`;
const DATABASE_NAME = `sportello_bench_${STAMP}`;
const REDIS_PREFIX = `bench-reminders:${STAMP}`;
const WORKER_MAIN = fileURLToPath(new URL("../app/workers-main.ts", import.meta.url));
const REPO_ROOT = fileURLToPath(new URL("..", import.meta.url));
const GAP_MS = 1_000;
const FIRST_USER = 500_000_000;

let fake: FakeTelegram | undefined;
const workers: ChildProcess[] = [];
let databaseCreated = false;

/** Citizens with a Telegram identity, a booking two hours after `due`, and its reminder due at `due`. */
async function seed(url: string, pointId: string, siteId: string, due: Date): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const startsAt = new Date(due.getTime() + 2 * 3_600_000);
    for (let from = 0; from < settings.citizens; from += 2_000) {
      const count = Math.min(2_000, settings.citizens - from);
      const citizens = Array.from({ length: count }, () => randomUUID());
      const bookings = Array.from({ length: count }, () => randomUUID());
      const users = Array.from({ length: count }, (_, i) => String(FIRST_USER + from + i));
      await client.query("BEGIN");
      await client.query("INSERT INTO citizen (id) SELECT unnest($1::uuid[])", [citizens]);
      await client.query(
        `INSERT INTO channel_identity (id, citizen_id, channel, external_id)
         SELECT gen_random_uuid(), c, 'telegram', u FROM unnest($1::uuid[], $2::text[]) AS t(c, u)`,
        [citizens, users],
      );
      await client.query(
        `INSERT INTO booking (id, citizen_id, point_id, site_id, service, mode, starts_at, ends_at, status, competences, public_services)
         SELECT b, c, $3, $4, 'facilitazione', 'in_presenza', $5, $6, 'confirmed', '{}', '{}'
         FROM unnest($1::uuid[], $2::uuid[]) AS t(b, c)`,
        [bookings, citizens, pointId, siteId, startsAt, new Date(startsAt.getTime() + 3_600_000)],
      );
      await client.query(
        `INSERT INTO outbound_message (id, kind, recipient_kind, citizen_id, channel, address, params, booking_id,
           due_at, expires_at, state, dedupe_key, updated_at)
         SELECT gen_random_uuid(), 'booking.reminder', 'citizen', c, 'telegram', u,
           jsonb_build_object('offset', '2h', 'startsAt', $4::text), b, $5, $6, 'pending', 'bench:' || b, now()
         FROM unnest($1::uuid[], $2::uuid[], $3::text[]) AS t(b, c, u)`,
        [bookings, citizens, users, startsAt.toISOString(), due, startsAt],
      );
      await client.query("COMMIT");
    }
  } finally {
    await client.end();
  }
}

function rssMb(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

async function stopWorkers(): Promise<void> {
  for (const child of workers) if (child.exitCode === null) child.kill("SIGTERM");
  const deadline = Date.now() + 20_000;
  while (workers.some((c) => c.exitCode === null) && Date.now() < deadline) await sleep(200);
  for (const child of workers) if (child.exitCode === null) child.kill("SIGKILL");
}

async function cleanup(): Promise<void> {
  await stopWorkers();
  await fake?.close().catch(() => {});
  await deleteRedisKeys(REDIS_URL, REDIS_PREFIX).catch(() => {});
  if (databaseCreated) await dropBenchDatabase(ADMIN_URL, DATABASE_NAME).catch(() => {});
}

async function main(): Promise<void> {
  out(
    `bench:reminders — ${int(settings.citizens)} reminders due in the same minute, ${settings.workers} worker processes`,
  );
  out(
    `ceiling ${settings.ceiling}/s, concurrency ${settings.concurrency} per process, ${fixed(settings.rate429 * 100, 1)}% of sendMessage answered 429 retry_after 1`,
  );
  out(
    `machine: ${cpus().length} cores, load ${loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")} (shared with other work: figures vary)`,
  );

  await createDatabase(ADMIN_URL, DATABASE_NAME);
  databaseCreated = true;
  const url = databaseUrl(ADMIN_URL, DATABASE_NAME);
  await migrateDeploy(url);
  const db = createPrisma(url, { poolMax: 2 });
  const point = await createTestPoint(db, { name: "Biblioteca del benchmark", bookable: 5 });
  await db.$disconnect();
  const site = point.sites[0];
  if (!site) throw new Error("the bench point has no site");

  fake = await startFakeTelegram();
  for (let i = 0; i < settings.citizens; i++)
    fake.addChat({ id: FIRST_USER + i, type: "private", first_name: "Bench" });
  const chance = random(settings.seed);
  const requests = new Map<number, number[]>();
  const delivered = new Map<number, number[]>();
  let refused = 0;
  fake.onCall((call) => {
    if (call.method !== "sendMessage") return;
    const chat = Number(call.params.chat_id);
    const now = Date.now();
    requests.set(chat, [...(requests.get(chat) ?? []), now]);
    if (call.ok) delivered.set(chat, [...(delivered.get(chat) ?? []), now]);
    else if (call.injected) refused += 1;
    // about rate429 of the calls answer 429: the next call is made to fail
    if (chance() < settings.rate429) fake?.failNext("sendMessage", { status: 429, retryAfter: 1 });
  });

  const seedStarted = performance.now();
  // due tomorrow for now (beyond the workers' lookahead): moved to the real due time once they are up
  const due = new Date(Date.now() + 24 * 3_600_000);
  await seed(url, point.id, site.id, due);
  progress(
    `seeded ${int(settings.citizens)} citizens, bookings and reminders in ${fixed((performance.now() - seedStarted) / 1000, 1)} s`,
  );

  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: "production",
    HOST: "127.0.0.1",
    PORT: "0",
    DATABASE_URL: url,
    REDIS_URL,
    REDIS_PREFIX,
    DEMO_SEED: "false",
    WEB_CHAT_ENABLED: "false",
    TELEGRAM_BOT_TOKEN: fake.token,
    TELEGRAM_API_ROOT: fake.apiRoot,
    TELEGRAM_MAX_PER_SECOND: String(settings.ceiling),
    TELEGRAM_CHAT_GAP_MS: String(GAP_MS),
    WORKER_CONCURRENCY: String(settings.concurrency),
    DISPATCH_EVERY_MS: "500",
    LOG_LEVEL: "info",
    LOG_FORMAT: "json",
  };
  const up: Array<Promise<void>> = [];
  for (let i = 0; i < settings.workers; i++) {
    const child = spawn(process.execPath, ["--import", "tsx", WORKER_MAIN], {
      cwd: REPO_ROOT,
      env,
      stdio: ["ignore", "pipe", "inherit"],
    });
    workers.push(child);
    up.push(
      new Promise<void>((resolve, reject) => {
        let buffered = "";
        child.stdout?.on("data", (chunk: Buffer) => {
          buffered += chunk.toString("utf8");
          const lines = buffered.split("\n");
          buffered = lines.pop() ?? "";
          for (const line of lines) {
            if (line.includes('"Workers on"')) resolve();
            else if (/"level":(40|50|60)/.test(line)) process.stderr.write(`worker #${i + 1}: ${line.slice(0, 300)}\n`);
          }
        });
        child.once("exit", (code) => reject(new Error(`worker process #${i + 1} exited (${code}) during start-up`)));
      }),
    );
  }
  await Promise.race([
    Promise.all(up),
    sleep(180_000).then(() => Promise.reject(new Error("workers did not start in 3 minutes"))),
  ]);
  // all reminders due a few seconds from now, in the same minute
  const dueAt = new Date(Date.now() + settings.leadS * 1000);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query("UPDATE outbound_message SET due_at = $1", [dueAt]);
  progress(`workers started; every reminder due at ${dueAt.toISOString()}`);

  const rss = new Map<number, number>();
  const deadline = Date.now() + settings.timeoutS * 1000;
  let open = settings.citizens;
  while (Date.now() < deadline) {
    await sleep(2_000);
    for (const [i, child] of workers.entries()) {
      const mb = rssMb(child.pid);
      if (mb !== undefined) rss.set(i, Math.max(rss.get(i) ?? 0, mb));
    }
    const { rows } = await client.query<{ open: string }>(
      "SELECT count(*) AS open FROM outbound_message WHERE state IN ('pending', 'sending')",
    );
    open = Number(rows[0]?.open ?? 0);
    const sent = [...delivered.values()].reduce((n, list) => n + list.length, 0);
    progress(`${int(sent)} sent, ${int(open)} still pending or sending, ${int(refused)} answered 429`);
    if (open === 0) break;
  }
  const { rows: states } = await client.query<{ state: string; n: string }>(
    "SELECT state, count(*) AS n FROM outbound_message GROUP BY state ORDER BY state",
  );
  await client.end();
  await stopWorkers();

  let lost = 0;
  let duplicates = 0;
  let gapViolations = 0;
  const lags: number[] = [];
  const times: number[] = [];
  for (let i = 0; i < settings.citizens; i++) {
    const chat = FIRST_USER + i;
    const ok = delivered.get(chat) ?? [];
    if (ok.length === 0) lost += 1;
    if (ok.length > 1) duplicates += ok.length - 1;
    for (const t of ok) {
      lags.push(t - dueAt.getTime());
      times.push(t);
    }
    const all = requests.get(chat) ?? [];
    for (let k = 1; k < all.length; k++) if ((all[k] ?? 0) - (all[k - 1] ?? 0) < GAP_MS) gapViolations += 1;
  }
  times.sort((a, b) => a - b);
  const first = times[0] ?? 0;
  const last = times.at(-1) ?? 0;
  const rate = times.length > 1 ? (times.length - 1) / ((last - first) / 1000) : Number.NaN;
  const lag = distribution(lags);

  out();
  out(`lost: ${lost}`);
  out(`duplicates: ${duplicates}`);
  out(`per-chat gap violations: ${gapViolations}`);
  out(
    `rate: ${fixed((rate / settings.ceiling) * 100, 1)}% of the configured ceiling (${fixed(rate, 1)}/s of ${settings.ceiling}/s, first to last delivery over ${fixed((last - first) / 1000, 1)} s)`,
  );
  out(
    `lag from due time: p50 ${fixed(lag.p50 / 1000, 1)} s, p99 ${fixed(lag.p99 / 1000, 1)} s, max ${fixed(lag.max / 1000, 1)} s (the queue drains at the ceiling: ${int(settings.citizens)} / ${settings.ceiling}/s = ${fixed(settings.citizens / settings.ceiling, 0)} s)`,
  );
  out(`worker RSS (peak): ${[...rss.entries()].map(([i, mb]) => `#${i + 1} ${fixed(mb, 0)} MB`).join(", ")}`);
  out(
    `429 answers: ${int(refused)}; rows by state: ${states.map((r) => `${r.state} ${int(Number(r.n))}`).join(", ")}${open > 0 ? ` (timed out with ${int(open)} open)` : ""}`,
  );
}

let interrupted = false;
process.on("SIGINT", () => {
  if (interrupted) process.exit(130);
  interrupted = true;
  progress("interrupted: cleaning up");
  cleanup().finally(() => process.exit(130));
});

try {
  await main();
} catch (error) {
  process.stderr.write(`bench:reminders failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
} finally {
  await cleanup();
}
