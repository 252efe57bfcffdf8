import type { WhatsAppStorage } from "../../../bots/whatsapp/storage.js";
import type { DbClient } from "./prisma-types.js";
import { prismaWhatsAppAuthStorage } from "./whatsapp-auth-storage.js";
import { prismaWhatsAppInboundLog, prismaWhatsAppSentLog } from "./whatsapp-message-logs.js";

/** Everything the WhatsApp channel keeps, in PostgreSQL. */
export function prismaWhatsAppStorage(db: DbClient): WhatsAppStorage {
  return {
    auth: prismaWhatsAppAuthStorage(db),
    sent: prismaWhatsAppSentLog(db),
    inbound: prismaWhatsAppInboundLog(db),
  };
}
