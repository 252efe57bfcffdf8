import { sendJson } from "../bots/http/body.js";
import type { Route } from "../bots/http/route.js";
import { telegramChannel } from "../bots/telegram/telegram-channel.js";
import type { SocketFactory } from "../bots/whatsapp/socket.js";
import { systemClock } from "../core/clock.js";
import type { ConversationEngine } from "../core/conversation/engine.js";
import type { Log } from "../core/log.js";
import type { CoreDeps } from "../core/ports.js";
import { isUuid } from "../core/validation.js";
import type { RunningWorkers } from "../workers/runtime.js";
import { adminQueues } from "./admin/admin-queues.js";
import { adminRoutes } from "./admin/admin-routes.js";
import { createMetricsRegistry, registerQueueGauges } from "./admin/metrics.js";
import { monitoringReportHandler } from "./admin/monitoring-report-route.js";
import type { Config } from "./config.js";
import { createConversationStack } from "./conversation/conversation-stack.js";
import { createCoreDeps } from "./core-deps.js";
import { locateDatabase } from "./db/database-location.js";
import { seedDemoMonitoring } from "./db/demo/demo-monitoring.js";
import { refreshDemoSchedule, seedDemoDataIfEmpty } from "./db/demo-seed.js";
import { migrateDeploy } from "./db/migrate.js";
import { createPrisma, type Db } from "./db/prisma-client.js";
import { checkHealth } from "./http/health.js";
import { startHttpServer } from "./http/server.js";
import { webChatFor } from "./http/web-chat.js";
import { Lifecycle } from "./lifecycle.js";
import { connectRedis, type Redis } from "./redis.js";
import { createWhatsApp, whatsappDegraded } from "./whatsapp-setup.js";
import { channelSenders, startWorkerStack } from "./workers/worker-stack.js";

export interface RunningApp {
  url: string;
  db: Db;
  redis: Redis;
  core: CoreDeps;
  engine: ConversationEngine;
  /** The workers of this process, when it runs them. */
  workers: RunningWorkers | undefined;
  stop(): Promise<void>;
}

export interface StartOptions {
  /**
   * "all" (npm start): channels, HTTP and, unless WORKERS=off, the workers. "workers"
   * (npm run workers): the workers, with only /healthz and the admin pages over HTTP.
   */
  role?: "all" | "workers";
  /** Tests: WhatsApp's socket (the fake one); the real Baileys socket otherwise. */
  makeWhatsAppSocket?: SocketFactory;
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
    {
      name: "WhatsApp",
      enabled: config.whatsapp.enabled,
      reason: config.whatsapp.enabled
        ? `session "${config.whatsapp.session}"${config.workersEnabled ? "" : " (WORKERS=off: its reminders wait for a process with the workers and the number)"}`
        : "WHATSAPP_ENABLED=false",
    },
  ];
}

/** Starts every configured part in one process. On failure, closes what was already started. */
export async function startApp(config: Config, log: Log, options: StartOptions = {}): Promise<RunningApp> {
  const role = options.role ?? "all";
  const channelsOn = role === "all";
  const workersOn = role === "workers" || config.workersEnabled;
  const lifecycle = new Lifecycle(log);
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
    // the demo bus's stops and the demo course are dated: a worker scheduler keeps them in the future
    const refresh = config.demoSeed ? () => refreshDemoSchedule(db, new Date(), config.timeZone) : undefined;
    if (refresh && channelsOn && !(await seedDemoDataIfEmpty(db, log, new Date(), config.timeZone))) await refresh();

    const clock = systemClock;
    const core = createCoreDeps(db, {
      clock,
      timeZone: config.timeZone,
      policy: config.booking,
      messaging: config.messaging,
    });
    if (refresh && channelsOn) {
      // demo monitoring data (idempotent: fixed ids), also on a demo network seeded before it existed
      const demo = await seedDemoMonitoring(db, core, config.monitoring.protection, new Date());
      if (demo.records > 0)
        log.info({ records: demo.records, months: demo.months }, "Demo monitoring data seeded (marked as demo)");
    }
    const { finder, engine } = createConversationStack({
      core,
      redis,
      prefix: config.redis.prefix,
      log,
      monitoring: config.monitoring,
    });
    lifecycle.add("point directory", () => finder.settled());

    if (channelsOn) {
      for (const channel of channelStatuses(config)) {
        log.info(`${channel.name} ${channel.enabled ? "on" : "off"}: ${channel.reason}`);
      }
    }

    const registry = createMetricsRegistry();
    // the number's one socket lives in the process serving the channels; its sender with it
    const whatsapp = channelsOn
      ? createWhatsApp(config, {
          db,
          database,
          engine,
          log,
          messages: core.repos.messages,
          ...(options.makeWhatsAppSocket ? { makeSocket: options.makeWhatsAppSocket } : {}),
        })
      : undefined;
    const senders = channelSenders(config, redis, whatsapp ? { whatsapp } : {});
    let workers: RunningWorkers | undefined;
    if (workersOn) {
      workers = await startWorkerStack({
        config,
        db,
        core,
        redis,
        engine,
        finder,
        log,
        registry,
        senders,
        ...(refresh ? { refreshDemoSchedule: refresh } : {}),
      });
      lifecycle.add("workers", () => workers?.stop());
    } else {
      log.info("Workers off: WORKERS=off (run `npm run workers` for reminders and pushed messages)");
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
          if (whatsapp) {
            const status = whatsapp.status();
            report.whatsapp = status;
            if (whatsappDegraded(status)) report.status = "degraded";
          }
          sendJson(res, report.status === "ok" ? 200 : 503, report);
        },
      },
    ];
    if (config.admin.token) {
      let queues = workers?.queues;
      if (!queues) {
        const standalone = adminQueues(config, Object.keys(senders));
        lifecycle.add("admin queues", () => standalone.close());
        queues = standalone.queues;
      }
      const shown = queues;
      registerQueueGauges(registry, { queues: () => shown, messages: core.repos.messages });
      const monitoringReport = monitoringReportHandler({
        core,
        settings: config.monitoring,
        pointIdOf: async (given) =>
          (
            await db.point.findFirst({
              where: isUuid(given) ? { OR: [{ id: given }, { code: given }] } : { code: given },
              select: { id: true },
            })
          )?.id ?? null,
        log,
      });
      routes.push(...adminRoutes({ token: config.admin.token, queues: shown, registry, log, monitoringReport }));
      log.info("Admin pages on: /admin/queues (Bull Board), /metrics and /admin/monitoring/report, behind ADMIN_TOKEN");
    } else {
      log.info("Admin pages off: ADMIN_TOKEN not set (no /admin/queues, no /metrics)");
    }
    if (channelsOn && config.webChat.enabled) {
      routes.push(...webChatFor(config, { core, stack: { finder, engine }, redis, log }));
    }
    const telegram =
      channelsOn && config.telegram.token
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
    if (whatsapp) {
      // connects in the background; stopped first at shutdown (pushed messages then wait in their rows)
      await whatsapp.start();
      lifecycle.add("whatsapp", () => whatsapp.stop());
    }

    const closeTimeout = Math.max(10_000, config.workers.shutdownTimeoutMs + 5_000);
    return { url: http.url, db, redis, core, engine, workers, stop: () => lifecycle.closeAll(closeTimeout) };
  } catch (error) {
    await lifecycle.closeAll();
    throw error;
  }
}
