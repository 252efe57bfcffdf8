import type { Queue } from "bullmq";
import type { ChannelName } from "../core/citizens/citizen.js";
import { jobRequest } from "./job-definition.js";
import { addMessageJobs, type MessageQueues } from "./message-jobs.js";
import { withRedisLock } from "./redis-lock.js";
import { patternOf, SCHEDULERS } from "./schedulers.js";
import type { WorkerDeps } from "./worker-deps.js";

const PAGE = 1_000;

export interface ReconcileReport {
  ran: boolean;
  /** Rows in "sending" past their lease, now "unknown". */
  unknown: number;
  /** Jobs (re-)created for pending messages due within the lookahead. */
  restored: number;
  schedulers: number;
}

/**
 * Makes Redis agree with the database, from one process at a time (a Redis lock): rows left in
 * "sending" past their lease become "unknown" (counted, never re-sent), every pending message due
 * within the lookahead gets its job (adding an existing job id changes nothing, so after a flushed
 * or restarted Redis every one comes back), and the job schedulers are upserted again.
 */
export async function reconcile(
  deps: WorkerDeps,
  queues: { messages: Partial<Record<ChannelName, MessageQueues>>; chores: Queue },
): Promise<ReconcileReport> {
  const lockMs = Math.max(60_000, deps.settings.reconcileEveryMs);
  const outcome = await withRedisLock(deps.redis, `${deps.prefix}:workers:reconcile`, lockMs, async () => {
    const now = deps.core.clock.now();
    let unknown = 0;
    for (let round = 0; round < 100; round++) {
      const marked = await deps.core.repos.messages.expireLeases(now, PAGE);
      unknown += marked;
      if (marked < PAGE) break;
    }
    if (unknown > 0) {
      deps.metrics.messages.inc({ channel: "any", kind: "", outcome: "unknown" }, unknown);
      deps.log.warn({ unknown }, "outbound messages whose sending was interrupted are now 'unknown' (not re-sent)");
    }

    let schedulers = 0;
    for (const scheduler of SCHEDULERS) {
      if (!scheduler.enabled(deps)) continue;
      const request = jobRequest(scheduler.job, {});
      await queues.chores.upsertJobScheduler(
        scheduler.id,
        { pattern: patternOf(scheduler, deps), tz: deps.settings.timeZone },
        { name: request.name, data: request.data, opts: { removeOnComplete: 100, removeOnFail: 500 } },
      );
      schedulers += 1;
    }

    let restored = 0;
    const until = new Date(now.getTime() + deps.settings.lookaheadMs);
    let after: { dueAt: Date; id: string } | null = null;
    for (let round = 0; round < 1_000; round++) {
      const page = await deps.core.repos.messages.listPending(until, after, PAGE);
      restored += await addMessageJobs(page, queues.messages, deps.settings.attempts, deps.core.clock.now().getTime());
      const last = page.at(-1);
      if (!last || page.length < PAGE) break;
      after = { dueAt: last.dueAt, id: last.id };
    }
    deps.metrics.restored.inc(restored);
    return { unknown, restored, schedulers };
  });
  return outcome.ran ? { ran: true, ...outcome.result } : { ran: false, unknown: 0, restored: 0, schedulers: 0 };
}
