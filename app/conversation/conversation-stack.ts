import type { Redis } from "ioredis";
import { type ConversationEngine, createConversationEngine } from "../../core/conversation/engine.js";
import type { EngineDeps } from "../../core/conversation/steps/step.js";
import type { ConversationStore } from "../../core/conversation/store.js";
import type { Log } from "../../core/log.js";
import { createNearestPointsFinder, type NearestPointsFinder } from "../../core/points/nearest-points.js";
import type { CoreDeps } from "../../core/ports.js";
import { redisConversationStore } from "./redis-conversation-store.js";

export interface ConversationStack {
  finder: NearestPointsFinder;
  engine: ConversationEngine;
}

/**
 * The conversation as the app runs it: the nearest-points directory (itinerant visits over the
 * whole booking horizon), the Redis store, the engine. One place, used by start-up, tests and
 * benchmarks; `wrap` lets a benchmark time the store and the finder.
 */
export function createConversationStack(options: {
  core: CoreDeps;
  redis: Redis;
  prefix: string;
  log: Log;
  wrap?: {
    store?: (store: ConversationStore) => ConversationStore;
    finder?: (f: NearestPointsFinder) => NearestPointsFinder;
  };
  /** Other channel profiles than CHANNEL_PROFILES (tests). */
  profiles?: EngineDeps["profiles"];
  /** config.monitoring: the monitoring profile's questions are offered only with it. */
  monitoring?: EngineDeps["monitoring"];
}): ConversationStack {
  const { core, log } = options;
  const finder = createNearestPointsFinder({
    points: core.repos.points,
    clock: core.clock,
    timeZone: core.timeZone,
    visitDays: core.policy.horizonDays + 2,
  });
  const store = redisConversationStore(options.redis, {
    prefix: options.prefix,
    onLostLock: () => log.warn("A conversation turn outlived its lock: its state was not saved"),
  });
  const engine = createConversationEngine({
    core,
    finder: options.wrap?.finder?.(finder) ?? finder,
    store: options.wrap?.store?.(store) ?? store,
    log,
    ...(options.profiles ? { profiles: options.profiles } : {}),
    ...(options.monitoring ? { monitoring: options.monitoring } : {}),
  });
  return { finder, engine };
}
