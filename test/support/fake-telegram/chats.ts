import type { Chat, Message } from "grammy/types";
import { badRequest, forbidden } from "./errors.js";

/**
 * The chats the bot can reach and the messages in them. As in Telegram, a chat is known once one of its
 * members has written to the bot, and both sides of a private chat share one sequence of message ids.
 */
export class ChatStore {
  private readonly chats = new Map<number, Chat>();
  private readonly messages = new Map<number, Map<number, Message>>();
  private readonly lastMessageId = new Map<number, number>();
  private readonly blockedBy = new Set<number>();

  remember(chat: Chat): void {
    this.chats.set(chat.id, { ...this.chats.get(chat.id), ...chat } as Chat);
  }

  get(chatId: number): Chat | undefined {
    return this.chats.get(chatId);
  }

  /** The chat a `chat_id` parameter names (an id, or `@username` of a public chat), or Telegram's error. */
  resolve(chatId: unknown): Chat {
    if (chatId === undefined || chatId === "") throw badRequest("chat_id is empty");
    if (typeof chatId === "number") {
      const chat = this.chats.get(chatId);
      if (chat) return chat;
    } else if (typeof chatId === "string" && chatId.startsWith("@")) {
      const username = chatId.slice(1).toLowerCase();
      for (const chat of this.chats.values()) if (chat.username?.toLowerCase() === username) return chat;
    }
    throw badRequest("chat not found");
  }

  /** Like {@link resolve}, and refuses private chats whose user blocked the bot. */
  resolveWritable(chatId: unknown): Chat {
    const chat = this.resolve(chatId);
    if (chat.type === "private" && this.blockedBy.has(chat.id)) throw forbidden("bot was blocked by the user");
    return chat;
  }

  setBlocked(userId: number, blocked: boolean): void {
    if (blocked) this.blockedBy.add(userId);
    else this.blockedBy.delete(userId);
  }

  nextMessageId(chatId: number): number {
    const id = (this.lastMessageId.get(chatId) ?? 0) + 1;
    this.lastMessageId.set(chatId, id);
    return id;
  }

  save(message: Message): void {
    let inChat = this.messages.get(message.chat.id);
    if (!inChat) {
      inChat = new Map();
      this.messages.set(message.chat.id, inChat);
    }
    inChat.set(message.message_id, message);
  }

  message(chatId: number, messageId: number): Message | undefined {
    return this.messages.get(chatId)?.get(messageId);
  }

  delete(chatId: number, messageId: number): boolean {
    return this.messages.get(chatId)?.delete(messageId) ?? false;
  }

  /** The messages of a chat that still exist, oldest first. */
  list(chatId: number): Message[] {
    return [...(this.messages.get(chatId)?.values() ?? [])].sort((a, b) => a.message_id - b.message_id);
  }
}
