import { type AnyMessageContent, proto, type WAMessage } from "@whiskeysockets/baileys";
import type { Log } from "../../core/log.js";
import { disconnectCode } from "./disconnect-policy.js";
import type { WhatsAppSocket } from "./socket.js";

/**
 * Every message a number sends goes through its outbox: one message at a time, at least
 * `intervalMs` plus a random `jitterMs` apart (defaults and their evidence: README), the
 * messages of one chat in order, a reply's messages together. 429 (rate-overlimit) and 463
 * (reach-out restriction) brake the number: the gap is multiplied for a while.
 *
 * Replies to someone who just wrote go before pushed messages (reminders), except that a
 * chat's earlier pushed message still goes before its reply.
 */

export type Priority = "reply" | "push";

export interface SendingPolicy {
  /** The least time between two messages of this number. */
  intervalMs: number;
  /** A random extra wait, up to this, before each message. */
  jitterMs: number;
  /** While braked, the gap is multiplied by this. */
  brakeFactor: number;
  /** How long a 429 or a 463 keeps the number braked. */
  brakeMs: number;
}

export const DEFAULT_SENDING: SendingPolicy = {
  intervalMs: 1_000,
  jitterMs: 1_500,
  brakeFactor: 4,
  brakeMs: 15 * 60_000,
};

export interface SendOptions {
  priority?: Priority;
  /** Not sent by then (the number offline or braked): the send fails with `expired`. */
  deadline?: Date;
}

/** Why a send failed, for the caller (part B's sending port) to record. */
export class OutboxError extends Error {
  constructor(
    readonly reason: "expired" | "rate_limited" | "failed" | "stopped",
    message: string,
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = "OutboxError";
  }
  /** Ids of the messages of this send that did go out before it failed (the first ones). */
  sentIds: ReadonlyArray<string | undefined> = [];
}

export interface Undelivered {
  messageId: string;
  jid: string;
  /** WhatsApp's error code, e.g. "463". */
  code: string;
}

export interface OutboxOptions {
  /** The open socket, when there is one. */
  socket(): WhatsAppSocket | undefined;
  /** Keeps a copy of each sent message for retries (the connection's `sent.remember`). */
  remember?(message: WAMessage | undefined): Promise<void>;
  log: Log;
  policy?: Partial<SendingPolicy>;
  /** Attempts for a message refused with 429 before it fails. */
  maxAttempts?: number;
  /** Wait before retrying a message refused with 429. */
  retryAfterMs?: number;
  /** How often to look for an open socket while there is none. */
  pollMs?: number;
  random?: () => number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** A message WhatsApp later reports as not delivered (463). */
  onUndelivered?(info: Undelivered): void;
}

interface Batch {
  seq: number;
  jid: string;
  priority: Priority;
  contents: AnyMessageContent[];
  deadline: number | undefined;
  sentIds: Array<string | undefined>;
  resolve(ids: Array<string | undefined>): void;
  reject(error: OutboxError): void;
}

const isRateLimited = (error: unknown): boolean => {
  const e = error as { data?: unknown; message?: unknown } | undefined;
  return (
    e?.data === 429 ||
    disconnectCode(error) === 429 ||
    (typeof e?.message === "string" && /rate-overlimit/i.test(e.message))
  );
};

/** The socket closed under the send: the message was not sent, it waits for the next socket. */
const isClosed = (error: unknown): boolean => {
  const code = disconnectCode(error);
  return code === 428 || code === 408;
};

export function createOutbox(options: OutboxOptions) {
  const policy: SendingPolicy = { ...DEFAULT_SENDING, ...options.policy };
  const random = options.random ?? Math.random;
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const maxAttempts = options.maxAttempts ?? 3;
  const retryAfterMs = options.retryAfterMs ?? 30_000;
  const pollMs = options.pollMs ?? 1_000;
  const { log } = options;

  const replies: Batch[] = [];
  const pushes: Batch[] = [];
  let seq = 0;
  let running = false;
  let stopped = false;
  let nextAt = 0;
  let brakedUntil = 0;
  let pushesPausedUntil = 0;
  const stats = { sent: 0, rateLimited: 0, undelivered: 0, failed: 0 };

  const gap = () => {
    const base = policy.intervalMs * (now() < brakedUntil ? policy.brakeFactor : 1);
    return base + random() * policy.jitterMs * (now() < brakedUntil ? policy.brakeFactor : 1);
  };

  function brake(reason: string, until?: number): void {
    brakedUntil = Math.max(brakedUntil, until ?? now() + policy.brakeMs);
    log.warn(
      { channel: "whatsapp", reason, until: new Date(brakedUntil).toISOString() },
      "WhatsApp: sending slowed down",
    );
  }

  /** The next batch: replies first, unless that chat has an earlier pushed message waiting. */
  function pick(): Batch | undefined {
    const reply = replies[0];
    const pushesOpen = now() >= pushesPausedUntil;
    if (reply) {
      const earlier = pushes.find((p) => p.jid === reply.jid && p.seq < reply.seq);
      if (earlier && pushesOpen) {
        pushes.splice(pushes.indexOf(earlier), 1);
        return earlier;
      }
      return replies.shift();
    }
    return pushesOpen ? pushes.shift() : undefined;
  }

  async function openSocket(batch: Batch): Promise<WhatsAppSocket | undefined> {
    for (;;) {
      if (stopped) return undefined;
      if (batch.deadline !== undefined && now() > batch.deadline) return undefined;
      const socket = options.socket();
      if (socket) return socket;
      await sleep(pollMs);
    }
  }

  function fail(batch: Batch, error: OutboxError): void {
    stats.failed += 1;
    error.sentIds = [...batch.sentIds];
    batch.reject(error);
  }

  async function sendBatch(batch: Batch): Promise<void> {
    for (let i = batch.sentIds.length; i < batch.contents.length; i++) {
      const content = batch.contents[i] as AnyMessageContent;
      for (let attempt = 1; ; attempt++) {
        const wait = nextAt - now();
        if (wait > 0) await sleep(wait);
        const socket = await openSocket(batch);
        if (!socket) {
          return fail(
            batch,
            stopped
              ? new OutboxError("stopped", "the outbox was stopped")
              : new OutboxError("expired", "not sent before its deadline (WhatsApp not connected or braked)"),
          );
        }
        try {
          const sent = await socket.sendMessage(batch.jid, content);
          nextAt = now() + gap();
          stats.sent += 1;
          batch.sentIds.push(sent?.key.id ?? undefined);
          await options.remember?.(sent);
          break;
        } catch (error) {
          nextAt = now() + gap();
          if (isClosed(error)) {
            attempt -= 1; // not the message's fault: wait for the next socket
            continue;
          }
          if (isRateLimited(error)) {
            stats.rateLimited += 1;
            brake("429 rate-overlimit");
            if (attempt < maxAttempts) {
              nextAt = now() + retryAfterMs * attempt;
              continue;
            }
            return fail(batch, new OutboxError("rate_limited", "WhatsApp refused the message: too many (429)", error));
          }
          log.warn({ err: error, channel: "whatsapp" }, "WhatsApp: a message could not be sent");
          // the rest of a reply makes no sense without this part
          return fail(batch, new OutboxError("failed", "WhatsApp did not take the message", error));
        }
      }
    }
    batch.resolve(batch.sentIds);
  }

  async function pump(): Promise<void> {
    if (running) return;
    running = true;
    try {
      for (;;) {
        if (stopped) return;
        const batch = pick();
        if (!batch) {
          // only pushes waiting out a pause: look again when it ends
          if (pushes.length > 0) {
            await sleep(Math.max(pollMs, pushesPausedUntil - now()));
            continue;
          }
          return;
        }
        await sendBatch(batch);
      }
    } finally {
      running = false;
    }
  }

  return {
    /**
     * Queues the messages of one reply (or one pushed message) for a chat; resolves with their
     * message ids once all are sent, or fails with an OutboxError (the messages after a failed
     * one are not sent).
     */
    send(jid: string, contents: readonly AnyMessageContent[], sendOptions: SendOptions = {}) {
      if (stopped) return Promise.reject(new OutboxError("stopped", "the outbox was stopped"));
      if (contents.length === 0) return Promise.resolve([]);
      return new Promise<Array<string | undefined>>((resolve, reject) => {
        const batch: Batch = {
          seq: ++seq,
          jid,
          priority: sendOptions.priority ?? "reply",
          contents: [...contents],
          deadline: sendOptions.deadline?.getTime(),
          sentIds: [],
          resolve,
          reject,
        };
        (batch.priority === "reply" ? replies : pushes).push(batch);
        void pump();
      });
    },

    /** Slows the number down (429, 463), until `until` or for the policy's brake time. */
    brake(reason: string, until?: Date) {
      brake(reason, until?.getTime());
    },

    /** Listens to a socket for what brakes the number: 463 on a sent message, a reach-out restriction. */
    attach(socket: WhatsAppSocket): void {
      socket.ev.on("messages.update", (updates) => {
        for (const { key, update } of updates) {
          const code = update.messageStubParameters?.[0];
          if (!key.fromMe || update.status !== proto.WebMessageInfo.Status.ERROR || code !== "463") continue;
          stats.undelivered += 1;
          brake("463 reach-out restriction");
          options.onUndelivered?.({ messageId: key.id ?? "", jid: key.remoteJid ?? "", code });
        }
      });
      socket.ev.on("connection.update", ({ reachoutTimeLock }) => {
        if (!reachoutTimeLock) return;
        const until = reachoutTimeLock.isActive ? reachoutTimeLock.timeEnforcementEnds?.getTime() : undefined;
        pushesPausedUntil = until ?? 0;
        if (until) brake("reach-out time lock", until);
      });
    },

    /** Fails every message still waiting; the one being sent finishes. */
    stop() {
      stopped = true;
      for (const batch of [...replies.splice(0), ...pushes.splice(0)]) {
        batch.reject(new OutboxError("stopped", "the outbox was stopped"));
      }
    },

    status: () => ({
      queued: replies.length + pushes.length,
      braked: now() < brakedUntil,
      brakedUntil: brakedUntil > now() ? new Date(brakedUntil).toISOString() : undefined,
      pushesPausedUntil: pushesPausedUntil > now() ? new Date(pushesPausedUntil).toISOString() : undefined,
      ...stats,
    }),
  };
}

export type Outbox = ReturnType<typeof createOutbox>;
