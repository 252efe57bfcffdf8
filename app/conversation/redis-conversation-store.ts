import { randomBytes } from "node:crypto";
import type { Redis } from "ioredis";
import type { ConversationState } from "../../core/conversation/state.js";
import type { ConversationStore } from "../../core/conversation/store.js";
import { SportelloError } from "../../core/errors.js";

/** Takes the chat's lock and, if it got it, returns the stored state: one round trip. */
const ACQUIRE = `
if redis.call("set", KEYS[1], ARGV[1], "NX", "PX", ARGV[2]) then
  local state = redis.call("get", KEYS[2])
  if state then return {1, state} end
  return {1}
end
return {0}`;

/** Saves (or deletes) the state and releases the lock, only if the lock is still ours. */
const FINISH = `
if redis.call("get", KEYS[1]) ~= ARGV[1] then return 0 end
if ARGV[2] == "save" then redis.call("set", KEYS[2], ARGV[3], "EX", ARGV[4])
elseif ARGV[2] == "delete" then redis.call("del", KEYS[2]) end
redis.call("del", KEYS[1])
return 1`;

type ScriptedRedis = Redis & {
  conversationAcquire(lock: string, state: string, token: string, ttlMs: number): Promise<[number, string?]>;
  conversationFinish(
    lock: string,
    state: string,
    token: string,
    mode: "save" | "delete" | "release",
    json: string,
    ttlSeconds: number,
  ): Promise<number>;
};

export interface RedisStoreOptions {
  /** Every key starts with `<prefix>:`. */
  prefix: string;
  /** A lock older than this is considered abandoned (crashed instance). */
  lockTtlMs?: number;
  /** How long a message waits for the previous one of the same chat. */
  lockWaitMs?: number;
  /** Told when a turn outlived its lock and its state was not saved. */
  onLostLock?: () => void;
}

function parse(raw: string | undefined): ConversationState | null {
  if (!raw) return null;
  try {
    const state = JSON.parse(raw) as ConversationState;
    return state?.v === 1 ? state : null;
  } catch {
    return null;
  }
}

/**
 * Conversations in Redis: one JSON value per chat with a TTL, and a per-chat lock (SET NX PX,
 * released only by its owner). A turn costs two round trips: lock+load, then save+unlock.
 */
export function redisConversationStore(redis: Redis, options: RedisStoreOptions): ConversationStore {
  const lockTtl = options.lockTtlMs ?? 15_000;
  const lockWait = options.lockWaitMs ?? 10_000;
  const scripted = redis as ScriptedRedis;
  if (!("conversationAcquire" in redis)) {
    redis.defineCommand("conversationAcquire", { numberOfKeys: 2, lua: ACQUIRE });
    redis.defineCommand("conversationFinish", { numberOfKeys: 2, lua: FINISH });
  }

  return {
    async withConversation(key, work) {
      const stateKey = `${options.prefix}:conv:${key}`;
      const lockKey = `${options.prefix}:conv-lock:${key}`;
      const token = randomBytes(12).toString("base64url");
      const deadline = Date.now() + lockWait;
      let stored: string | undefined;
      for (let attempt = 0; ; attempt++) {
        const [got, state] = await scripted.conversationAcquire(lockKey, stateKey, token, lockTtl);
        if (got === 1) {
          stored = state;
          break;
        }
        if (Date.now() > deadline) {
          throw new SportelloError({
            code: "unavailable",
            message: "conversation lock not acquired in time",
            userMessage: "Un momento: sto ancora rispondendo al messaggio di prima. Riprova tra poco.",
          });
        }
        await new Promise((resolve) => setTimeout(resolve, Math.min(5 + attempt * 5, 50)));
      }
      let turn: Awaited<ReturnType<typeof work>>;
      try {
        turn = await work(parse(stored));
      } catch (error) {
        await scripted.conversationFinish(lockKey, stateKey, token, "release", "", 0).catch(() => {});
        throw error;
      }
      const mode = turn.next ? "save" : "delete";
      const saved = await scripted.conversationFinish(
        lockKey,
        stateKey,
        token,
        mode,
        turn.next ? JSON.stringify(turn.next) : "",
        turn.ttlSeconds,
      );
      // another instance took over after the lock expired: its state wins, ours is dropped
      if (saved !== 1) options.onLostLock?.();
      return turn.result;
    },
  };
}
