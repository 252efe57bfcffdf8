import { Redis } from "ioredis";
import { testEnv } from "./test-env.js";

/** The key space of a run (`scope` omitted) or of one test file: keys are `<prefix>:<key>`. */
export function redisPrefix(runId: string, scope?: string): string {
  return scope ? `test:${runId}:${scope}` : `test:${runId}`;
}

/** Deletes every key under `<prefix>:` (SCAN, never KEYS), returns how many. */
export async function deleteKeys(redis: Redis, prefix: string): Promise<number> {
  let deleted = 0;
  let cursor = "0";
  do {
    const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 500);
    cursor = next;
    if (keys.length > 0) deleted += await redis.unlink(...keys);
  } while (cursor !== "0");
  return deleted;
}

export function connectTestRedis(): Redis {
  return new Redis(testEnv.TEST_REDIS_URL, { maxRetriesPerRequest: null });
}
