import { type NumberLock, processNumberLock } from "../bots/whatsapp/number-lock.js";
import type { SocketFactory } from "../bots/whatsapp/socket.js";
import { type WhatsAppChannel, whatsappChannel } from "../bots/whatsapp/whatsapp-channel.js";
import type { ConversationEngine } from "../core/conversation/engine.js";
import type { Log } from "../core/log.js";
import type { Config } from "./config.js";
import type { DatabaseKind } from "./db/database-location.js";
import type { Db } from "./db/prisma-client.js";
import { prismaWhatsAppStorage } from "./db/repositories/whatsapp-storage.js";
import { postgresNumberLock } from "./db/whatsapp-number-lock.js";

/**
 * One socket per number across processes. The embedded database serves a single process (and
 * a single connection, which a lock of its own would take): there, a lock within the process.
 */
export function whatsappNumberLock(database: { url: string; kind: DatabaseKind }): NumberLock {
  return database.kind === "embedded" ? processNumberLock() : postgresNumberLock(database.url);
}

export interface WhatsAppSetup {
  db: Db;
  database: { url: string; kind: DatabaseKind };
  engine: ConversationEngine;
  log: Log;
  /** Tests pass the fake socket; the real Baileys socket otherwise. */
  makeSocket?: SocketFactory;
}

/**
 * The WhatsApp channel as configured, or undefined when WHATSAPP_ENABLED is off. Start-up (part
 * B, see bots/whatsapp/README.md) calls `start()` after the HTTP server, `stop()` at shutdown,
 * and shows `status()` in /healthz.
 */
export function createWhatsApp(config: Config, setup: WhatsAppSetup): WhatsAppChannel | undefined {
  if (!config.whatsapp.enabled) return undefined;
  const log = setup.log.child({ channel: "whatsapp", session: config.whatsapp.session });
  return whatsappChannel({
    session: config.whatsapp.session,
    storage: prismaWhatsAppStorage(setup.db),
    lock: whatsappNumberLock(setup.database),
    engine: setup.engine,
    log,
    sending: config.whatsapp.sending,
    baileysLogLevel: config.whatsapp.logLevel,
    ...(setup.makeSocket ? { makeSocket: setup.makeSocket } : {}),
  });
}
