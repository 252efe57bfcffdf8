import type { JobDefinition } from "./job-definition.js";
import { expireWaitlistOffersJob, pruneWhatsAppJob, refreshDemoScheduleJob } from "./jobs/chores.js";
import { courseServiceRecordsJob, expireCourseOffersJob } from "./jobs/courses.js";
import {
  dailyPattern,
  escalateUnconfirmedJob,
  expireUnconfirmedJob,
  morningAgendaJob,
  recordMissingServicesJob,
} from "./jobs/facilitators.js";
import type { WorkerDeps } from "./worker-deps.js";

/**
 * Recurring chores, as BullMQ job schedulers (cron patterns in the installation's time zone,
 * Europe/Rome by default). The reconciler upserts them at start and every few minutes, from one
 * process at a time; a flushed Redis gets them back. Avoid 02:00-03:00 local (the spring DST gap).
 */
export interface SchedulerDefinition {
  id: string;
  /** Cron pattern, or one made from the settings (the morning agenda's time). */
  pattern: string | ((deps: WorkerDeps) => string);
  job: JobDefinition<Record<string, never>>;
  /** Whether this installation runs it. */
  enabled(deps: WorkerDeps): boolean;
}

export const SCHEDULERS: readonly SchedulerDefinition[] = [
  {
    id: "expire-waitlist-offers",
    pattern: "* * * * *",
    job: expireWaitlistOffersJob as JobDefinition<Record<string, never>>,
    enabled: () => true,
  },
  {
    id: "refresh-demo-schedule",
    // four times a day, never in the 02:00-03:00 DST gap
    pattern: "15 0,6,12,18 * * *",
    job: refreshDemoScheduleJob as JobDefinition<Record<string, never>>,
    enabled: (deps) => deps.chores.refreshDemoSchedule !== undefined,
  },
  {
    id: "course-service-records",
    pattern: "* * * * *",
    job: courseServiceRecordsJob as JobDefinition<Record<string, never>>,
    enabled: () => true,
  },
  {
    id: "expire-course-offers",
    pattern: "* * * * *",
    job: expireCourseOffersJob as JobDefinition<Record<string, never>>,
    enabled: () => true,
  },
  {
    id: "expire-unconfirmed",
    pattern: "* * * * *",
    job: expireUnconfirmedJob as JobDefinition<Record<string, never>>,
    enabled: () => true,
  },
  {
    id: "escalate-unconfirmed",
    pattern: "*/5 * * * *",
    job: escalateUnconfirmedJob as JobDefinition<Record<string, never>>,
    enabled: () => true,
  },
  {
    id: "record-missing-services",
    pattern: "*/10 * * * *",
    job: recordMissingServicesJob as JobDefinition<Record<string, never>>,
    enabled: () => true,
  },
  {
    id: "morning-agenda",
    // MORNING_AGENDA_TIME (07:30 by default), local time: the same wall-clock time across DST changes
    pattern: (deps) => dailyPattern(deps.settings.morningAgendaTime),
    job: morningAgendaJob as JobDefinition<Record<string, never>>,
    enabled: () => true,
  },
  {
    id: "prune-whatsapp",
    pattern: "40 * * * *",
    job: pruneWhatsAppJob as JobDefinition<Record<string, never>>,
    enabled: (deps) => deps.chores.pruneWhatsApp !== undefined,
  },
];

/** A scheduler's cron pattern for these settings. */
export function patternOf(scheduler: SchedulerDefinition, deps: WorkerDeps): string {
  return typeof scheduler.pattern === "string" ? scheduler.pattern : scheduler.pattern(deps);
}
