import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";

const RELEASE = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`;

/**
 * Runs `work` only if this process gets the lock (SET NX PX); another process holding it means the
 * work is being done. Released only by its owner. `ttlMs` must exceed the work's duration.
 */
export async function withRedisLock<T>(
  redis: Redis,
  key: string,
  ttlMs: number,
  work: () => Promise<T>,
): Promise<{ ran: true; result: T } | { ran: false }> {
  const token = randomUUID();
  if ((await redis.set(key, token, "PX", ttlMs, "NX")) !== "OK") return { ran: false };
  try {
    return { ran: true, result: await work() };
  } finally {
    await redis.eval(RELEASE, 1, key, token).catch(() => {});
  }
}
