import type { Redis } from "ioredis";
import type { WebSessionRecord, WebSessionStore } from "../../bots/web/web-sessions.js";

/** Moves a session to a new key, only if the old one still exists: one request wins a race, the other sees 0. */
const REPLACE = `
if redis.call("del", KEYS[1]) == 1 then
  redis.call("set", KEYS[2], ARGV[1], "EX", ARGV[2])
  return 1
end
return 0`;

type ScriptedRedis = Redis & {
  webSessionReplace(oldKey: string, newKey: string, record: string, ttlSeconds: number): Promise<number>;
};

function parse(raw: string | null): WebSessionRecord | null {
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Partial<WebSessionRecord>;
    return typeof value.chatId === "string" && typeof value.consented === "boolean"
      ? { chatId: value.chatId, consented: value.consented }
      : null;
  } catch {
    return null;
  }
}

/** Web chat sessions in Redis: `<prefix>:web-session:<hash of the token>` → `{ chatId, consented }`, with a TTL. */
export function redisWebSessionStore(redis: Redis, options: { prefix: string }): WebSessionStore {
  const keyOf = (key: string) => `${options.prefix}:web-session:${key}`;
  const scripted = redis as ScriptedRedis;
  if (!("webSessionReplace" in redis)) redis.defineCommand("webSessionReplace", { numberOfKeys: 2, lua: REPLACE });
  const json = (record: WebSessionRecord) => JSON.stringify({ chatId: record.chatId, consented: record.consented });

  return {
    find: async (key) => parse(await redis.get(keyOf(key))),
    async create(key, record, ttlSeconds) {
      await redis.set(keyOf(key), json(record), "EX", ttlSeconds, "NX");
    },
    touch: async (key, ttlSeconds) => (await redis.expire(keyOf(key), ttlSeconds)) === 1,
    replace: async (oldKey, newKey, record, ttlSeconds) =>
      (await scripted.webSessionReplace(keyOf(oldKey), keyOf(newKey), json(record), ttlSeconds)) === 1,
  };
}
