import type { Clock } from "../clock.js";
import type { Reply } from "../conversation/reply.js";
import type { Log } from "../log.js";
import type { ChannelAddress, OutboundMessage } from "./message.js";
import type { MessageSender, OutboundMessageRepository, SendOutcome } from "./ports.js";

/** What a message kind's composer makes of a row at send time: the replies, or why not to send it. */
export type Composed = { replies: Reply[] } | { skip: string };

export interface DeliveryDeps {
  messages: OutboundMessageRepository;
  clock: Clock;
  log: Log;
  /** Builds the replies in the recipient's language (core/conversation/push/compose.ts). */
  compose(message: OutboundMessage): Promise<Composed>;
  /** The channel's sender; undefined when that channel is off in this process. */
  sender(channel: ChannelAddress["channel"]): MessageSender | undefined;
  /**
   * Per-chat pacing, asked right before sending: 0 means "go" (and the chat's gap starts now),
   * otherwise how many ms to wait. Absent: no pacing.
   */
  pace?(address: ChannelAddress): Promise<number>;
  /** Called after a message went out (e.g. the engine notes its buttons as the chat's question). */
  delivered?(message: OutboundMessage, replies: readonly Reply[]): Promise<void>;
}

export type DeliveryResult =
  | { status: "sent"; message: OutboundMessage; lagMs: number }
  /** Nothing to do: the row is gone, already sent, cancelled, or another worker won the claim. */
  | { status: "ignored"; why: string }
  /** The row was re-timed later: its job is stale (a new job exists for the new due time). */
  | { status: "not_due"; dueAt: Date }
  /** Another worker holds it until `until`. */
  | { status: "busy"; until: Date }
  /** Found in "sending" past its lease: marked unknown (it may have gone out). */
  | { status: "unknown"; message: OutboundMessage; why: string }
  | { status: "skipped"; reason: string }
  /** Try again at `retryAt` without using up an attempt (chat gap, flood control). */
  | { status: "wait"; retryAt: Date; why: "paced" | "rate_limited" }
  /** Permanent failure: never retried. */
  | { status: "failed"; code: string; unreachable: boolean }
  /** Transient failure: the row is pending again; retry with backoff. */
  | { status: "retry"; code: string };

/** A job may fire a little early (clock skew between Redis and the database host). */
const DUE_TOLERANCE_MS = 2_000;

/**
 * Delivers one outbound message, at most once: the row is claimed (pending → sending with a
 * lease) before the channel is called and marked after. A crash in between leaves the row in
 * "sending"; once its lease is over it becomes "unknown" and is never re-sent blindly.
 */
export async function deliverMessage(
  deps: DeliveryDeps,
  id: string,
  options: { leaseMs: number; lastAttempt: boolean },
): Promise<DeliveryResult> {
  const now = deps.clock.now();
  // the usual case in one statement: claimed if it can go now
  const claimed = await deps.messages.claimDue(id, {
    now,
    dueBy: new Date(now.getTime() + DUE_TOLERANCE_MS),
    leaseUntil: new Date(now.getTime() + options.leaseMs),
  });
  if (!claimed) return whyNotClaimed(deps, id, now);
  const sender = deps.sender(claimed.address.channel);
  if (!sender) {
    await deps.messages.release(id, { lastError: "channel_off", attempted: false });
    return { status: "retry", code: "channel_off" };
  }

  let composed: Composed;
  try {
    composed = await deps.compose(claimed);
  } catch (error) {
    deps.log.error({ err: error, kind: claimed.kind, messageId: id }, "outbound message: composing failed");
    return giveBack(deps, id, "compose_failed", options.lastAttempt);
  }
  if ("skip" in composed) {
    await deps.messages.close(id, "sending", "skipped", composed.skip);
    return { status: "skipped", reason: composed.skip };
  }

  const wait = (await deps.pace?.(claimed.address)) ?? 0;
  if (wait > 0) {
    await deps.messages.release(id, { attempted: false });
    return { status: "wait", retryAt: new Date(deps.clock.now().getTime() + wait), why: "paced" };
  }

  let outcome: SendOutcome;
  try {
    outcome = await sender.send(claimed.address, composed.replies);
  } catch (error) {
    // a sender must classify; one that throws may have sent half: do not guess
    deps.log.error({ err: error, channel: claimed.address.channel }, "outbound message: the sender threw");
    outcome = { status: "ambiguous", code: "sender_threw" };
  }
  switch (outcome.status) {
    case "sent": {
      const at = deps.clock.now();
      const sent = { ...claimed, state: "sent" as const, sentAt: at, providerMessageId: outcome.providerMessageId };
      // noting its buttons in the chat does not wait for the row to be marked (a press may come first:
      // the buttons accept a message still marked "sending")
      const noted = (async () => deps.delivered?.(sent, composed.replies))().catch((error: unknown) => {
        deps.log.warn({ err: error, kind: claimed.kind }, "outbound message: sent, but noting it in the chat failed");
      });
      await deps.messages.markSent(id, { at, providerMessageId: outcome.providerMessageId });
      await noted;
      return { status: "sent", message: sent, lagMs: Math.max(0, at.getTime() - claimed.dueAt.getTime()) };
    }
    case "rate_limited":
      await deps.messages.release(id, { lastError: "rate_limited", attempted: true });
      return {
        status: "wait",
        retryAt: new Date(deps.clock.now().getTime() + outcome.retryAfterMs),
        why: "rate_limited",
      };
    case "permanent":
      await deps.messages.close(id, "sending", "failed", outcome.code);
      if (outcome.unreachable) await deps.messages.markUnreachable(claimed.address, deps.clock.now());
      return { status: "failed", code: outcome.code, unreachable: outcome.unreachable };
    case "transient":
      return giveBack(deps, id, outcome.code, options.lastAttempt);
    case "ambiguous":
      await deps.messages.close(id, "sending", "unknown", outcome.code);
      return { status: "unknown", message: claimed, why: outcome.code };
  }
}

/** A row that could not be claimed: gone, done, someone else's, not due, or to be skipped. */
async function whyNotClaimed(deps: DeliveryDeps, id: string, now: Date): Promise<DeliveryResult> {
  const found = await deps.messages.findById(id);
  if (!found) return { status: "ignored", why: "missing" };
  if (found.state === "sending") {
    if (found.leaseUntil && found.leaseUntil.getTime() <= now.getTime()) {
      const marked = await deps.messages.close(id, "sending", "unknown", "lease_expired");
      return marked ? { status: "unknown", message: found, why: "lease_expired" } : { status: "ignored", why: "raced" };
    }
    return { status: "busy", until: found.leaseUntil ?? now };
  }
  if (found.state !== "pending") return { status: "ignored", why: found.state };
  if (found.dueAt.getTime() > now.getTime() + DUE_TOLERANCE_MS) return { status: "not_due", dueAt: found.dueAt };
  const skip = await whyNot(deps, found, now);
  if (!skip) return { status: "ignored", why: "raced" };
  const closed = await deps.messages.close(id, "pending", "skipped", skip);
  return closed ? { status: "skipped", reason: skip } : { status: "ignored", why: "raced" };
}

/** Reasons to skip a message that is due. */
async function whyNot(deps: DeliveryDeps, message: OutboundMessage, now: Date): Promise<string | undefined> {
  if (message.expiresAt && message.expiresAt.getTime() <= now.getTime()) return "expired";
  if (!message.recipient || message.address.externalId === "") return "recipient_gone";
  if (await deps.messages.isUnreachable(message.address)) return "unreachable";
  return undefined;
}

async function giveBack(deps: DeliveryDeps, id: string, code: string, lastAttempt: boolean): Promise<DeliveryResult> {
  if (lastAttempt) {
    await deps.messages.close(id, "sending", "failed", code);
    return { status: "failed", code, unreachable: false };
  }
  await deps.messages.release(id, { lastError: code, attempted: true });
  return { status: "retry", code };
}
