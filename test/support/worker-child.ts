/**
 * A worker process for tests that kill one mid-job: the real workers (runtime, send job, Telegram
 * sender) on the test's database, Redis prefix and a fixed clock. Started with
 * `node --import tsx test/support/worker-child.ts '<json>'`; says "ready" over IPC.
 */
import { Redis } from "ioredis";
import { createCoreDeps } from "../../app/core-deps.js";
import { createPrisma } from "../../app/db/prisma-client.js";
import { telegramSender } from "../../bots/telegram/telegram-sender.js";
import { DEFAULT_BOOKING_POLICY } from "../../core/booking/policy.js";
import { fixedClock } from "../../core/clock.js";
import { startWorkers } from "../../workers/runtime.js";
import { testWorkerDeps } from "./workers.js";

export interface WorkerChildConfig {
  databaseUrl: string;
  redisUrl: string;
  redisPrefix: string;
  token: string;
  apiRoot: string;
  now: string;
  leaseMs: number;
}

const config = JSON.parse(process.argv[2] ?? "{}") as WorkerChildConfig;
const db = createPrisma(config.databaseUrl, { poolMax: 4 });
const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: null });
const core = createCoreDeps(db, {
  clock: fixedClock(config.now),
  timeZone: "Europe/Rome",
  policy: DEFAULT_BOOKING_POLICY,
});
const sender = telegramSender({
  token: config.token,
  apiRoot: config.apiRoot,
  maxRetryDelaySeconds: 5,
  maxRetryAttempts: 2,
  timeoutSeconds: 60,
});
const context = { db, redis, redisPrefix: config.redisPrefix } as Parameters<typeof testWorkerDeps>[0];
await startWorkers(
  testWorkerDeps(context, { core, senders: { telegram: sender }, settings: { leaseMs: config.leaseMs } }),
);
process.send?.({ type: "ready" });
