import type { Queue } from "bullmq";
import type { ChannelName } from "../core/citizens/citizen.js";
import type { DueMessage } from "../core/messaging/message.js";
import { jobRequest } from "./job-definition.js";
import type { sendMessageJob } from "./jobs/send-message.js";

export interface MessageQueues {
  queue: Queue;
  job: ReturnType<typeof sendMessageJob>;
}

/**
 * Creates the send jobs of due messages, delayed until their due time, grouped by channel queue.
 * Job ids are deterministic: a job that already exists is left as it is.
 */
export async function addMessageJobs(
  rows: readonly DueMessage[],
  queues: Partial<Record<ChannelName, MessageQueues>>,
  attempts: number,
  now: number,
): Promise<number> {
  let added = 0;
  const byChannel = new Map<ChannelName, DueMessage[]>();
  for (const row of rows) byChannel.set(row.channel, [...(byChannel.get(row.channel) ?? []), row]);
  for (const [channel, list] of byChannel) {
    const target = queues[channel];
    if (!target) continue;
    await target.queue.addBulk(
      list.map((row) =>
        jobRequest(
          target.job,
          { messageId: row.id, dueAt: row.dueAt.getTime() },
          { attempts, delay: Math.max(0, row.dueAt.getTime() - now) },
        ),
      ),
    );
    added += list.length;
  }
  return added;
}
