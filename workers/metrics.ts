import { Counter, Histogram, type Registry } from "prom-client";

/**
 * What the workers count, per process (Prometheus scrapes each process and adds them up). Queue
 * sizes and table counts are read when scraped (app/admin/metrics.ts).
 */
export interface WorkerMetrics {
  messages: Counter<"channel" | "kind" | "outcome">;
  rateLimited: Counter<"channel">;
  lag: Histogram<"channel">;
  events: Counter<"type">;
  restored: Counter;
}

export function createWorkerMetrics(registry: Registry): WorkerMetrics {
  return {
    messages: new Counter({
      name: "sportello_messages_total",
      help: "Outbound messages handled, by outcome (sent, failed, unknown, skipped, retried)",
      labelNames: ["channel", "kind", "outcome"],
      registers: [registry],
    }),
    rateLimited: new Counter({
      name: "sportello_messages_rate_limited_total",
      help: "Flood-control answers (Telegram 429) handed back to the queue",
      labelNames: ["channel"],
      registers: [registry],
    }),
    lag: new Histogram({
      name: "sportello_message_lag_seconds",
      help: "From a message's due time to its delivery",
      labelNames: ["channel"],
      buckets: [0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600, 1800],
      registers: [registry],
    }),
    events: new Counter({
      name: "sportello_domain_events_relayed_total",
      help: "Domain events read from the outbox and marked processed",
      labelNames: ["type"],
      registers: [registry],
    }),
    restored: new Counter({
      name: "sportello_message_jobs_restored_total",
      help: "Jobs the reconciler (re-)created for pending messages",
      registers: [registry],
    }),
  };
}
