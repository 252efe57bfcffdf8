import { createHash } from "node:crypto";
import type { InboxItem, WebInbox } from "../../bots/web/web-inbox.js";
import { CONVERSATION_TTL_SECONDS } from "../../core/conversation/engine.js";
import type { Reply } from "../../core/conversation/reply.js";
import type { Redis } from "../redis.js";

/** A chat keeps at most this many messages it has not shown (older ones give way). */
export const INBOX_MAX = 50;

/**
 * Each web chat's inbox as a Redis stream (ids increase; the chat id is hashed in the key), kept
 * as long as a conversation after the last message. Acknowledged entries are deleted.
 */
export function redisWebInbox(redis: Redis, options: { prefix: string }): WebInbox {
  const key = (chatId: string) =>
    `${options.prefix}:web-inbox:${createHash("sha256").update(chatId).digest("base64url").slice(0, 32)}`;
  return {
    async push(chatId, replies) {
      const stream = key(chatId);
      const results = await redis
        .multi()
        .xadd(stream, "MAXLEN", "~", String(INBOX_MAX), "*", "r", JSON.stringify(replies))
        .expire(stream, CONVERSATION_TTL_SECONDS)
        .exec();
      const id = results?.[0]?.[1];
      if (typeof id !== "string") throw new Error("web inbox: the message was not stored");
      return id;
    },
    async read(chatId, after, limit) {
      const stream = key(chatId);
      if (after) {
        // acknowledged: that one and everything before it
        await redis.multi().xtrim(stream, "MINID", after).xdel(stream, after).exec();
      }
      const entries = await redis.xrange(stream, after ? `(${after}` : "-", "+", "COUNT", limit);
      const items: InboxItem[] = [];
      for (const [id, fields] of entries) {
        const raw = fields[fields.indexOf("r") + 1];
        try {
          items.push({ id, replies: JSON.parse(raw ?? "[]") as Reply[] });
        } catch {
          // an entry we cannot read is skipped, never shown broken
        }
      }
      return items;
    },
  };
}
