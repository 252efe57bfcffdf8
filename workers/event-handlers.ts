import type { StoredDomainEvent } from "../core/events/ports.js";
import type { DomainEvent } from "../core/ports.js";
import type { WorkerDeps } from "./worker-deps.js";

/**
 * What the relay does with each domain event, by type. Handlers run inside the relay's
 * transaction and must be idempotent (a batch whose handler throws comes again). Messages do not
 * need one: they are rows written with the change itself, and the dispatcher sends them. Later
 * issues add handlers here (service records, monitoring counters...).
 */
export type EventHandler = (event: DomainEvent, deps: WorkerDeps) => Promise<void>;

export const EVENT_HANDLERS: Partial<Record<DomainEvent["type"], readonly EventHandler[]>> = {};

export async function handleEvents(events: readonly StoredDomainEvent[], deps: WorkerDeps): Promise<void> {
  for (const { event } of events) {
    for (const handler of EVENT_HANDLERS[event.type] ?? []) await handler(event, deps);
    deps.metrics.events.inc({ type: event.type });
  }
}
