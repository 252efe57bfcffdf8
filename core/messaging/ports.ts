import type { Reply } from "../conversation/reply.js";
import type {
  ChannelAddress,
  DueMessage,
  MessageFilter,
  MessageParams,
  MessageState,
  NewOutboundMessage,
  OutboundMessage,
} from "./message.js";

/**
 * The outbound messages table. Methods may run inside a transaction (through `Repositories`) or
 * alone; every state change is one conditional UPDATE, so concurrent workers never both win.
 */
export interface OutboundMessageRepository {
  /** Inserts the row; if its dedupe key exists, keeps the existing row (`created: false`). */
  add(message: NewOutboundMessage): Promise<{ id: string; created: boolean }>;
  findById(id: string): Promise<OutboundMessage | null>;
  /** Rows of one kind whose params hold these values (oldest first), e.g. a call-back request's rows. */
  listByParams(kind: string, params: MessageParams): Promise<OutboundMessage[]>;
  /** pending → cancelled for every matching row; returns how many. */
  cancelPending(filter: MessageFilter, reason: string): Promise<number>;
  /** The address a citizen is reached at: their most recent identity (null when erased or unknown). */
  addressOfCitizen(citizenId: string): Promise<ChannelAddress | null>;

  // ----- delivery (workers) -----
  /**
   * pending → sending with a lease (attempts + 1), in one statement, only if the row can be sent now: pending, due by `dueBy`, not
   * expired at `now`, with a recipient and an address not marked unreachable. Null otherwise (the
   * caller then reads the row to learn why).
   */
  claimDue(id: string, at: { now: Date; dueBy: Date; leaseUntil: Date }): Promise<OutboundMessage | null>;
  /** sending → sent. */
  markSent(id: string, sent: { at: Date; providerMessageId: string | null }): Promise<boolean>;
  /**
   * sent → failed, for a message the channel took and later reported undelivered (WhatsApp's
   * 463), found by the channel's message id; never re-sent. False when no sent row has that id.
   */
  markUndelivered(channel: ChannelAddress["channel"], providerMessageId: string, reason: string): Promise<boolean>;
  /**
   * sending → pending again: rate limited or a transient error (`lastError`), or held back before
   * anything was tried (`attempted: false`: the claim's attempt is given back).
   */
  release(id: string, why: { lastError?: string; attempted: boolean }): Promise<boolean>;
  /** sending → failed / skipped / unknown, or pending → skipped / cancelled. */
  close(
    id: string,
    from: "pending" | "sending",
    to: Exclude<MessageState, "pending" | "sending" | "sent">,
    reason: string,
  ): Promise<boolean>;
  /** Rows left in "sending" past their lease (a worker died mid-send) → unknown; returns how many. */
  expireLeases(now: Date, limit: number): Promise<number>;

  // ----- dispatch (workers) -----
  /**
   * Pending rows due by `until` that have no job for their current due time yet, marked as queued
   * in the same statement (rows other callers hold are skipped). At most `limit`, soonest first.
   */
  takeToQueue(until: Date, limit: number, channels: readonly string[]): Promise<DueMessage[]>;
  /** Undo `takeToQueue` for rows whose job could not be created. */
  unqueue(ids: readonly string[]): Promise<void>;
  /** Every pending row due by `until` (the reconciler re-creates their jobs), by keyset pages. */
  listPending(until: Date, after: { dueAt: Date; id: string } | null, limit: number): Promise<DueMessage[]>;
  /** Counts by state of rows that need attention (pending, sending, unknown; failed in the last day). */
  countOpen(now: Date): Promise<Record<string, number>>;

  // ----- pushed buttons -----
  /** Records the first action on a pushed message; false if one was already recorded. */
  markActed(id: string, verb: string, at: Date): Promise<boolean>;

  // ----- reachability -----
  markUnreachable(address: ChannelAddress, at: Date): Promise<void>;
  /** The person wrote again: pushed messages may be tried again. */
  markReachable(address: ChannelAddress): Promise<void>;
  isUnreachable(address: ChannelAddress): Promise<boolean>;

  // ----- erasure -----
  /**
   * Cancels a citizen's pending messages and blanks the address on all of them; pending messages
   * to others about the citizen (params.citizenId: a call-back request to facilitators) are cancelled too.
   */
  forgetCitizen(citizenId: string): Promise<void>;
}

/** How a channel answered one delivery. */
export type SendOutcome =
  | { status: "sent"; providerMessageId: string | null }
  /** Flood control: try again after `retryAfterMs`, nothing was sent. */
  | { status: "rate_limited"; retryAfterMs: number }
  /** Never going to work: blocked, deactivated, cannot initiate. `unreachable` marks the identity. */
  | { status: "permanent"; code: string; unreachable: boolean }
  /** Nothing was sent, worth trying again (5xx, connection refused). */
  | { status: "transient"; code: string }
  /** It may or may not have gone out (a timeout after the request left): never retried blindly. */
  | { status: "ambiguous"; code: string };

/**
 * The sending port: delivers channel-neutral replies to one address. Each channel implements it
 * with its own rendering (bots/telegram/telegram-sender.ts, bots/web/web-sender.ts). It never throws
 * for a channel's answer: it classifies it.
 */
export interface MessageSender {
  send(address: ChannelAddress, replies: readonly Reply[]): Promise<SendOutcome>;
}
