import type { DomainEvent } from "../ports.js";

/** A domain event as the outbox stored it (ids only). */
export interface StoredDomainEvent {
  id: bigint;
  event: DomainEvent;
  createdAt: Date;
}

/**
 * The `domain_event` outbox, read by the workers' relay. Several relays may run at once: each
 * claims a different batch.
 */
export interface DomainEventSource {
  /**
   * Claims up to `limit` unprocessed events, oldest first (FOR UPDATE SKIP LOCKED), runs `handle`
   * on them and marks them processed, in one transaction: if `handle` throws, none is marked and
   * they come again at the next try (so handlers must be idempotent). Returns how many were handled.
   */
  relay(limit: number, handle: (events: StoredDomainEvent[]) => Promise<void>): Promise<number>;
}
