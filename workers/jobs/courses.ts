import { z } from "zod";
import { writePendingCourseRecords } from "../../core/courses/attendance.js";
import { expireCourseOffers } from "../../core/courses/course-waitlist.js";
import { defineJob } from "../job-definition.js";
import { CHORES_QUEUE } from "../queues.js";

const none = z.object({}).strict();

/**
 * Course sessions whose attendance the facilitator recorded: one service record per citizen
 * present (every minute, and at once when the attendance event is relayed). Idempotent.
 */
export const courseServiceRecordsJob = defineJob({
  name: "course-service-records",
  queue: CHORES_QUEUE,
  payload: none,
  jobId: () => "course-service-records",
  async handle(_p, { deps }) {
    let total = 0;
    for (let round = 0; round < 20; round++) {
      const { sessions, created } = await writePendingCourseRecords(deps.core);
      total += created;
      if (sessions < 50) break;
    }
    if (total > 0) deps.log.info({ created: total }, "course service records written");
  },
});

/** Course waitlist offers whose time ran out pass to the next in line (every minute). */
export const expireCourseOffersJob = defineJob({
  name: "expire-course-offers",
  queue: CHORES_QUEUE,
  payload: none,
  jobId: () => "expire-course-offers",
  async handle(_p, { deps }) {
    let total = 0;
    for (let round = 0; round < 50; round++) {
      const { expired, passedOn } = await expireCourseOffers(deps.core);
      total += expired;
      if (passedOn > 0) deps.log.info({ passedOn }, "course offers passed to the next in line");
      if (expired < 100) break;
    }
    if (total > 0) deps.log.info({ expired: total }, "course offers expired");
  },
});
