import { proto, type WAMessage, type WAMessageKey } from "@whiskeysockets/baileys";
import type { Log } from "../../core/log.js";
import type { SentMessageLog } from "./storage.js";

/** How long a copy of a sent message is kept for retries (Baileys' own cache keeps 5 minutes). */
export const SENT_COPY_TTL_MS = 24 * 60 * 60 * 1000;

export interface SentCopies {
  /** Baileys' `getMessage`: the content of a message we sent, by its id, while kept. */
  getMessage(key: WAMessageKey): Promise<proto.IMessage | undefined>;
  /** Keeps a copy of a message `sendMessage` just returned. Never throws. */
  remember(message: WAMessage | undefined): Promise<void>;
}

/**
 * Recently sent messages in the database, looked up by id when a recipient's phone asks for a
 * retry after Baileys' in-memory cache has forgotten them. Only the encoded content is kept.
 */
export function sentCopies(options: {
  log: SentMessageLog;
  session: string;
  logger: Log;
  ttlMs?: number;
  now?: () => Date;
}): SentCopies {
  const now = options.now ?? (() => new Date());
  const ttl = options.ttlMs ?? SENT_COPY_TTL_MS;
  return {
    async getMessage(key) {
      if (!key.id) return undefined;
      try {
        const bytes = await options.log.find(options.session, key.id, now());
        return bytes ? proto.Message.decode(bytes) : undefined;
      } catch (error) {
        options.logger.warn({ err: error }, "WhatsApp: could not read a sent message copy");
        return undefined;
      }
    },
    async remember(message) {
      const id = message?.key.id;
      if (!id || !message.message) return;
      try {
        const bytes = proto.Message.encode(message.message).finish();
        await options.log.remember(options.session, id, bytes, new Date(now().getTime() + ttl));
      } catch (error) {
        options.logger.warn({ err: error }, "WhatsApp: could not keep a sent message copy");
      }
    },
  };
}
