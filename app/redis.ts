import { Redis } from "ioredis";
import { SportelloError } from "../core/errors.js";

export type { Redis };

function redisHelp(url: string, reason: string): string {
  const shown = url.replace(/\/\/[^@/]*@/, "//[credentials]@");
  return [
    `Redis is not reachable at ${shown} (${reason}).`,
    "Sportello needs Redis (6.2 or newer) for its queues and conversations. Start one with either:",
    "  docker compose up -d redis",
    "  sudo apt-get install -y redis-server   # Debian/Ubuntu, then: sudo systemctl start redis-server",
    "and set REDIS_URL if it does not listen on redis://127.0.0.1:6379.",
  ].join("\n");
}

/**
 * Connects to Redis, failing fast with instructions when it is not there. The returned client
 * reconnects on its own later.
 */
export async function connectRedis(url: string): Promise<Redis> {
  const probe = new Redis(url, {
    lazyConnect: true,
    connectTimeout: 2_000,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null,
  });
  probe.on("error", () => {});
  try {
    await probe.connect();
    await probe.ping();
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new SportelloError({ code: "unavailable", message: redisHelp(url, reason), cause: error });
  } finally {
    probe.disconnect();
  }
  // A command waits at most a few seconds for a Redis that went away, then fails: a chat answers
  // "riprova tra poco" instead of hanging. (BullMQ, which needs maxRetriesPerRequest: null, will
  // get its own connection.)
  const client = new Redis(url, { maxRetriesPerRequest: 2, commandTimeout: 3_000, connectTimeout: 5_000 });
  return client;
}
