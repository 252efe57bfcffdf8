import { autoRetry } from "@grammyjs/auto-retry";
import { Api } from "grammy";
import type { Reply } from "../../core/conversation/reply.js";
import type { ChannelAddress } from "../../core/messaging/message.js";
import type { MessageSender } from "../../core/messaging/ports.js";
import { classifyTelegramError } from "./telegram-errors.js";
import { renderReplies } from "./telegram-render.js";

export interface TelegramSenderOptions {
  token: string;
  apiRoot: string;
  /** A 429 asking to wait up to this long is waited inside the job; longer waits go back to the queue. */
  maxRetryDelaySeconds: number;
  /** 429 waits inside one send, at most. */
  maxRetryAttempts: number;
  /** One Bot API call gives up after this long (grammY's default is 500 s: far beyond a job's lease). */
  timeoutSeconds: number;
}

/**
 * The Telegram side of the sending port: renders the replies like the conversation does (same
 * keyboards, same numbering) and classifies Telegram's answer. Flood waits up to
 * `maxRetryDelaySeconds` are waited here, for this message only; 5xx and network errors are handed
 * back to the queue (its backoff), never retried blindly here.
 */
export function telegramSender(options: TelegramSenderOptions): MessageSender {
  const api = new Api(options.token, { apiRoot: options.apiRoot, timeoutSeconds: options.timeoutSeconds });
  api.config.use(
    autoRetry({
      maxDelaySeconds: options.maxRetryDelaySeconds,
      maxRetryAttempts: options.maxRetryAttempts,
      rethrowInternalServerErrors: true,
      rethrowHttpErrors: true,
    }),
  );
  return {
    async send(address: ChannelAddress, replies: readonly Reply[]) {
      const chatId = Number(address.externalId);
      if (address.channel !== "telegram" || !Number.isSafeInteger(chatId)) {
        return { status: "permanent", code: "bad_address", unreachable: false };
      }
      const sent: number[] = [];
      try {
        await renderReplies(replies, { api, chatId, replyKeyboardShown: false, sentMessageIds: sent });
      } catch (error) {
        // part of it went out already: sending it all again would repeat that part
        if (sent.length > 0) return { status: "sent", providerMessageId: String(sent[0]) };
        return classifyTelegramError(error);
      }
      return { status: "sent", providerMessageId: sent[0] === undefined ? null : String(sent[0]) };
    },
  };
}
