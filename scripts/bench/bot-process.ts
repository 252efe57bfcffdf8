/**
 * The bot under test, in its own process so that its CPU time is its own: either a bare grammY
 * echo bot or Sportello's real Telegram channel (telegramChannel + conversation engine on
 * PostgreSQL and Redis), both long-polling the fake Bot API server of the parent with the same
 * runner options. Started by scripts/bench-inbound.ts with `node --import tsx`; driven over IPC
 * (see protocol.ts): it reports its CPU usage at every mark the parent asks for.
 *
 * With `instrument`, the engine, the conversation store, the Redis client, the repositories and
 * the nearest-points finder are wrapped here (not in core) to count and time their calls.
 */

import { writeFile } from "node:fs/promises";
import { Session } from "node:inspector/promises";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { autoRetry } from "@grammyjs/auto-retry";
import { run, sequentialize } from "@grammyjs/runner";
import { Bot } from "grammy";
import { createConversationStack } from "../../app/conversation/conversation-stack.js";
import { createCoreDeps } from "../../app/core-deps.js";
import { createPrisma } from "../../app/db/prisma-client.js";
import { connectRedis, type Redis } from "../../app/redis.js";
import { telegramChannel } from "../../bots/telegram/telegram-channel.js";
import { DEFAULT_BOOKING_POLICY } from "../../core/booking/policy.js";
import { systemClock } from "../../core/clock.js";
import type { ConversationEngine } from "../../core/conversation/engine.js";
import type { ConversationStore } from "../../core/conversation/store.js";
import type { Log } from "../../core/log.js";
import type { NearestPointsFinder } from "../../core/points/nearest-points.js";
import type { Repositories } from "../../core/ports.js";
import { DEFAULT_TIME_ZONE } from "../../core/time/zone.js";
import type { BotProcessConfig, Counter, FromChild, MarkReport, ToChild } from "./protocol.js";

const config = JSON.parse(process.argv[2] ?? "{}") as BotProcessConfig;
const send = (message: FromChild) => process.send?.(message);

// ---- Counting wrappers (only with `instrument`) -------------------------------------------------------------

let counters: Record<string, Counter> = {};
let engineMs: number[] = [];
let errors = 0;

function count(name: string, ms: number): void {
  const counter = counters[name];
  if (counter) {
    counter.count += 1;
    counter.totalMs += ms;
  } else counters[name] = { count: 1, totalMs: ms };
}

async function timed<T>(name: string, work: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  try {
    return await work();
  } finally {
    count(name, performance.now() - t0);
  }
}

/** Every function of `target` counted and timed as `<prefix>.<name>` (async functions: until settled). */
function wrapObject<T extends object>(prefix: string, target: T): T {
  const wrapped = { ...target } as Record<string, unknown>;
  for (const [name, value] of Object.entries(target)) {
    if (typeof value !== "function") continue;
    wrapped[name] = (...args: unknown[]) => timed(`${prefix}.${name}`, async () => value.apply(target, args));
  }
  return wrapped as T;
}

function wrapRepositories(repos: Repositories): Repositories {
  return Object.fromEntries(
    Object.entries(repos).map(([name, repo]) => [name, wrapObject(`db ${name}`, repo as object)]),
  ) as unknown as Repositories;
}

/** Counts the Redis commands the conversation store sends (one round trip each). */
function countingRedis(redis: Redis): Redis {
  const commands = new Set(["get", "set", "del", "eval", "evalsha"]);
  return new Proxy(redis, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== "function") return value;
      if (typeof property === "string" && commands.has(property)) {
        return (...args: unknown[]) => timed(`redis ${property.toUpperCase()}`, () => value.apply(target, args));
      }
      return value.bind(target);
    },
  });
}

function timedStore(store: ConversationStore): ConversationStore {
  return {
    async withConversation(key, work) {
      const t0 = performance.now();
      let finished = 0;
      try {
        return await store.withConversation(key, async (stored) => {
          count("store.lock+load", performance.now() - t0);
          try {
            return await work(stored);
          } finally {
            finished = performance.now();
          }
        });
      } finally {
        if (finished) count("store.save+unlock", performance.now() - finished);
      }
    },
  };
}

function timedEngine(engine: ConversationEngine): ConversationEngine {
  return {
    async handle(identity, inbound) {
      const t0 = performance.now();
      try {
        return await engine.handle(identity, inbound);
      } finally {
        engineMs.push(performance.now() - t0);
      }
    },
    notePushed: (identity, question) => engine.notePushed(identity, question),
  };
}

function timedFinder(finder: NearestPointsFinder): NearestPointsFinder {
  return {
    nearest: (from, options) => timed("finder.nearest", () => finder.nearest(from, options)),
    point: (id) => timed("finder.point", () => finder.point(id)),
    invalidate: () => finder.invalidate(),
    settled: () => finder.settled(),
  };
}

const countingLog: Log = {
  debug: () => {},
  info: () => {},
  warn: () => {
    errors += 1;
  },
  error: (...args: unknown[]) => {
    errors += 1;
    if (errors <= 3) process.stderr.write(`bot process error: ${JSON.stringify(args).slice(0, 500)}\n`);
  },
  child: () => countingLog,
};

// ---- The bots -------------------------------------------------------------------------------------------------

const ALLOWED_UPDATES = ["message", "callback_query"] as const;

/** The bare bot: grammY with the same client plugin, per-chat ordering and runner options as the channel. */
async function startEcho(): Promise<() => Promise<void>> {
  const bot = new Bot(config.token, { client: { apiRoot: config.apiRoot } });
  bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 30 }));
  bot.use(sequentialize((ctx) => ctx.chat?.id.toString()));
  bot.on("message:text", (ctx) => ctx.reply(ctx.message.text));
  bot.catch(() => {
    errors += 1;
  });
  await bot.init();
  await bot.api.deleteWebhook();
  const runner = run(bot, {
    runner: {
      fetch: { allowed_updates: [...ALLOWED_UPDATES], timeout: 30 },
      silent: true,
      retryInterval: "exponential",
    },
  });
  return async () => {
    if (runner.isRunning()) await runner.stop();
  };
}

/** Sportello: the real channel, engine, Redis store and Prisma repositories, wired as app/start.ts does. */
async function startSportello(): Promise<() => Promise<void>> {
  if (!config.databaseUrl || !config.redisUrl || !config.redisPrefix) throw new Error("sportello needs a database");
  const timeZone = config.timeZone ?? DEFAULT_TIME_ZONE;
  const db = createPrisma(config.databaseUrl);
  const redis = await connectRedis(config.redisUrl);
  redis.on("error", () => {
    errors += 1;
  });
  const core = createCoreDeps(db, { clock: systemClock, timeZone, policy: DEFAULT_BOOKING_POLICY });
  if (config.instrument) core.repos = wrapRepositories(core.repos);
  const { engine } = createConversationStack({
    core,
    redis: config.instrument ? countingRedis(redis) : redis,
    prefix: config.redisPrefix,
    log: countingLog,
    ...(config.instrument ? { wrap: { store: timedStore, finder: timedFinder } } : {}),
  });
  const channel = telegramChannel({
    token: config.token,
    apiRoot: config.apiRoot,
    publicUrl: undefined,
    webhookSecret: undefined,
    engine: config.instrument ? timedEngine(engine) : engine,
    log: countingLog,
    retryDelayMs: 500,
  });
  channel.start();
  return async () => {
    await channel.stop();
    await db.$disconnect();
    await redis.quit().catch(() => redis.disconnect());
  };
}

// ---- IPC ------------------------------------------------------------------------------------------------------

const loopDelay = monitorEventLoopDelay({ resolution: 5 });
loopDelay.enable();
let lastElu = performance.eventLoopUtilization();
let profiler: Session | undefined;

function mark(label: string): MarkReport {
  const cpu = process.cpuUsage();
  const elu = performance.eventLoopUtilization(lastElu);
  lastElu = performance.eventLoopUtilization();
  const memory = process.memoryUsage();
  const report: MarkReport = {
    type: "mark",
    label,
    cpuUserUs: cpu.user,
    cpuSystemUs: cpu.system,
    atMs: performance.now(),
    eventLoopUtilisation: elu.utilization,
    loopDelayP99Ms: loopDelay.percentile(99) / 1e6,
    loopDelayMaxMs: loopDelay.max / 1e6,
    rssBytes: memory.rss,
    heapUsedBytes: memory.heapUsed,
    engineMs,
    counters,
    errors,
  };
  loopDelay.reset();
  engineMs = [];
  counters = {};
  errors = 0;
  return report;
}

async function main(): Promise<void> {
  const stopBot = config.kind === "echo" ? await startEcho() : await startSportello();
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= stopBot().catch(() => {});
    return stopping;
  };
  process.on("message", (raw) => {
    const message = raw as ToChild;
    void (async () => {
      switch (message.type) {
        case "mark":
          send(mark(message.label));
          break;
        case "profile-start":
          profiler = new Session();
          profiler.connect();
          await profiler.post("Profiler.enable");
          await profiler.post("Profiler.setSamplingInterval", { interval: 500 });
          await profiler.post("Profiler.start");
          break;
        case "profile-stop": {
          if (!profiler) break;
          const { profile } = await profiler.post("Profiler.stop");
          profiler.disconnect();
          profiler = undefined;
          await writeFile(message.path, JSON.stringify(profile));
          send({ type: "profile-written", path: message.path });
          break;
        }
        case "stop":
          await stop();
          send({ type: "stopped" });
          process.disconnect();
          setTimeout(() => process.exit(0), 200).unref();
          break;
      }
    })().catch((error: unknown) => send({ type: "failed", message: String(error) }));
  });
  // The parent went away without saying stop: do not linger.
  process.on("disconnect", () => {
    void stop().finally(() => process.exit(0));
  });
  send({ type: "ready" });
}

main().catch((error: unknown) => {
  send({ type: "failed", message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  process.exitCode = 1;
  process.disconnect?.();
});
