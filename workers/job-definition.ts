import type { Job, JobsOptions } from "bullmq";
import type { z } from "zod";
import type { WorkerDeps } from "./worker-deps.js";

/** What a handler gets besides its payload. */
export interface JobContext {
  job: Job;
  /** The worker's lock token (for `job.moveToDelayed`). */
  token: string | undefined;
  deps: WorkerDeps;
}

/**
 * One kind of job: its queue, a zod schema for its payload, a deterministic id (the same work always
 * gets the same id, so adding it twice is harmless), default options, and a handler that calls core.
 * Ids never contain ":" and are never all digits (BullMQ refuses both).
 */
export interface JobDefinition<P> {
  name: string;
  queue: string;
  payload: z.ZodType<P>;
  jobId(payload: P): string;
  options?: JobsOptions;
  handle(payload: P, ctx: JobContext): Promise<void>;
}

export function defineJob<P>(definition: JobDefinition<P>): JobDefinition<P> {
  return definition;
}

const SAFE_ID = /^(?!\d+$)[A-Za-z0-9_.-]{1,200}$/;

/** The job id, checked: BullMQ throws on ":" and on all-digit ids, we refuse earlier and clearly. */
export function checkedJobId<P>(definition: JobDefinition<P>, payload: P): string {
  const id = definition.jobId(payload);
  if (!SAFE_ID.test(id)) throw new Error(`job ${definition.name}: id "${id}" is not a safe BullMQ job id`);
  return id;
}

/** `queue.add` arguments for a job of this definition (payload validated first). */
export function jobRequest<P>(definition: JobDefinition<P>, payload: P, options: JobsOptions = {}) {
  const data = definition.payload.parse(payload);
  return {
    name: definition.name,
    data,
    opts: { ...definition.options, ...options, jobId: checkedJobId(definition, data) },
  };
}
