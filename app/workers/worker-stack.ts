import { Redis } from "ioredis";
import type { Registry } from "prom-client";
import { telegramSender } from "../../bots/telegram/telegram-sender.js";
import { webSender } from "../../bots/web/web-inbox.js";
import { pruneWhatsAppLogs } from "../../bots/whatsapp/prune.js";
import type { WhatsAppChannel } from "../../bots/whatsapp/whatsapp-channel.js";
import { whatsappSender } from "../../bots/whatsapp/whatsapp-sender.js";
import type { ChannelName } from "../../core/citizens/citizen.js";
import type { ConversationEngine } from "../../core/conversation/engine.js";
import { createComposer } from "../../core/conversation/push/compose.js";
import { pushedQuestionOf } from "../../core/conversation/push/push-choice.js";
import type { Log } from "../../core/log.js";
import type { MessageSender } from "../../core/messaging/ports.js";
import type { NearestPointsFinder } from "../../core/points/nearest-points.js";
import type { CoreDeps } from "../../core/ports.js";
import { createWorkerMetrics } from "../../workers/metrics.js";
import { type RunningWorkers, startWorkers } from "../../workers/runtime.js";
import { type Config, TELEGRAM_RETRY_ATTEMPTS, TELEGRAM_TIMEOUT_SECONDS } from "../config.js";
import type { Db } from "../db/prisma-client.js";
import { prismaDomainEventSource } from "../db/repositories/domain-event-source.js";
import { prismaWhatsAppStorage } from "../db/repositories/whatsapp-storage.js";
import { redisWebInbox } from "../http/redis-web-inbox.js";
import type { Redis as RedisClient } from "../redis.js";

/**
 * The senders of the channels this configuration turns on. WhatsApp's only where this process
 * holds the channel (`npm start`): its messages go through the number's one socket and outbox.
 */
export function channelSenders(config: Config, redis: RedisClient, channels: { whatsapp?: WhatsAppChannel } = {}) {
  const senders: Partial<Record<ChannelName, MessageSender>> = {};
  if (config.webChat.enabled) senders.web = webSender(redisWebInbox(redis, { prefix: config.redis.prefix }));
  if (config.telegram.token) {
    senders.telegram = telegramSender({
      token: config.telegram.token,
      apiRoot: config.telegram.apiRoot,
      maxRetryDelaySeconds: config.telegram.retryMaxDelaySeconds,
      maxRetryAttempts: TELEGRAM_RETRY_ATTEMPTS,
      timeoutSeconds: TELEGRAM_TIMEOUT_SECONDS,
    });
  }
  if (channels.whatsapp) {
    senders.whatsapp = whatsappSender({ outbox: channels.whatsapp.outbox, waitMs: config.whatsapp.pushWaitMs });
  }
  return senders;
}

/**
 * The workers as the app runs them: BullMQ on its own Redis connections, messages composed with
 * the conversation's texts, delivered through each channel's sender, and their buttons noted in
 * the chat's conversation.
 */
export function startWorkerStack(options: {
  config: Config;
  db: Db;
  core: CoreDeps;
  redis: RedisClient;
  engine: ConversationEngine;
  finder: NearestPointsFinder;
  log: Log;
  registry: Registry;
  senders: Partial<Record<ChannelName, MessageSender>>;
  refreshDemoSchedule?: () => Promise<unknown>;
}): Promise<RunningWorkers> {
  const { config, engine, log } = options;
  return startWorkers({
    core: options.core,
    log: log.child({ part: "workers" }),
    events: prismaDomainEventSource(options.db),
    redis: options.redis,
    bullConnection: () => new Redis(config.redis.url, { maxRetriesPerRequest: null, connectTimeout: 5_000 }),
    prefix: config.redis.prefix,
    senders: options.senders,
    compose: createComposer({ core: options.core, point: (id) => options.finder.point(id) }),
    async delivered(message, replies) {
      const question = pushedQuestionOf(replies);
      if (question)
        await engine.notePushed({ channel: message.address.channel, userId: message.address.externalId }, question);
    },
    chores: {
      ...(options.refreshDemoSchedule ? { refreshDemoSchedule: options.refreshDemoSchedule } : {}),
      // where WhatsApp is on: old copies of sent messages and ids of received ones, hourly
      ...(config.whatsapp.enabled
        ? { pruneWhatsApp: () => pruneWhatsAppLogs(prismaWhatsAppStorage(options.db), new Date()) }
        : {}),
    },
    settings: config.workers,
    metrics: createWorkerMetrics(options.registry),
  });
}
