import type { ConnectionStatus } from "../bots/whatsapp/connection.js";
import { type NumberLock, processNumberLock } from "../bots/whatsapp/number-lock.js";
import type { SocketFactory } from "../bots/whatsapp/socket.js";
import { type WhatsAppChannel, whatsappChannel } from "../bots/whatsapp/whatsapp-channel.js";
import type { ConversationEngine } from "../core/conversation/engine.js";
import type { Log } from "../core/log.js";
import type { OutboundMessageRepository } from "../core/messaging/ports.js";
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
  /** A pushed message WhatsApp reports undelivered (463) is marked failed here, never re-sent. */
  messages?: Pick<OutboundMessageRepository, "markUndelivered">;
  /** Tests pass the fake socket; the real Baileys socket otherwise. */
  makeSocket?: SocketFactory;
  /** Test timings of the connection. */
  connection?: Parameters<typeof whatsappChannel>[0]["connection"];
}

/**
 * The WhatsApp channel as configured, or undefined when WHATSAPP_ENABLED is off. Start-up
 * (app/start.ts) calls `start()` after the HTTP server, `stop()` at shutdown, registers its
 * sender for the workers (app/workers/worker-stack.ts) and shows `status()` in /healthz.
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
    ...(setup.connection ? { connection: setup.connection } : {}),
    onUndelivered({ messageId, code }) {
      if (!setup.messages || !messageId) return;
      setup.messages
        .markUndelivered("whatsapp", messageId, `whatsapp_${code}`)
        .then((marked) => {
          if (marked) log.warn({ code }, "WhatsApp: a pushed message was not delivered; marked failed, not re-sent");
        })
        .catch((error) => log.warn({ err: error }, "WhatsApp: could not mark an undelivered message"));
    },
  });
}

/** Phases that mean WhatsApp is down until someone acts (a reconnecting or standby number is not an outage). */
const OUTAGE_PHASES = new Set(["replaced", "blocked", "outdated", "logged_out", "not_linked"]);

/** Whether /healthz counts this WhatsApp status as degraded. */
export function whatsappDegraded(status: Pick<ConnectionStatus, "phase">): boolean {
  return OUTAGE_PHASES.has(status.phase);
}
