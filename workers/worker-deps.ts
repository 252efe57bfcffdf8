import type { Redis } from "ioredis";
import type { ChannelName } from "../core/citizens/citizen.js";
import type { Reply } from "../core/conversation/reply.js";
import type { DomainEventSource } from "../core/events/ports.js";
import type { Log } from "../core/log.js";
import type { Composed } from "../core/messaging/deliver.js";
import type { OutboundMessage } from "../core/messaging/message.js";
import type { MessageSender } from "../core/messaging/ports.js";
import type { CoreDeps } from "../core/ports.js";
import type { JobDefinition } from "./job-definition.js";
import type { WorkerMetrics } from "./metrics.js";
import type { WorkerSettings } from "./worker-settings.js";

/** What the workers are given by app/ (they never import it). */
export interface WorkerDeps {
  core: CoreDeps;
  log: Log;
  /** The domain_event outbox, claimed in batches. */
  events: DomainEventSource;
  /** A connection for plain commands (per-chat gates, the reconciler's lock). */
  redis: Redis;
  /** A new connection for BullMQ (maxRetriesPerRequest: null); closed by the workers. */
  bullConnection(): Redis;
  /** The Redis key prefix of this installation (also BullMQ's `prefix`). */
  prefix: string;
  /** A sender per channel that is on in this process. */
  senders: Partial<Record<ChannelName, MessageSender>>;
  /** Composes a message at send time (core/conversation/push/compose.ts). */
  compose(message: OutboundMessage): Promise<Composed>;
  /** After a message went out: the engine notes its buttons as the chat's question. */
  delivered?(message: OutboundMessage, replies: readonly Reply[]): Promise<void>;
  /** Chores app/ owns (the demo data lives there). */
  chores: { refreshDemoSchedule?: () => Promise<unknown> };
  settings: WorkerSettings;
  metrics: WorkerMetrics;
  /** Adds a chores job (set by the runtime once its queue exists). */
  enqueue?<P>(definition: JobDefinition<P>, payload: P): Promise<void>;
}
