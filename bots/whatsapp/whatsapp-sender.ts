import type { Reply } from "../../core/conversation/reply.js";
import type { ChannelAddress } from "../../core/messaging/message.js";
import type { MessageSender, SendOutcome } from "../../core/messaging/ports.js";
import { type Outbox, OutboxError } from "./outbox.js";
import { renderWhatsApp } from "./whatsapp-render.js";

export interface WhatsAppSenderOptions {
  /** The number's outbox (the channel's: pushed messages share its pace and brakes with replies). */
  outbox: Pick<Outbox, "send">;
  /**
   * A pushed message waits this long for an open socket (or the end of a brake) inside the job;
   * after that it goes back to the queue, nothing sent.
   */
  waitMs: number;
  /** Retry delay handed to the queue after repeated 429s. */
  rateLimitedRetryMs?: number;
  now?: () => number;
}

/** A WhatsApp user as Sportello keys them: a LID (`…@lid`) or, before the LID is known, a phone JID. */
const PERSON_JID = /^\d{5,20}@(?:lid|s\.whatsapp\.net)$/;

/**
 * The WhatsApp side of the sending port: the replies rendered as in the conversation (numbered
 * choices, the engine's hints in the recipient's language), sent through the number's outbox with
 * priority "push" (a person's reply goes first). Only to identities that exist, i.e. people who
 * wrote first. How the outbox's refusals map: not connected or braked until the deadline, stopped
 * → transient (the queue tries again); 429 three times → rate_limited; anything else → permanent.
 * A 463 arrives later (see `onUndelivered` in app/whatsapp-setup.ts).
 */
export function whatsappSender(options: WhatsAppSenderOptions): MessageSender {
  const now = options.now ?? Date.now;
  return {
    async send(address: ChannelAddress, replies: readonly Reply[]): Promise<SendOutcome> {
      if (address.channel !== "whatsapp" || !PERSON_JID.test(address.externalId)) {
        return { status: "permanent", code: "bad_address", unreachable: false };
      }
      try {
        const ids = await options.outbox.send(address.externalId, renderWhatsApp(replies), {
          priority: "push",
          deadline: new Date(now() + options.waitMs),
        });
        return { status: "sent", providerMessageId: ids.find((id) => id !== undefined) ?? null };
      } catch (error) {
        if (!(error instanceof OutboxError)) return { status: "ambiguous", code: "whatsapp_error" };
        // part of it went out already: sending it all again would repeat that part
        const first = error.sentIds.find((id) => id !== undefined);
        if (error.sentIds.length > 0) return { status: "sent", providerMessageId: first ?? null };
        switch (error.reason) {
          case "expired":
            return { status: "transient", code: "whatsapp_not_connected" };
          case "stopped":
            return { status: "transient", code: "whatsapp_stopped" };
          case "rate_limited":
            return { status: "rate_limited", retryAfterMs: options.rateLimitedRetryMs ?? 5 * 60_000 };
          case "failed":
            return { status: "permanent", code: "whatsapp_refused", unreachable: false };
        }
      }
    },
  };
}
