import { z } from "zod";
import { recordClosedBooking, recordMissingServices } from "../../core/facilitators/record-services.js";
import { escalateUnconfirmed, expireUnconfirmed, writeMorningAgendas } from "../../core/facilitators/requests.js";
import { defineJob } from "../job-definition.js";
import { CHORES_QUEUE } from "../queues.js";

const none = z.object({}).strict();

/** Writes the one service record of a completed booking and asks the citizen's rating (idempotent). */
export const recordServiceJob = defineJob({
  name: "record-service",
  queue: CHORES_QUEUE,
  payload: z.object({ bookingId: z.string().uuid() }),
  jobId: (p) => `record-service-${p.bookingId}`,
  options: { attempts: 5, backoff: { type: "exponential", delay: 2_000 }, removeOnComplete: 1000, removeOnFail: 1000 },
  async handle(p, { deps }) {
    const result = await recordClosedBooking(deps.core, p.bookingId);
    if (result?.created) deps.log.info({ recordId: result.record.id }, "service record written");
  },
});

/** Completed bookings whose record job was lost (Redis flushed): written by the sweep (every 10 minutes). */
export const recordMissingServicesJob = defineJob({
  name: "record-missing-services",
  queue: CHORES_QUEUE,
  payload: none,
  jobId: () => "record-missing-services",
  async handle(_p, { deps }) {
    const written = await recordMissingServices(deps.core);
    if (written > 0) deps.log.info({ written }, "service records written by the sweep");
  },
});

/** Remote bookings unconfirmed a few hours before: to the capo team (every 5 minutes). */
export const escalateUnconfirmedJob = defineJob({
  name: "escalate-unconfirmed",
  queue: CHORES_QUEUE,
  payload: none,
  jobId: () => "escalate-unconfirmed",
  async handle(_p, { deps }) {
    const written = await escalateUnconfirmed(deps.core);
    if (written > 0) deps.log.info({ written }, "unconfirmed remote bookings sent to the capo team");
  },
});

/** Remote bookings nobody confirmed before their start: the citizen is told (every minute). */
export const expireUnconfirmedJob = defineJob({
  name: "expire-unconfirmed",
  queue: CHORES_QUEUE,
  payload: none,
  jobId: () => "expire-unconfirmed",
  async handle(_p, { deps }) {
    const expired = await expireUnconfirmed(deps.core);
    if (expired > 0) deps.log.info({ expired }, "unconfirmed remote bookings cancelled at their start");
  },
});

/** The facilitators' morning agenda (MORNING_AGENDA_TIME, local time, every day; closed points skipped). */
export const morningAgendaJob = defineJob({
  name: "morning-agenda",
  queue: CHORES_QUEUE,
  payload: none,
  jobId: () => "morning-agenda",
  async handle(_p, { deps }) {
    const { date, written } = await writeMorningAgendas(deps.core);
    deps.log.info({ date, written }, "morning agendas written");
  },
});

export const FACILITATOR_JOBS = [
  recordServiceJob,
  recordMissingServicesJob,
  escalateUnconfirmedJob,
  expireUnconfirmedJob,
  morningAgendaJob,
] as const;

/** "07:30" → the cron pattern "30 7 * * *". */
export function dailyPattern(localTime: string): string {
  const [hours, minutes] = localTime.split(":").map(Number);
  return `${minutes ?? 0} ${hours ?? 0} * * *`;
}
