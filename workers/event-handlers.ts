import type { StoredDomainEvent } from "../core/events/ports.js";
import { recordClosedBooking } from "../core/facilitators/record-services.js";
import { requestConfirmation } from "../core/facilitators/requests.js";
import type { DomainEvent } from "../core/ports.js";
import { recordServiceJob } from "./jobs/facilitators.js";
import type { WorkerDeps } from "./worker-deps.js";

/**
 * What the relay does with each domain event, by type. Handlers run inside the relay's
 * transaction and must be idempotent (a batch whose handler throws comes again). Messages do not
 * need one: they are rows written with the change itself, and the dispatcher sends them. Later
 * issues add handlers here (service records, monitoring counters...).
 */
export type EventHandler = (event: DomainEvent, deps: WorkerDeps) => Promise<void>;

/** A remote booking (new, or moved) waits for a facilitator: the point's facilitators get it. */
const askFacilitators: EventHandler = async (event, deps) => {
  if ("bookingId" in event) await requestConfirmation(deps.core, event.bookingId);
};

/** A session closed as done: the record-service job writes its service record (inline when no queue is at hand). */
const writeServiceRecord: EventHandler = async (event, deps) => {
  if (event.type !== "booking.completed") return;
  if (deps.enqueue) await deps.enqueue(recordServiceJob, { bookingId: event.bookingId });
  else await recordClosedBooking(deps.core, event.bookingId);
};

export const EVENT_HANDLERS: Partial<Record<DomainEvent["type"], readonly EventHandler[]>> = {
  "booking.created": [askFacilitators],
  "booking.rescheduled": [askFacilitators],
  "booking.completed": [writeServiceRecord],
};

export async function handleEvents(events: readonly StoredDomainEvent[], deps: WorkerDeps): Promise<void> {
  for (const { event } of events) {
    for (const handler of EVENT_HANDLERS[event.type] ?? []) await handler(event, deps);
    deps.metrics.events.inc({ type: event.type });
  }
}
