import { Queue } from "bullmq";
import { Redis } from "ioredis";
import type { ChannelName } from "../../core/citizens/citizen.js";
import { CHORES_QUEUE, messagesQueue } from "../../workers/queues.js";
import type { Config } from "../config.js";

/**
 * The queues, for the dashboard and the metrics of a process that runs no workers (WORKERS=off):
 * the same names the workers use, on one connection that fails fast when Redis is gone.
 */
export function adminQueues(config: Config, channels: readonly string[]): { queues: Queue[]; close(): Promise<void> } {
  const connection = new Redis(config.redis.url, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
  connection.on("error", () => {});
  const names = [...channels.map((c) => messagesQueue(c as ChannelName)), CHORES_QUEUE];
  const queues = names.map((name) => new Queue(name, { connection, prefix: config.redis.prefix }));
  return {
    queues,
    async close() {
      await Promise.allSettled(queues.map((q) => q.close()));
      connection.disconnect();
    },
  };
}
