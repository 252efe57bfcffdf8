import type { InboundLog, SentMessageLog } from "../../../bots/whatsapp/storage.js";
import type { DbClient } from "./prisma-types.js";

/** Copies of sent messages (encoded protobuf, no recipient) in `whatsapp_sent_message`, with an expiry. */
export function prismaWhatsAppSentLog(db: DbClient): SentMessageLog {
  return {
    async remember(session, messageId, content, expiresAt) {
      const bytes = Uint8Array.from(content);
      await db.whatsappSentMessage.upsert({
        where: { session_messageId: { session, messageId } },
        create: { session, messageId, content: bytes, expiresAt },
        update: { content: bytes, expiresAt },
      });
    },
    async find(session, messageId, now) {
      const row = await db.whatsappSentMessage.findUnique({
        where: { session_messageId: { session, messageId } },
        select: { content: true, expiresAt: true },
      });
      return row && row.expiresAt > now ? new Uint8Array(row.content) : undefined;
    },
    async prune(now) {
      const { count } = await db.whatsappSentMessage.deleteMany({ where: { expiresAt: { lte: now } } });
      return count;
    },
  };
}

/** Ids of incoming messages taken in, in `whatsapp_inbound_message`: the first claim wins. */
export function prismaWhatsAppInboundLog(db: DbClient): InboundLog {
  return {
    async claim(session, messageId, at) {
      const { count } = await db.whatsappInboundMessage.createMany({
        data: [{ session, messageId, receivedAt: at }],
        skipDuplicates: true,
      });
      return count === 1;
    },
    async prune(before) {
      const { count } = await db.whatsappInboundMessage.deleteMany({ where: { receivedAt: { lt: before } } });
      return count;
    },
  };
}
