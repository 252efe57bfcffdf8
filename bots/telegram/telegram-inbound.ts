import type { Update } from "grammy/types";
import type { ChatIdentity, Inbound } from "../../core/conversation/reply.js";

export interface TelegramInbound {
  identity: ChatIdentity;
  chatId: number;
  inbound: Inbound;
  /** Set for button presses: the query to answer and the message to edit. */
  callback?: { queryId: string; messageId: number | undefined };
}

/**
 * What a Telegram update means for the conversation, or undefined when it is not for us
 * (groups, channels, edits, service messages, bots).
 */
export function telegramInbound(update: Update): TelegramInbound | undefined {
  const query = update.callback_query;
  if (query) {
    const chat = query.message?.chat;
    if (chat?.type !== "private" || query.from.is_bot) return undefined;
    return {
      identity: identityOf(query.from),
      chatId: chat.id,
      inbound: { kind: "button", data: (query.data ?? "").slice(0, 64) },
      callback: { queryId: query.id, messageId: query.message?.message_id },
    };
  }
  const message = update.message;
  if (message?.chat.type !== "private" || !message.from || message.from.is_bot) return undefined;
  const base = { identity: identityOf(message.from), chatId: message.chat.id };
  if (typeof message.text === "string") {
    const start = /^\/start(?:@\w+)?(?:\s+(\S+))?\s*$/.exec(message.text);
    if (start)
      return { ...base, inbound: start[1] ? { kind: "start", payload: start[1].slice(0, 64) } : { kind: "start" } };
    return { ...base, inbound: { kind: "text", text: message.text } };
  }
  if (message.location)
    return { ...base, inbound: { kind: "location", lat: message.location.latitude, lon: message.location.longitude } };
  if (message.contact) {
    // only the person's own number: a forwarded contact card is someone else's
    if (message.contact.user_id !== message.from.id)
      return { ...base, inbound: { kind: "unsupported", what: "other" } };
    return { ...base, inbound: { kind: "contact", phone: message.contact.phone_number } };
  }
  const what = message.sticker
    ? "sticker"
    : message.photo
      ? "photo"
      : message.voice || message.audio
        ? "voice"
        : message.video || message.video_note || message.animation
          ? "video"
          : message.document
            ? "document"
            : "other";
  return { ...base, inbound: { kind: "unsupported", what } };
}

function identityOf(from: { id: number; language_code?: string }): ChatIdentity {
  return {
    channel: "telegram",
    userId: String(from.id),
    ...(from.language_code ? { deviceLanguage: from.language_code } : {}),
  };
}
