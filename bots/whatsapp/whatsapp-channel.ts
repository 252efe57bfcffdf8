import { chatTurns } from "../../core/conversation/chat-turns.js";
import type { ConversationEngine } from "../../core/conversation/engine.js";
import type { Log } from "../../core/log.js";
import type { BaileysLogLevel } from "./baileys-logger.js";
import { type ConnectionStatus, createWhatsAppConnection, type OperatorAlert } from "./connection.js";
import { createInboundPipeline } from "./inbound-pipeline.js";
import type { NumberLock } from "./number-lock.js";
import { createOutbox, type Outbox, type SendingPolicy, type Undelivered } from "./outbox.js";
import { makeBaileysSocket, type SocketFactory } from "./socket.js";
import type { WhatsAppStorage } from "./storage.js";
import { startTyping } from "./typing.js";
import type { WhatsAppIncoming } from "./whatsapp-inbound.js";
import { renderWhatsApp } from "./whatsapp-render.js";

export interface WhatsAppChannelOptions {
  session: string;
  storage: WhatsAppStorage;
  lock: NumberLock;
  engine: ConversationEngine;
  log: Log;
  sending?: Partial<SendingPolicy>;
  /** The real Baileys socket by default; tests pass the fake one. */
  makeSocket?: SocketFactory;
  baileysLogLevel?: BaileysLogLevel;
  onAlert?(alert: OperatorAlert): void;
  onUndelivered?(info: Undelivered): void;
  /** Timings of the connection (tests shorten them). */
  connection?: Pick<Parameters<typeof createWhatsAppConnection>[0], "backoff" | "recheckMs" | "timers" | "now">;
}

export interface WhatsAppChannel {
  /** Connects in the background: WhatsApp being unreachable never stops the app. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Resolves when every message received so far has been answered (its replies sent). */
  idle(): Promise<void>;
  /** For /healthz. */
  status(): ConnectionStatus & { outbox: ReturnType<Outbox["status"]> };
  /** Every message this number sends goes through here (part B's sending port: priority "push"). */
  outbox: Outbox;
}

/**
 * The WhatsApp channel of one linked number: the connection (policy, lock, auth state), the
 * inbound pipeline into the engine, the typing indicator while the engine works, the replies
 * rendered and sent through the number's outbox.
 */
export function whatsappChannel(options: WhatsAppChannelOptions): WhatsAppChannel {
  const { log, engine } = options;
  // ordering per chat and the fallback, as on every channel
  const turns = chatTurns({ engine, log });
  let outbox: Outbox | undefined;
  const pipeline = createInboundPipeline({
    session: options.session,
    inboundLog: options.storage.inbound,
    log,
    me: () => connection.me(),
    order: turns,
    handle: answer,
  });
  const connection = createWhatsAppConnection({
    session: options.session,
    storage: options.storage,
    lock: options.lock,
    makeSocket: options.makeSocket ?? makeBaileysSocket,
    log,
    ...(options.baileysLogLevel ? { baileysLogLevel: options.baileysLogLevel } : {}),
    ...(options.onAlert ? { onAlert: options.onAlert } : {}),
    ...options.connection,
    onSocket(socket) {
      pipeline.attach(socket);
      outbox?.attach(socket);
    },
  });
  outbox = createOutbox({
    socket: () => connection.socket(),
    remember: (message) => connection.sent.remember(message),
    log,
    ...(options.sending ? { policy: options.sending } : {}),
    ...(options.onUndelivered ? { onUndelivered: options.onUndelivered } : {}),
  });
  const box = outbox;

  async function answer(message: WhatsAppIncoming): Promise<void> {
    const typing = startTyping(() => connection.socket(), message.chatJid, { log });
    try {
      const { replies } = await turns.answer(message.identity, message.inbound);
      await box.send(message.chatJid, renderWhatsApp(replies), { priority: "reply" });
    } finally {
      await typing.stop();
    }
  }

  return {
    start: () => connection.start(),
    async stop() {
      box.stop();
      await connection.stop();
      await pipeline.idle();
    },
    idle: () => pipeline.idle(),
    status: () => ({ ...connection.status(), outbox: box.status() }),
    outbox: box,
  };
}
