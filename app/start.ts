import { sendJson } from "../bots/http/body.js";
import type { Route } from "../bots/http/route.js";
import { telegramChannel } from "../bots/telegram/telegram-channel.js";
import { systemClock } from "../core/clock.js";
import type { ConversationEngine } from "../core/conversation/engine.js";
import type { Log } from "../core/log.js";
import type { CoreDeps } from "../core/ports.js";
import { expireWaitlistOffers } from "../core/waitlist/expire-offers.js";
import type { Config } from "./config.js";
import { createConversationStack } from "./conversation/conversation-stack.js";
import { createCoreDeps } from "./core-deps.js";
import { locateDatabase } from "./db/database-location.js";
import { refreshDemoSchedule, seedDemoDataIfEmpty } from "./db/demo-seed.js";
import { migrateDeploy } from "./db/migrate.js";
import { createPrisma, type Db } from "./db/prisma-client.js";
import { checkHealth } from "./http/health.js";
import { startHttpServer } from "./http/server.js";
import { webChatFor } from "./http/web-chat.js";
import { Lifecycle } from "./lifecycle.js";
import { connectRedis, type Redis } from "./redis.js";

export interface RunningApp {
  url: string;
  db: Db;
  redis: Redis;
  core: CoreDeps;
  engine: ConversationEngine;
  stop(): Promise<void>;
}

export interface ChannelStatus {
  name: string;
  enabled: boolean;
  reason: string;
}

/** Which channels this configuration turns on, and why the others stay off. */
export function channelStatuses(config: Config): ChannelStatus[] {
  return [
    {
      name: "Telegram",
      enabled: config.telegram.token !== undefined,
      reason: !config.telegram.token
        ? "TELEGRAM_BOT_TOKEN not set"
        : config.http.publicUrl
          ? `webhook at ${config.http.publicUrl}/telegram/webhook`
          : "long polling",
    },
    {
      name: "Web chat",
      enabled: config.webChat.enabled,
      reason: config.webChat.enabled ? "WEB_CHAT_ENABLED" : "WEB_CHAT_ENABLED=false",
    },
  ];
}

/** Starts every configured part in one process. On failure, closes what was already started. */
export async function startApp(config: Config, log: Log): Promise<RunningApp> {
  const lifecycle = new Lifecycle(log);
  /** A periodic chore: failures are logged, the timer never keeps the process alive, it stops with the app. */
  const every = (ms: number, what: string, chore: () => Promise<unknown>) => {
    const timer = setInterval(() => {
      chore().catch((error) => log.warn({ err: error }, `${what} failed`));
    }, ms);
    timer.unref();
    lifecycle.add(what, () => clearInterval(timer));
  };
  try {
    // Redis first: without it nothing works, so say so before any slower step
    const redis = await connectRedis(config.redis.url);
    redis.on("error", (error) => log.warn({ err: error }, "Redis connection problem"));
    // QUIT waits for an answer; a Redis that is already gone would never give one
    lifecycle.add("redis", () => (redis.status === "ready" ? redis.quit() : redis.disconnect()));

    const database = await locateDatabase(config, log);
    lifecycle.add("database", () => database.close());

    const { applied } = await migrateDeploy(database.url);
    log.info({ applied: applied.length, kind: database.kind }, "Database ready, migrations applied");

    const db = createPrisma(database.url, { poolMax: database.poolMax });
    lifecycle.add("prisma", () => db.$disconnect());
    if (config.demoSeed) {
      // the demo bus's stops and the demo course are dated: keep them in the future
      const refresh = () => refreshDemoSchedule(db, new Date(), config.timeZone);
      if (!(await seedDemoDataIfEmpty(db, log, new Date(), config.timeZone))) await refresh();
      every(6 * 60 * 60 * 1000, "demo schedule refresh", refresh);
    }

    const clock = systemClock;
    const core = createCoreDeps(db, { clock, timeZone: config.timeZone, policy: config.booking });
    const { finder, engine } = createConversationStack({ core, redis, prefix: config.redis.prefix, log });
    lifecycle.add("point directory", () => finder.settled());
    // a freed slot offered from the waitlist passes to the next in line when its time runs out
    every(60_000, "waitlist offer expiry", () => expireWaitlistOffers(core));

    for (const channel of channelStatuses(config)) {
      log.info(`${channel.name} ${channel.enabled ? "on" : "off"}: ${channel.reason}`);
    }

    const routes: Route[] = [
      {
        method: "GET",
        path: "/healthz",
        handler: async (_req, res) => {
          const report = await checkHealth({
            database: () => db.$queryRaw`SELECT 1`,
            redis: () => redis.ping(),
          });
          sendJson(res, report.status === "ok" ? 200 : 503, report);
        },
      },
    ];
    if (config.webChat.enabled) {
      routes.push(...webChatFor(config, { core, stack: { finder, engine }, redis, log }));
    }
    const telegram = config.telegram.token
      ? telegramChannel({
          token: config.telegram.token,
          apiRoot: config.telegram.apiRoot,
          publicUrl: config.http.publicUrl,
          webhookSecret: config.telegram.webhookSecret,
          engine,
          log,
        })
      : undefined;
    if (telegram) routes.push(...telegram.routes);

    const http = await startHttpServer({ host: config.http.host, port: config.http.port, routes, log });
    lifecycle.add("http", () => http.close());
    if (telegram) {
      telegram.start();
      lifecycle.add("telegram", () => telegram.stop());
    }

    return { url: http.url, db, redis, core, engine, stop: () => lifecycle.closeAll() };
  } catch (error) {
    await lifecycle.closeAll();
    throw error;
  }
}
