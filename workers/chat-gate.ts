import { createHash } from "node:crypto";
import type { Redis } from "ioredis";
import type { Reply } from "../core/conversation/reply.js";
import type { ChannelAddress } from "../core/messaging/message.js";
import type { MessageSender } from "../core/messaging/ports.js";

/** Network jitter between two requests to one chat: the gate is held this much longer than the gap. */
export const GATE_MARGIN_MS = 100;

export interface ChatGate {
  /** 0 if this chat may get a message now (and its gap starts), else ms until it may. */
  take(address: ChannelAddress): Promise<number>;
  /** A message just went out: the gap starts again from now. */
  hold(address: ChannelAddress): Promise<void>;
}

/**
 * At least `gapMs` between two messages to one chat, across every worker process: a Redis key per
 * chat (its id hashed, never in clear) set with NX and an expiry. The open-source BullMQ has no
 * per-group limit; this gate with `moveToDelayed` + `DelayedError` does the same (bullmq.md).
 */
export function redisChatGate(redis: Redis, prefix: string, gapMs: number): ChatGate {
  const hold = gapMs + GATE_MARGIN_MS;
  const key = (address: ChannelAddress) =>
    `${prefix}:gate:${createHash("sha256").update(`${address.channel}:${address.externalId}`).digest("base64url").slice(0, 24)}`;
  return {
    async take(address) {
      const taken = await redis.set(key(address), "1", "PX", hold, "NX");
      if (taken === "OK") return 0;
      const left = await redis.pttl(key(address));
      return left > 0 ? left : 1;
    },
    async hold(address) {
      await redis.set(key(address), "1", "PX", hold);
    },
  };
}

/** The sender, with the gap restarted after every send that may have reached the chat. */
export function gatedSender(sender: MessageSender, gate: ChatGate): MessageSender {
  return {
    async send(address: ChannelAddress, replies: readonly Reply[]) {
      const outcome = await sender.send(address, replies);
      if (outcome.status === "sent" || outcome.status === "ambiguous") await gate.hold(address).catch(() => {});
      return outcome;
    },
  };
}
