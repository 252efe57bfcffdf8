import { Redis } from "ioredis";
import { Registry } from "prom-client";
import { prismaDomainEventSource } from "../../app/db/repositories/domain-event-source.js";
import type { ChannelName } from "../../core/citizens/citizen.js";
import type { ConversationEngine } from "../../core/conversation/engine.js";
import { createComposer } from "../../core/conversation/push/compose.js";
import { pushedQuestionOf } from "../../core/conversation/push/push-choice.js";
import { silentLog } from "../../core/log.js";
import type { MessageSender } from "../../core/messaging/ports.js";
import type { CoreDeps } from "../../core/ports.js";
import { createWorkerMetrics } from "../../workers/metrics.js";
import { type RunningWorkers, startWorkers } from "../../workers/runtime.js";
import type { WorkerDeps } from "../../workers/worker-deps.js";
import type { WorkerSettings } from "../../workers/worker-settings.js";
import type { IntegrationContext } from "./integration.js";
import { testEnv } from "./test-env.js";

/** Settings for tests: short periods, so nothing waits for long; the reconciler runs when asked. */
export function testWorkerSettings(overrides: Partial<WorkerSettings> = {}): WorkerSettings {
  return {
    concurrency: 4,
    telegramPerSecond: 30,
    telegramChatGapMs: 1000,
    leaseMs: 60_000,
    attempts: 3,
    lookaheadMs: 10 * 60_000,
    reconcileEveryMs: 60 * 60_000,
    dispatchEveryMs: 100,
    shutdownTimeoutMs: 3_000,
    timeZone: "Europe/Rome",
    morningAgendaTime: "07:30",
    ...overrides,
  };
}

/** The real workers on the test's own database, Redis key prefix (BullMQ `prefix`) and clock. */
export function testWorkerDeps(
  ctx: IntegrationContext,
  options: {
    core: CoreDeps;
    senders: Partial<Record<ChannelName, MessageSender>>;
    engine?: ConversationEngine;
    settings?: Partial<WorkerSettings>;
    registry?: Registry;
  },
): WorkerDeps {
  const { engine } = options;
  return {
    core: options.core,
    log: silentLog,
    events: prismaDomainEventSource(ctx.db),
    redis: ctx.redis,
    bullConnection: () => new Redis(testEnv.TEST_REDIS_URL, { maxRetriesPerRequest: null }),
    prefix: ctx.redisPrefix,
    senders: options.senders,
    compose: createComposer({ core: options.core }),
    ...(engine
      ? {
          async delivered(message, replies) {
            const question = pushedQuestionOf(replies);
            if (question) {
              await engine.notePushed(
                { channel: message.address.channel, userId: message.address.externalId },
                question,
              );
            }
          },
        }
      : {}),
    chores: {},
    settings: testWorkerSettings(options.settings),
    metrics: createWorkerMetrics(options.registry ?? new Registry()),
  };
}

export function startTestWorkers(...args: Parameters<typeof testWorkerDeps>): Promise<RunningWorkers> {
  return startWorkers(testWorkerDeps(...args));
}
