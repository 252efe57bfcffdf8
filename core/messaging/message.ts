import type { ChannelName } from "../citizens/citizen.js";

/**
 * Outbound messages: everything Sportello sends on its own. Each one is a row, written in the same
 * transaction as the change that causes it; workers deliver it when it is due. See workers/README.md.
 */

export type MessageState = "pending" | "sending" | "sent" | "failed" | "cancelled" | "skipped" | "unknown";

/** Where a message goes: a channel and the identity's id on it (Telegram user id, WhatsApp JID, web chat id). */
export interface ChannelAddress {
  channel: ChannelName;
  externalId: string;
}

/**
 * Who a message is for. Citizens today; facilitators' chat identities arrive with the facilitators'
 * issue and use the same rows (`recipient_kind` = facilitator, `facilitator_id`).
 */
export type Recipient = { kind: "citizen"; citizenId: string } | { kind: "facilitator"; facilitatorId: string };

/** Ids, dates as ISO strings, numbers, flags: never personal text. */
export type MessageParams = Record<string, string | number | boolean | null>;

export interface OutboundMessage {
  id: string;
  kind: string;
  /** null once the person or facilitator row is gone. */
  recipient: Recipient | null;
  /** externalId is "" once the citizen erased their data. */
  address: ChannelAddress;
  params: MessageParams;
  bookingId: string | null;
  waitlistEntryId: string | null;
  courseSessionId: string | null;
  dueAt: Date;
  expiresAt: Date | null;
  state: MessageState;
  reason: string | null;
  attempts: number;
  lastError: string | null;
  providerMessageId: string | null;
  sentAt: Date | null;
  leaseUntil: Date | null;
  actedAt: Date | null;
  actedVerb: string | null;
  createdAt: Date;
}

export interface NewOutboundMessage {
  kind: string;
  recipient: Recipient;
  address: ChannelAddress;
  params?: MessageParams;
  bookingId?: string;
  waitlistEntryId?: string;
  courseSessionId?: string;
  dueAt: Date;
  expiresAt?: Date;
  /** One row per key, ever: writing the same key again keeps the first row. */
  dedupeKey: string;
  /** "skipped" records a message that will not be sent (e.g. its time had passed), with `reason`. */
  state?: "pending" | "skipped";
  reason?: string;
}

/** What the dispatcher needs to create a job. */
export interface DueMessage {
  id: string;
  channel: ChannelName;
  dueAt: Date;
}

/** Rows that touch one thing: a booking, a waitlist entry, a course session, a citizen. */
export interface MessageFilter {
  bookingId?: string;
  waitlistEntryId?: string;
  courseSessionId?: string;
  citizenId?: string;
  /** Only these kinds (default: any). */
  kinds?: readonly string[];
}
