import { DelayedError, UnrecoverableError } from "bullmq";
import { z } from "zod";
import type { ChannelName } from "../../core/citizens/citizen.js";
import { deliverMessage } from "../../core/messaging/deliver.js";
import type { ChatGate } from "../chat-gate.js";
import { defineJob, type JobContext } from "../job-definition.js";
import { messagesQueue } from "../queues.js";

const payload = z.object({
  messageId: z.string().uuid(),
  /** The row's due time this job was made for (ms): a re-timed row gets another job. */
  dueAt: z.number().int().nonnegative(),
});

export type SendMessagePayload = z.output<typeof payload>;

/** Back to the queue until `at` (core's clock), without using up an attempt. */
async function delayUntil(ctx: JobContext, at: Date): Promise<never> {
  const wait = Math.max(10, at.getTime() - ctx.deps.core.clock.now().getTime());
  await ctx.job.moveToDelayed(Date.now() + wait, ctx.token);
  throw new DelayedError();
}

/**
 * Delivers one outbound message (core/messaging/deliver.ts does the claiming and marking). Waits
 * (a chat's gap, a flood wait) go back to the queue as delays without using an attempt; a permanent
 * failure is an UnrecoverableError; a transient one is retried with backoff.
 */
export function sendMessageJob(channel: ChannelName, gate: ChatGate | undefined) {
  return defineJob({
    name: "send-message",
    queue: messagesQueue(channel),
    payload,
    jobId: (p) => `msg-${p.messageId}-${p.dueAt}`,
    options: {
      backoff: { type: "exponential", delay: 5_000 },
      removeOnComplete: { age: 3_600, count: 10_000 },
      removeOnFail: { age: 7 * 24 * 3_600, count: 10_000 },
    },
    async handle(p, ctx) {
      const { deps, job } = ctx;
      const attempts = job.opts.attempts ?? 1;
      const result = await deliverMessage(
        {
          messages: deps.core.repos.messages,
          clock: deps.core.clock,
          log: deps.log,
          compose: deps.compose,
          sender: (c) => deps.senders[c],
          ...(gate ? { pace: (address) => gate.take(address) } : {}),
          ...(deps.delivered ? { delivered: deps.delivered } : {}),
        },
        p.messageId,
        { leaseMs: deps.settings.leaseMs, lastAttempt: job.attemptsMade + 1 >= attempts },
      );
      const kind = "message" in result ? result.message.kind : "";
      const count = (outcome: string) => deps.metrics.messages.inc({ channel, kind, outcome });
      switch (result.status) {
        case "sent":
          count("sent");
          deps.metrics.lag.observe({ channel }, result.lagMs / 1000);
          return;
        case "ignored":
        case "not_due":
          return;
        case "busy":
          return delayUntil(ctx, new Date(result.until.getTime() + 1_000));
        case "unknown":
          count("unknown");
          deps.log.warn({ messageId: p.messageId, why: result.why }, "outbound message in an unknown state");
          return;
        case "skipped":
          count("skipped");
          return;
        case "wait":
          if (result.why === "rate_limited") deps.metrics.rateLimited.inc({ channel });
          return delayUntil(ctx, result.retryAt);
        case "failed":
          count("failed");
          throw new UnrecoverableError(result.code);
        case "retry":
          count("retried");
          throw new Error(result.code);
      }
    },
  });
}
