import { type Job, Queue, UnrecoverableError, Worker } from "bullmq";
import type { Redis } from "ioredis";
import type { ChannelName } from "../core/citizens/citizen.js";
import { type ChatGate, gatedSender, redisChatGate } from "./chat-gate.js";
import { type JobDefinition, jobRequest } from "./job-definition.js";
import { expireWaitlistOffersJob, pruneWhatsAppJob, refreshDemoScheduleJob } from "./jobs/chores.js";
import { courseServiceRecordsJob, expireCourseOffersJob } from "./jobs/courses.js";
import { FACILITATOR_JOBS } from "./jobs/facilitators.js";
import { sendMessageJob } from "./jobs/send-message.js";
import type { MessageQueues } from "./message-jobs.js";
import { type OutboxLoop, startOutboxLoop } from "./outbox-loop.js";
import { CHORES_QUEUE } from "./queues.js";
import { type ReconcileReport, reconcile } from "./reconciler.js";
import type { WorkerDeps } from "./worker-deps.js";

export interface RunningWorkers {
  /** Every queue this process created (for the dashboard and the metrics). */
  queues: Queue[];
  /** One reconciler round now (if no other process holds its lock). */
  reconcile(): Promise<ReconcileReport>;
  /** One outbox round now: events relayed, due messages queued. */
  tick(): Promise<void>;
  /** Stops taking jobs, lets active ones finish within the shutdown timeout, closes everything. */
  stop(): Promise<void>;
}

/** Resolves with `promise`, or with "timeout" after `ms`: a Redis that is gone never blocks us. */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | "timeout"> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Telegram's ceiling as BullMQ's queue-wide limiter, in tenths of a second so no burst exceeds it. */
export function limiterFor(perSecond: number): { max: number; duration: number } {
  const max = Math.max(1, Math.round(perSecond / 10));
  return { max, duration: Math.round((1000 * max) / perSecond) };
}

/**
 * Starts this process's workers: one queue and worker per channel with a sender (Telegram with the
 * global ceiling and the per-chat gate), the chores queue with its schedulers, the outbox loop and
 * the reconciler (now, and every few minutes). Any number of processes may run this at once.
 */
export async function startWorkers(given: WorkerDeps): Promise<RunningWorkers> {
  // the senders this process runs, Telegram's behind the per-chat gate
  const deps: WorkerDeps = { ...given, senders: {} };
  const { log, settings, prefix } = deps;
  const connections: Redis[] = [];
  const connect = () => {
    const connection = deps.bullConnection();
    connection.on("error", (error) => log.warn({ err: error }, "workers: Redis connection problem"));
    connections.push(connection);
    return connection;
  };
  const queueConnection = connect();
  const workerConnection = connect();
  const queues: Queue[] = [];
  const workers: Worker[] = [];
  let loop: OutboxLoop | undefined;
  let timer: NodeJS.Timeout | undefined;

  const makeQueue = (name: string) => {
    const queue = new Queue(name, { connection: queueConnection, prefix });
    queue.on("error", (error) => log.warn({ err: error, queue: name }, "workers: queue problem"));
    queues.push(queue);
    return queue;
  };

  const makeWorker = (
    name: string,
    definitions: ReadonlyArray<JobDefinition<never>>,
    options: { concurrency: number; limiter?: { max: number; duration: number } },
  ) => {
    const byName = new Map(definitions.map((d) => [d.name, d]));
    const worker = new Worker(
      name,
      async (job: Job, token?: string) => {
        const definition = byName.get(job.name);
        if (!definition) throw new UnrecoverableError(`no job named ${job.name} in ${name}`);
        const parsed = definition.payload.safeParse(job.data);
        if (!parsed.success) throw new UnrecoverableError(`invalid payload for ${job.name}`);
        await definition.handle(parsed.data as never, { job, token, deps });
      },
      {
        connection: workerConnection,
        prefix,
        autorun: false,
        concurrency: options.concurrency,
        ...(options.limiter ? { limiter: options.limiter } : {}),
      },
    );
    worker.on("error", (error) => log.warn({ err: error, queue: name }, "workers: worker problem"));
    worker.on("failed", (job, error) => {
      if (job && job.name !== "send-message") log.warn({ err: error, queue: name, job: job.name }, "job failed");
    });
    workers.push(worker);
    return worker;
  };

  async function stopAll(): Promise<void> {
    clearTimeout(timer);
    await within(loop?.stop() ?? Promise.resolve(), settings.shutdownTimeoutMs);
    // stop taking jobs; active ones get the timeout to finish, then the workers are forced shut
    const closing = await within(Promise.allSettled(workers.map((w) => w.close())), settings.shutdownTimeoutMs);
    if (closing === "timeout") {
      log.warn("workers: active jobs did not finish in time; closing anyway (their messages are not re-sent)");
      await within(Promise.allSettled(workers.map((w) => w.close(true))), 2_000);
    }
    await within(Promise.allSettled(queues.map((q) => q.close())), 2_000);
    for (const connection of connections) connection.disconnect();
  }

  try {
    const messageQueues: Partial<Record<ChannelName, MessageQueues>> = {};
    for (const [channel, sender] of Object.entries(given.senders) as Array<
      [ChannelName, WorkerDeps["senders"][ChannelName]]
    >) {
      if (!sender) continue;
      const gate: ChatGate | undefined =
        channel === "telegram" ? redisChatGate(deps.redis, prefix, settings.telegramChatGapMs) : undefined;
      deps.senders[channel] = gate ? gatedSender(sender, gate) : sender;
      const job = sendMessageJob(channel, gate);
      const queue = makeQueue(job.queue);
      makeWorker(job.queue, [job as JobDefinition<never>], {
        concurrency: settings.concurrency,
        ...(channel === "telegram" ? { limiter: limiterFor(settings.telegramPerSecond) } : {}),
      });
      messageQueues[channel] = { queue, job };
    }
    const chores = makeQueue(CHORES_QUEUE);
    makeWorker(
      CHORES_QUEUE,
      [
        expireWaitlistOffersJob,
        refreshDemoScheduleJob,
        pruneWhatsAppJob,
        courseServiceRecordsJob,
        expireCourseOffersJob,
        ...FACILITATOR_JOBS,
      ] as JobDefinition<never>[],
      { concurrency: 1 },
    );
    deps.enqueue = async (definition, payload) => {
      const request = jobRequest(definition, payload);
      await chores.add(request.name, request.data, request.opts);
    };

    await Promise.all(queues.map((q) => q.waitUntilReady()));
    for (const worker of workers) {
      worker.run().catch((error) => log.error({ err: error }, "workers: a worker stopped"));
    }
    await Promise.all(workers.map((w) => w.waitUntilReady()));

    const targets = { messages: messageQueues, chores };
    const reconcileNow = async () => {
      const report = await reconcile(deps, targets);
      if (report.ran && (report.restored > 0 || report.unknown > 0)) log.info({ ...report }, "workers: reconciled");
      return report;
    };
    await reconcileNow();
    const every = () => {
      timer = setTimeout(() => {
        reconcileNow()
          .catch((error) => log.warn({ err: error }, "workers: reconcile failed, trying again later"))
          .finally(every);
      }, settings.reconcileEveryMs);
      timer.unref();
    };
    every();
    loop = startOutboxLoop(deps, messageQueues);
    log.info(
      {
        queues: queues.map((q) => q.name),
        concurrency: settings.concurrency,
        telegramPerSecond: settings.telegramPerSecond,
      },
      "Workers on",
    );

    let stopping: Promise<void> | undefined;
    return {
      queues,
      reconcile: reconcileNow,
      tick: () => loop?.tick() ?? Promise.resolve(),
      stop: () => {
        stopping ??= stopAll();
        return stopping;
      },
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
