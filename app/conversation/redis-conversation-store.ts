import { randomBytes } from "node:crypto";
import type { Redis } from "ioredis";
import type { ConversationState } from "../../core/conversation/state.js";
import type { ConversationStore } from "../../core/conversation/store.js";
import { SportelloError } from "../../core/errors.js";

const RELEASE = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`;

export interface RedisStoreOptions {
  /** Every key starts with `<prefix>:`. */
  prefix: string;
  /** A lock older than this is considered abandoned (crashed instance). */
  lockTtlMs?: number;
  /** How long a message waits for the previous one of the same chat. */
  lockWaitMs?: number;
}

/**
 * Conversations in Redis, one JSON value per chat with a TTL, and a per-chat lock (SET NX PX +
 * compare-and-delete) so that several app instances handle one chat's messages one at a time.
 */
export function redisConversationStore(redis: Redis, options: RedisStoreOptions): ConversationStore {
  const lockTtl = options.lockTtlMs ?? 15_000;
  const lockWait = options.lockWaitMs ?? 10_000;
  const stateKey = (key: string) => `${options.prefix}:conv:${key}`;
  const lockKey = (key: string) => `${options.prefix}:conv-lock:${key}`;

  return {
    async load(key) {
      const raw = await redis.get(stateKey(key));
      if (!raw) return null;
      try {
        const state = JSON.parse(raw) as ConversationState;
        return state?.v === 1 ? state : null;
      } catch {
        return null;
      }
    },
    async save(key, state, ttlSeconds) {
      await redis.set(stateKey(key), JSON.stringify(state), "EX", ttlSeconds);
    },
    async delete(key) {
      await redis.del(stateKey(key));
    },
    async withLock(key, work) {
      const token = randomBytes(12).toString("base64url");
      const deadline = Date.now() + lockWait;
      for (let attempt = 0; ; attempt++) {
        if ((await redis.set(lockKey(key), token, "PX", lockTtl, "NX")) === "OK") break;
        if (Date.now() > deadline) {
          throw new SportelloError({
            code: "unavailable",
            message: "conversation lock not acquired in time",
            userMessage: "Un momento: sto ancora rispondendo al messaggio di prima. Riprova tra poco.",
          });
        }
        await new Promise((resolve) => setTimeout(resolve, Math.min(5 + attempt * 5, 50)));
      }
      try {
        return await work();
      } finally {
        await redis.eval(RELEASE, 1, lockKey(key), token).catch(() => {});
      }
    },
  };
}
