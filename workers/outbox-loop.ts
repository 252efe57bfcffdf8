import type { ChannelName } from "../core/citizens/citizen.js";
import { handleEvents } from "./event-handlers.js";
import { addMessageJobs, type MessageQueues } from "./message-jobs.js";
import type { WorkerDeps } from "./worker-deps.js";

const EVENT_BATCH = 200;
const DISPATCH_BATCH = 500;

export interface OutboxLoop {
  /** Runs one round now (tests, and right after start). */
  tick(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Every `dispatchEveryMs`, in every worker process: the relay claims unprocessed domain events
 * (FOR UPDATE SKIP LOCKED), runs their handlers and marks them processed; then the dispatcher
 * turns pending messages due within the lookahead into delayed jobs (each row is taken by one
 * process, and taken again only if it is re-timed). Full batches are followed at once by the next.
 */
export function startOutboxLoop(deps: WorkerDeps, queues: Partial<Record<ChannelName, MessageQueues>>): OutboxLoop {
  const { log, settings } = deps;
  const channels = Object.keys(queues);
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;

  async function relay(): Promise<void> {
    for (let round = 0; round < 20; round++) {
      const handled = await deps.events.relay(EVENT_BATCH, (events) => handleEvents(events, deps));
      if (handled < EVENT_BATCH) return;
    }
  }

  async function dispatch(): Promise<void> {
    for (let round = 0; round < 100 && !stopped; round++) {
      const now = deps.core.clock.now().getTime();
      const rows = await deps.core.repos.messages.takeToQueue(
        new Date(now + settings.lookaheadMs),
        DISPATCH_BATCH,
        channels,
      );
      if (rows.length === 0) return;
      try {
        await addMessageJobs(rows, queues, settings.attempts, now);
      } catch (error) {
        // the reconciler would find them anyway; unmarking makes the next round try again sooner
        await deps.core.repos.messages.unqueue(rows.map((r) => r.id)).catch(() => {});
        throw error;
      }
      if (rows.length < DISPATCH_BATCH) return;
    }
  }

  async function round(): Promise<void> {
    try {
      await relay();
    } catch (error) {
      log.warn({ err: error }, "outbox relay failed, trying again shortly");
    }
    try {
      await dispatch();
    } catch (error) {
      log.warn({ err: error }, "message dispatch failed, trying again shortly");
    }
  }

  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(() => {
      running = round().finally(() => {
        running = undefined;
        schedule();
      });
    }, settings.dispatchEveryMs);
  }
  schedule();

  return {
    async tick() {
      await running;
      await round();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
