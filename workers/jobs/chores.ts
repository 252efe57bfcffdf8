import { z } from "zod";
import { expireWaitlistOffers } from "../../core/waitlist/expire-offers.js";
import { defineJob } from "../job-definition.js";
import { CHORES_QUEUE } from "../queues.js";

const none = z.object({}).strict();

/** Offers whose time ran out pass to the next in line (every minute). */
export const expireWaitlistOffersJob = defineJob({
  name: "expire-waitlist-offers",
  queue: CHORES_QUEUE,
  payload: none,
  jobId: () => "expire-waitlist-offers",
  async handle(_p, { deps }) {
    let total = 0;
    for (let round = 0; round < 50; round++) {
      const { expired, passedOn } = await expireWaitlistOffers(deps.core);
      total += expired;
      if (passedOn > 0) deps.log.info({ passedOn }, "waitlist offers passed to the next in line");
      if (expired < 100) break;
    }
    if (total > 0) deps.log.info({ expired: total }, "waitlist offers expired");
  },
});

/**
 * WhatsApp's copies of sent messages past their 24 hours and ids of incoming messages past their
 * 30 days are deleted (hourly, only where WhatsApp is on). Any worker process may run it: it only
 * deletes expired rows, whichever process holds the number.
 */
export const pruneWhatsAppJob = defineJob({
  name: "prune-whatsapp",
  queue: CHORES_QUEUE,
  payload: none,
  jobId: () => "prune-whatsapp",
  async handle(_p, { deps }) {
    const pruned = await deps.chores.pruneWhatsApp?.();
    if (pruned && pruned.sent + pruned.inbound > 0)
      deps.log.info(pruned, "WhatsApp: old message copies and ids deleted");
  },
});

/** The demo bus's stops and the demo course stay in the future (only when the demo is seeded). */
export const refreshDemoScheduleJob = defineJob({
  name: "refresh-demo-schedule",
  queue: CHORES_QUEUE,
  payload: none,
  jobId: () => "refresh-demo-schedule",
  async handle(_p, { deps }) {
    await deps.chores.refreshDemoSchedule?.();
  },
});
