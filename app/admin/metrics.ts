import type { Queue } from "bullmq";
import { collectDefaultMetrics, Gauge, Registry } from "prom-client";
import type { OutboundMessageRepository } from "../../core/messaging/ports.js";

const JOB_STATES = ["waiting", "active", "delayed", "prioritized", "failed", "completed"] as const;

/**
 * The process's Prometheus registry: default process metrics, the workers' counters (registered by
 * workers/metrics.ts), and gauges read when scraped: jobs per queue and state, outbound messages
 * that need attention (pending, sending, unknown, failed in the last day).
 */
export function createMetricsRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "sportello_" });
  return registry;
}

export function registerQueueGauges(
  registry: Registry,
  sources: { queues: () => readonly Queue[]; messages: OutboundMessageRepository },
): void {
  new Gauge({
    name: "sportello_queue_jobs",
    help: "Jobs per queue and state (read from Redis when scraped)",
    labelNames: ["queue", "state"],
    registers: [registry],
    async collect() {
      this.reset();
      for (const queue of sources.queues()) {
        const counts = await queue.getJobCounts(...JOB_STATES);
        for (const state of JOB_STATES) this.set({ queue: queue.name, state }, counts[state] ?? 0);
      }
    },
  });
  new Gauge({
    name: "sportello_outbound_messages",
    help: "Outbound messages that need attention, by state (read from PostgreSQL when scraped)",
    labelNames: ["state"],
    registers: [registry],
    async collect() {
      this.reset();
      const counts = await sources.messages.countOpen(new Date());
      for (const [state, count] of Object.entries(counts)) this.set({ state }, count);
    },
  });
}
