/**
 * Inbound benchmark of the Telegram channel: simulated citizens talk, through the local fake Bot
 * API server, to the REAL Telegram adapter (telegramChannel + conversation engine on PostgreSQL
 * and Redis) and, for comparison, to a bare grammY echo bot with the same runner set-up. Prints
 * figures only; it asserts nothing. Run with `npx tsx scripts/bench-inbound.ts` (`npm run bench:inbound`).
 *
 * The bot runs in a child process (scripts/bench/bot-process.ts) so that its CPU time is its own;
 * the fake server and the citizens run here. Each bot gets two measured phases after a warm-up:
 *   paced      citizens think between messages (mean --think ms): latency at that load;
 *   saturated  no think time: the most updates per second the set-up sustains.
 * Latency of an update: from the moment it is queued on the fake server (available to getUpdates)
 * to the moment the fake server receives the bot's last reply call for it (the question with a
 * keyboard; for the echo bot, the echo).
 *
 * Goals: ≥ 1,000 updates/s (judged on the saturated phase), p99 < 50 ms (paced phase, i.e. at the
 * load the citizens offer: up to 1,200 updates/s by default), CPU per update ≤ 3× the bare bot's
 * (paced phase, both bots under the same offered load).
 *
 * Options: --citizens=300 --think=250 (ms) --warmup=5 (s) --duration=15 (s) or --updates=N
 *   --saturate=8 (s, 0: skip) --only=echo|sportello --profile (CPU profile of each bot's paced window)
 *   --no-split (no counting wrappers in the Sportello process) --seed=1 --timeout=10000 (ms per turn)
 * Environment: BENCH_DATABASE_URL (a PostgreSQL database to connect to as admin; default
 *   postgresql://postgres@127.0.0.1:5432/postgres), BENCH_REDIS_URL (default redis://127.0.0.1:6379).
 * It creates its own database sportello_bench_<timestamp> and Redis prefix bench-inbound:<timestamp>,
 * and removes both at the end, also after a failure or Ctrl-C.
 *
 * Companions: `npx tsx scripts/bench/hot-calls.ts` times the engine and its hottest calls alone;
 * `npx tsx scripts/bench/profile-summary.ts <file.cpuprofile> [--callers=<regex>]` reads a profile
 * written by --profile (the path is printed).
 */
import { type ChildProcess, fork } from "node:child_process";
import { once } from "node:events";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { type FakeTelegram, startFakeTelegram } from "../test/support/fake-telegram/index.js";
import { LoadGenerator, type Turn } from "./bench/citizens.js";
import { summariseProfile } from "./bench/profile-summary.js";
import type { BotKind, BotProcessConfig, Counter, FromChild, MarkReport, ToChild } from "./bench/protocol.js";
import {
  type BenchDatabase,
  createBenchDatabase,
  deleteRedisKeys,
  dropBenchDatabase,
  machineCpuMs,
  processCpuMs,
  ServerProbe,
} from "./bench/resources.js";
import { type Distribution, distribution, fixed, int, ratio, table } from "./bench/stats.js";

const out = (line = "") => process.stdout.write(`${line}\n`);
const progress = (line: string) => process.stderr.write(`… ${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ---- Settings -------------------------------------------------------------------------------------------------

function parseArgs(argv: readonly string[]) {
  const flags = new Map<string, string>();
  for (const arg of argv) {
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!match?.[1])
      throw new Error(`unknown argument ${arg} (see the comment at the top of scripts/bench-inbound.ts)`);
    flags.set(match[1], match[2] ?? "true");
  }
  const known = [
    "citizens",
    "think",
    "warmup",
    "duration",
    "updates",
    "saturate",
    "only",
    "profile",
    "no-split",
    "seed",
    "timeout",
  ];
  for (const name of flags.keys()) if (!known.includes(name)) throw new Error(`unknown option --${name}`);
  const number = (name: string, fallback: number, min: number) => {
    const raw = flags.get(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < min) throw new Error(`--${name} must be a number ≥ ${min}`);
    return value;
  };
  const only = flags.get("only");
  if (only !== undefined && only !== "echo" && only !== "sportello") throw new Error("--only is echo or sportello");
  return {
    citizens: Math.round(number("citizens", 300, 1)),
    thinkMs: number("think", 250, 0),
    warmupS: number("warmup", 5, 0),
    durationS: number("duration", 15, 1),
    updates: flags.has("updates") ? Math.round(number("updates", 0, 1)) : undefined,
    saturateS: number("saturate", 8, 0),
    bots: (only ? [only] : ["echo", "sportello"]) as BotKind[],
    profile: flags.has("profile"),
    split: !flags.has("no-split"),
    seed: Math.round(number("seed", 1, 0)),
    turnTimeoutMs: number("timeout", 10_000, 100),
  };
}

type Settings = ReturnType<typeof parseArgs>;

const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const REDIS_URL = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379";
const STAMP = `${new Date().toISOString().replace(/\D/g, "").slice(0, 14)}_${process.pid}`;
const DATABASE_NAME = `sportello_bench_${STAMP}`;
const REDIS_PREFIX = `bench-inbound:${STAMP}`;
const BOT_PROCESS = fileURLToPath(new URL("./bench/bot-process.ts", import.meta.url));
const REPO_ROOT = fileURLToPath(new URL("..", import.meta.url));
const SATURATION_WARMUP_MS = 2_000;
/** The bot process running now: killed first on Ctrl-C, so that it writes nothing after the clean-up. */
let runningBot: BotProcess | undefined;

// ---- The bot process ------------------------------------------------------------------------------------------

class BotProcess {
  private readonly waiters: Array<{ accept: (m: FromChild) => boolean; resolve: (m: FromChild) => void }> = [];
  private exited = false;
  failure: string | undefined;

  private constructor(readonly child: ChildProcess) {
    child.on("message", (raw) => {
      const message = raw as FromChild;
      if (message.type === "failed") this.failure = message.message;
      const index = this.waiters.findIndex((w) => w.accept(message));
      if (index >= 0) this.waiters.splice(index, 1)[0]?.resolve(message);
    });
    child.on("exit", () => {
      this.exited = true;
    });
  }

  static async start(config: BotProcessConfig): Promise<BotProcess> {
    const child = fork(BOT_PROCESS, [JSON.stringify(config)], {
      cwd: REPO_ROOT,
      execArgv: ["--import", "tsx"],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    const bot = new BotProcess(child);
    const first = await Promise.race([
      bot.next((m) => m.type === "ready" || m.type === "failed"),
      once(child, "exit").then(() => ({ type: "failed", message: "the bot process exited" }) as FromChild),
    ]);
    if (first.type !== "ready") {
      bot.kill();
      throw new Error(`the ${config.kind} bot did not start: ${first.type === "failed" ? first.message : first.type}`);
    }
    return bot;
  }

  private next(accept: (m: FromChild) => boolean, timeoutMs = 30_000): Promise<FromChild> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        const index = this.waiters.indexOf(waiter);
        if (index >= 0) this.waiters.splice(index, 1);
        reject(
          new Error(`the bot process did not answer within ${timeoutMs} ms${this.failure ? `: ${this.failure}` : ""}`),
        );
      }, timeoutMs);
      const waiter = {
        accept,
        resolve: (m: FromChild) => {
          clearTimeout(timer);
          resolve(m);
        },
      };
      this.waiters.push(waiter);
    });
  }

  private send(message: ToChild): void {
    if (!this.exited && this.child.connected) this.child.send(message);
  }

  async mark(label: string): Promise<MarkReport> {
    const answer = this.next((m) => m.type === "mark" && m.label === label);
    this.send({ type: "mark", label });
    return (await answer) as MarkReport;
  }

  startProfile(): void {
    this.send({ type: "profile-start" });
  }

  async stopProfile(path: string): Promise<void> {
    const answer = this.next((m) => m.type === "profile-written", 60_000);
    this.send({ type: "profile-stop", path });
    await answer;
  }

  /** Asks the bot to stop polling and close its connections; kills it if it does not within 10 s. */
  async stop(): Promise<void> {
    if (this.exited) return;
    const exited = once(this.child, "exit");
    this.send({ type: "stop" });
    const done = await Promise.race([exited.then(() => true), sleep(10_000).then(() => false)]);
    if (!done) this.kill();
  }

  kill(): void {
    if (!this.exited && this.child.pid !== undefined) this.child.kill("SIGKILL");
  }

  /** Kills it and waits (at most 2 s) until it is gone. */
  async terminate(): Promise<void> {
    if (this.exited) return;
    const exited = once(this.child, "exit");
    this.kill();
    await Promise.race([exited, sleep(2_000)]);
  }
}

// ---- Measuring ------------------------------------------------------------------------------------------------

/** Everything read at one instant: the bot's report, this process, the servers, the machine. */
interface Snapshot {
  at: number;
  bot: MarkReport;
  parentCpuMs: number;
  machine: { busy: number; total: number } | undefined;
  postgres: Map<number, number>;
  redisCpuMs: number | undefined;
  transactions: number;
  calls: Map<string, number>;
  batches: number;
}

async function snapshot(
  label: string,
  bot: BotProcess,
  load: LoadGenerator,
  probe: ServerProbe | undefined,
): Promise<Snapshot> {
  const postgres = new Map<number, number>();
  for (const pid of (await probe?.backendPids()) ?? []) {
    const ms = processCpuMs(pid);
    if (ms !== undefined) postgres.set(pid, ms);
  }
  const transactions = (await probe?.transactions()) ?? Number.NaN;
  const at = performance.now();
  const cpu = process.cpuUsage();
  const report = await bot.mark(label);
  return {
    at,
    bot: report,
    parentCpuMs: (cpu.user + cpu.system) / 1000,
    machine: machineCpuMs(),
    postgres,
    redisCpuMs: probe?.redisPid === undefined ? undefined : processCpuMs(probe.redisPid),
    transactions,
    calls: new Map(load.callsByMethod),
    batches: load.batches.length,
  };
}

interface PhaseResult {
  name: string;
  seconds: number;
  updates: number;
  perSecond: number;
  latency: Distribution;
  turns: Turn[];
  botCpuMsPerUpdate: number;
  botCpuUtilisation: number;
  botLoopUtilisation: number;
  botLoopDelayP99Ms: number;
  parentCpuMsPerUpdate: number;
  parentCpuUtilisation: number;
  postgresCpuMsPerUpdate: number | undefined;
  redisCpuMsPerUpdate: number | undefined;
  machineBusy: number | undefined;
  /** CPU used by processes that are not part of the benchmark (ms per second of wall time = share of one core). */
  otherCpuUtilisation: number | undefined;
  apiCallsPerUpdate: number;
  getUpdatesPerSecond: number;
  meanBatch: number;
  transactionsPerUpdate: number;
  engine: Distribution;
  counters: Record<string, Counter>;
  botErrors: number;
  rssMb: number;
}

function phaseResult(name: string, start: Snapshot, end: Snapshot, load: LoadGenerator): PhaseResult {
  const seconds = (end.at - start.at) / 1000;
  const done = load.turns.filter((t) => t.t1 >= start.at && t.t1 < end.at);
  const sent = load.turns.filter((t) => t.t0 >= start.at && t.t0 < end.at);
  const updates = done.length;
  const botCpuMs = (end.bot.cpuUserUs + end.bot.cpuSystemUs - start.bot.cpuUserUs - start.bot.cpuSystemUs) / 1000;
  const botWallMs = end.bot.atMs - start.bot.atMs;
  const parentCpuMs = end.parentCpuMs - start.parentCpuMs;
  let postgresMs: number | undefined;
  for (const [pid, before] of start.postgres) {
    const after = processCpuMs(pid) ?? before;
    postgresMs = (postgresMs ?? 0) + (end.postgres.get(pid) ?? after) - before;
  }
  for (const [pid, after] of end.postgres) if (!start.postgres.has(pid)) postgresMs = (postgresMs ?? 0) + after;
  const redisMs =
    start.redisCpuMs === undefined || end.redisCpuMs === undefined ? undefined : end.redisCpuMs - start.redisCpuMs;
  let apiCalls = 0;
  for (const [method, n] of end.calls) {
    if (method !== "getUpdates") apiCalls += n - (start.calls.get(method) ?? 0);
  }
  const getUpdates = (end.calls.get("getUpdates") ?? 0) - (start.calls.get("getUpdates") ?? 0);
  const batches = load.batches.slice(start.batches, end.batches);
  const perUpdate = (value: number | undefined) => (value === undefined ? undefined : value / updates);
  const machineBusyMs = start.machine && end.machine ? end.machine.busy - start.machine.busy : undefined;
  const otherMs =
    machineBusyMs === undefined
      ? undefined
      : machineBusyMs - botCpuMs - parentCpuMs - (postgresMs ?? 0) - (redisMs ?? 0);
  return {
    name,
    seconds,
    updates,
    perSecond: updates / seconds,
    latency: distribution(sent.map((t) => t.t1 - t.t0)),
    turns: sent,
    botCpuMsPerUpdate: botCpuMs / updates,
    botCpuUtilisation: botCpuMs / botWallMs,
    botLoopUtilisation: end.bot.eventLoopUtilisation,
    botLoopDelayP99Ms: end.bot.loopDelayP99Ms,
    parentCpuMsPerUpdate: parentCpuMs / updates,
    parentCpuUtilisation: parentCpuMs / (end.at - start.at),
    postgresCpuMsPerUpdate: perUpdate(postgresMs),
    redisCpuMsPerUpdate: perUpdate(redisMs),
    machineBusy:
      start.machine && end.machine
        ? (end.machine.busy - start.machine.busy) / (end.machine.total - start.machine.total)
        : undefined,
    otherCpuUtilisation: otherMs === undefined ? undefined : Math.max(0, otherMs) / (end.at - start.at),
    apiCallsPerUpdate: apiCalls / updates,
    getUpdatesPerSecond: getUpdates / seconds,
    meanBatch: batches.reduce((a, b) => a + b, 0) / Math.max(1, batches.length),
    transactionsPerUpdate: (end.transactions - start.transactions) / updates,
    engine: distribution(end.bot.engineMs),
    counters: end.bot.counters,
    botErrors: end.bot.errors,
    rssMb: end.bot.rssBytes / 1024 / 1024,
  };
}

interface BotResult {
  kind: BotKind;
  paced: PhaseResult;
  saturated: PhaseResult | undefined;
  anomalies: Map<string, number>;
  bookings: number;
  profile: string[] | undefined;
}

async function measureBot(kind: BotKind, settings: Settings, database: BenchDatabase | undefined): Promise<BotResult> {
  const fake: FakeTelegram = await startFakeTelegram();
  let bot: BotProcess | undefined;
  let load: LoadGenerator | undefined;
  let probe: ServerProbe | undefined;
  try {
    const started = performance.now();
    bot = await BotProcess.start({
      kind,
      token: fake.token,
      apiRoot: fake.apiRoot,
      ...(database
        ? {
            databaseUrl: database.url,
            redisUrl: REDIS_URL,
            redisPrefix: REDIS_PREFIX,
            timeZone: "Europe/Rome",
            instrument: settings.split,
          }
        : {}),
    });
    runningBot = bot;
    await fake.waitUntilPolling({ timeoutMs: 30_000 });
    const startMs = performance.now() - started;
    if (database) probe = await ServerProbe.open(ADMIN_URL, database.name, REDIS_URL);
    load = new LoadGenerator(fake, {
      kind,
      citizens: settings.citizens,
      thinkMs: settings.thinkMs,
      seed: settings.seed,
      turnTimeoutMs: settings.turnTimeoutMs,
    });
    progress(
      `${kind}: bot up in ${fixed(startMs, 0)} ms; ${settings.citizens} citizens, warm-up ${settings.warmupS} s`,
    );
    load.start();
    await sleep(settings.warmupS * 1000);

    const pacedStart = await snapshot("paced-start", bot, load, probe);
    const profilePath = join(tmpdir(), `sportello-bench-inbound-${STAMP}-${kind}.cpuprofile`);
    if (settings.profile) bot.startProfile();
    if (settings.updates === undefined) await sleep(settings.durationS * 1000);
    else {
      const target = load.turns.length + settings.updates;
      while (load.turns.length < target && performance.now() - pacedStart.at < 600_000) await sleep(20);
    }
    const pacedEnd = await snapshot("paced-end", bot, load, probe);
    if (settings.profile) await bot.stopProfile(profilePath);
    const paced = phaseResult(`paced (think ${settings.thinkMs} ms)`, pacedStart, pacedEnd, load);
    progress(`${kind}: paced ${int(paced.perSecond)} updates/s, p99 ${fixed(paced.latency.p99, 1)} ms`);

    let saturated: PhaseResult | undefined;
    if (settings.saturateS > 0) {
      load.thinkMs = 0;
      await sleep(SATURATION_WARMUP_MS);
      const start = await snapshot("saturated-start", bot, load, probe);
      await sleep(settings.saturateS * 1000);
      const end = await snapshot("saturated-end", bot, load, probe);
      saturated = phaseResult("saturated (no think time)", start, end, load);
      progress(`${kind}: saturated ${int(saturated.perSecond)} updates/s, p99 ${fixed(saturated.latency.p99, 1)} ms`);
    }
    await load.stop();
    const profile = settings.profile ? (await summariseProfile(profilePath)).lines : undefined;
    return { kind, paced, saturated, anomalies: load.anomalies, bookings: load.bookings, profile };
  } finally {
    if (load && !load.isStopped) await Promise.race([load.stop(), sleep(settings.turnTimeoutMs + 1_000)]);
    await bot?.stop();
    runningBot = undefined;
    await probe?.close();
    await fake.close();
  }
}

// ---- Printing -------------------------------------------------------------------------------------------------

const ms = (value: number) => fixed(value, value < 10 ? 2 : 1);
const pct = (value: number | undefined) => (value === undefined ? "–" : `${fixed(100 * value, 0)}%`);
const opt = (value: number | undefined, digits = 3) => (value === undefined ? "–" : fixed(value, digits));

function resultTable(results: BotResult[], phase: "paced" | "saturated"): string[] {
  const echo = results.find((r) => r.kind === "echo")?.[phase];
  const sportello = results.find((r) => r.kind === "sportello")?.[phase];
  const columns = [echo, sportello];
  const header = ["", ...(echo ? ["bare echo"] : []), ...(sportello ? ["Sportello"] : [])];
  const both = echo && sportello;
  if (both) header.push("Sportello / bare");
  const row = (label: string, value: (p: PhaseResult) => string, compare?: (p: PhaseResult) => number) => [
    label,
    ...columns.filter((p): p is PhaseResult => p !== undefined).map(value),
    ...(both ? [compare ? ratio(compare(sportello), compare(echo)) : ""] : []),
  ];
  return table(header, [
    row("measured", (p) => `${fixed(p.seconds, 1)} s`),
    row("updates answered", (p) => int(p.updates)),
    row(
      "updates/s",
      (p) => int(p.perSecond),
      (p) => p.perSecond,
    ),
    row(
      "latency p50 ms",
      (p) => ms(p.latency.p50),
      (p) => p.latency.p50,
    ),
    row(
      "latency p95 ms",
      (p) => ms(p.latency.p95),
      (p) => p.latency.p95,
    ),
    row(
      "latency p99 ms",
      (p) => ms(p.latency.p99),
      (p) => p.latency.p99,
    ),
    row(
      "latency max ms",
      (p) => ms(p.latency.max),
      (p) => p.latency.max,
    ),
    row(
      "bot CPU ms/update",
      (p) => fixed(p.botCpuMsPerUpdate, 3),
      (p) => p.botCpuMsPerUpdate,
    ),
    row("bot CPU use (of 1 core)", (p) => pct(p.botCpuUtilisation)),
    row("bot event-loop use", (p) => pct(p.botLoopUtilisation)),
    row("bot event-loop delay p99 ms", (p) => ms(p.botLoopDelayP99Ms)),
    row("bot RSS MB", (p) => fixed(p.rssMb, 0)),
    row(
      "Bot API calls/update (no getUpdates)",
      (p) => fixed(p.apiCallsPerUpdate, 2),
      (p) => p.apiCallsPerUpdate,
    ),
    row("getUpdates/s · mean batch", (p) => `${int(p.getUpdatesPerSecond)} · ${fixed(p.meanBatch, 1)}`),
    row("fake+citizens CPU ms/update", (p) => fixed(p.parentCpuMsPerUpdate, 3)),
    row("fake+citizens CPU use", (p) => pct(p.parentCpuUtilisation)),
    row("PostgreSQL CPU ms/update (bench backends)", (p) => opt(p.postgresCpuMsPerUpdate)),
    row("Redis server CPU ms/update (whole server)", (p) => opt(p.redisCpuMsPerUpdate)),
    row(`machine CPU busy (all ${cpus().length} cores)`, (p) => pct(p.machineBusy)),
    row("other processes CPU use (not the bench)", (p) => pct(p.otherCpuUtilisation)),
  ]);
}

function printSplit(result: BotResult): void {
  const p = result.paced;
  if (p.engine.count === 0) return;
  out("");
  out(`Sportello, where an update's time goes (paced phase; wall times measured inside the bot process):`);
  out(
    `  engine.handle: mean ${ms(p.engine.mean)} ms, p50 ${ms(p.engine.p50)}, p99 ${ms(p.engine.p99)} ms; ` +
      `update latency seen by the citizen: mean ${ms(p.latency.mean)}, p50 ${ms(p.latency.p50)}, p99 ${ms(p.latency.p99)} ms`,
  );
  out(
    `  → the rest (getUpdates delivery, grammY, sending the replies: ${fixed(p.apiCallsPerUpdate, 2)} Bot API calls per update) ≈ ${ms(p.latency.mean - p.engine.mean)} ms mean`,
  );
  out(
    `  PostgreSQL transactions per update ≈ ${fixed(p.transactionsPerUpdate, 2)} (pg_stat_database of the bench database)`,
  );
  const rows = Object.entries(p.counters)
    .sort((a, b) => b[1].totalMs - a[1].totalMs)
    .map(([name, c]) => [
      name,
      fixed(c.count / p.engine.count, 3),
      ms(c.totalMs / c.count),
      ms(c.totalMs / p.engine.count),
    ]);
  if (p.botLoopUtilisation > 0.9) {
    out(
      `  Caution: the bot's event loop was ${pct(p.botLoopUtilisation)} busy, so these wall times are mostly waiting for the loop, not the servers; the CPU profile (--profile) says where the CPU goes.`,
    );
  }
  out("  Calls inside engine.handle (nested: store.lock acquire includes a Redis SET, etc.):");
  for (const line of table(["call", "per update", "mean ms", "ms per update"], rows)) out(`    ${line}`);
}

function printSteps(result: BotResult): void {
  const turns = result.paced.turns;
  if (turns.length === 0) return;
  const groups = new Map<string, number[]>();
  for (const t of turns) {
    const list = groups.get(t.label) ?? [];
    list.push(t.t1 - t.t0);
    groups.set(t.label, list);
  }
  const inputs = new Map<string, number>();
  for (const t of turns) inputs.set(t.input, (inputs.get(t.input) ?? 0) + 1);
  out("");
  out(
    `Sportello traffic in the paced phase: ${[...inputs.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([input, n]) => `${fixed((100 * n) / turns.length, 0)}% ${input}`)
      .join(", ")}; bookings written in the whole run: ${result.bookings}`,
  );
  const rows = [...groups.entries()]
    .map(([label, values]) => ({ label, d: distribution(values) }))
    .sort((a, b) => b.d.count - a.d.count)
    .map(({ label, d }) => [
      label,
      int(d.count),
      `${fixed((100 * d.count) / turns.length, 1)}%`,
      ms(d.p50),
      ms(d.p95),
      ms(d.p99),
      ms(d.max),
    ]);
  for (const line of table(["step", "updates", "share", "p50 ms", "p95 ms", "p99 ms", "max ms"], rows)) {
    out(`  ${line}`);
  }
}

function printGoals(results: BotResult[]): void {
  const echo = results.find((r) => r.kind === "echo");
  const sportello = results.find((r) => r.kind === "sportello");
  if (!sportello) return;
  const verdict = (ok: boolean) => (ok ? "met" : "NOT met");
  out("");
  out("Goals (Sportello):");
  // the paced phase is capped by what the citizens offer: only the saturated one tells capacity
  if (sportello.saturated) {
    out(
      `  throughput ≥ 1,000 updates/s: ${int(sportello.saturated.perSecond)} updates/s saturated → ${verdict(sportello.saturated.perSecond >= 1000)}`,
    );
  } else out("  throughput ≥ 1,000 updates/s: not measured (--saturate=0)");
  out(
    `  p99 < 50 ms: ${ms(sportello.paced.latency.p99)} ms at ${int(sportello.paced.perSecond)} updates/s (paced) → ${verdict(sportello.paced.latency.p99 < 50)}`,
  );
  if (echo) {
    const times = sportello.paced.botCpuMsPerUpdate / echo.paced.botCpuMsPerUpdate;
    out(
      `  CPU per update ≤ 3× the bare bot: ${fixed(sportello.paced.botCpuMsPerUpdate, 3)} / ${fixed(echo.paced.botCpuMsPerUpdate, 3)} ms = ${fixed(times, 2)}× (paced) → ${verdict(times <= 3)}`,
    );
  } else out("  CPU per update ≤ 3× the bare bot: not measured (--only=sportello)");
}

function printAnomalies(result: BotResult): void {
  const total = [...result.anomalies.values()].reduce((a, b) => a + b, 0);
  if (total === 0) {
    out(`${result.kind}: every turn answered as scripted`);
    return;
  }
  out(`${result.kind}: ${total} turns off the script or answered oddly:`);
  for (const [what, n] of [...result.anomalies.entries()].sort((a, b) => b[1] - a[1]).slice(0, 12)) {
    out(`  ${String(n).padStart(6)}  ${what.slice(0, 200)}`);
  }
}

// ---- Main -----------------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  let settings: Settings;
  try {
    settings = parseArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`bench-inbound: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  }
  const cpu = cpus();
  out(
    `Node ${process.version}, ${process.platform}/${process.arch}, ${cpu.length} cores (${cpu[0]?.model.trim() ?? "?"})`,
  );
  const before = machineCpuMs();
  await sleep(1_000);
  const after = machineCpuMs();
  out(
    `Machine before starting: load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(
        " ",
      )}, CPU busy over the last second ${before && after ? pct((after.busy - before.busy) / (after.total - before.total)) : "–"} (work of other processes makes every figure noisier)`,
  );
  out(
    `Settings: ${settings.citizens} citizens, closed loop, think ${settings.thinkMs} ms mean (uniform 0.5–1.5×); ` +
      `warm-up ${settings.warmupS} s; paced ${settings.updates === undefined ? `${settings.durationS} s` : `${settings.updates} updates`}; ` +
      `saturated ${settings.saturateS > 0 ? `${settings.saturateS} s after ${SATURATION_WARMUP_MS / 1000} s` : "off"}; ` +
      `bots: ${settings.bots.join(", ")}; seed ${settings.seed}${settings.split && settings.bots.includes("sportello") ? "; Sportello with counting wrappers" : ""}`,
  );
  out(
    "The bot runs in its own process; the fake Bot API server and the citizens share this one. PostgreSQL and Redis run on the same machine.",
  );

  let database: BenchDatabase | undefined;
  let cleaned = false;
  const cleanup = async () => {
    if (cleaned) return;
    cleaned = true;
    if (settings.bots.includes("sportello")) {
      await dropBenchDatabase(ADMIN_URL, DATABASE_NAME).catch((error: unknown) =>
        process.stderr.write(`could not drop ${DATABASE_NAME}: ${String(error)}\n`),
      );
      await deleteRedisKeys(REDIS_URL, REDIS_PREFIX).catch((error: unknown) =>
        process.stderr.write(`could not delete the Redis keys ${REDIS_PREFIX}:*: ${String(error)}\n`),
      );
    }
  };
  const interrupted = (signal: NodeJS.Signals) => {
    progress(`${signal}: cleaning up`);
    void (async () => {
      await runningBot?.terminate();
      await cleanup();
    })().finally(() => process.exit(130));
  };
  process.once("SIGINT", interrupted);
  process.once("SIGTERM", interrupted);

  const results: BotResult[] = [];
  try {
    if (settings.bots.includes("sportello")) {
      database = await createBenchDatabase(ADMIN_URL, DATABASE_NAME);
      out(
        `Database ${database.name}: migrated and seeded with the demo network (${database.points} points) in ${fixed(database.setupMs / 1000, 1)} s; Redis prefix ${REDIS_PREFIX}`,
      );
    }
    for (const kind of settings.bots) {
      results.push(await measureBot(kind, settings, kind === "sportello" ? database : undefined));
    }
  } finally {
    await cleanup();
  }

  out("");
  out(
    settings.thinkMs > 0
      ? `Paced phase: closed loop with think time (offered at most ${int((settings.citizens / settings.thinkMs) * 1000)} updates/s when answers are instant)`
      : "Paced phase: closed loop without think time (--think=0)",
  );
  if (settings.profile) out("  (CPU figures of this phase include the profiler's own overhead)");
  for (const line of resultTable(results, "paced")) out(`  ${line}`);
  if (results.some((r) => r.saturated)) {
    out("");
    out("Saturated phase: closed loop, no think time (the most this set-up sustains on this machine)");
    for (const line of resultTable(results, "saturated")) out(`  ${line}`);
  }
  printGoals(results);
  const sportello = results.find((r) => r.kind === "sportello");
  if (sportello) {
    printSplit(sportello);
    printSteps(sportello);
  }
  out("");
  for (const result of results) printAnomalies(result);
  for (const result of results) {
    if (!result.profile) continue;
    out("");
    out(`${result.kind} bot, CPU profile of the paced measured window:`);
    for (const line of result.profile) out(`  ${line}`);
  }
  out("");
  if (database) out(`Cleaned up: database ${database.name} dropped, Redis keys ${REDIS_PREFIX}:* deleted.`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(
      `bench-inbound failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
