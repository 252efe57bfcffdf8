import { jidNormalizedUser, type WAMessage } from "@whiskeysockets/baileys";
import { type ChatOrder, chatOrder } from "../../core/conversation/chat-turns.js";
import type { Log } from "../../core/log.js";
import { boundedIds } from "./bounded-ids.js";
import type { WhatsAppSocket } from "./socket.js";
import type { InboundLog } from "./storage.js";
import {
  type OwnAccount,
  type TranslateContext,
  type Translation,
  translateEdit,
  translateMessage,
  type WhatsAppIncoming,
} from "./whatsapp-inbound.js";

/** Messages queued while Sportello was offline are answered if at most this old. */
export const MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;

export interface InboundPipelineOptions {
  session: string;
  inboundLog: InboundLog;
  log: Log;
  /** What to do with a person's message (part B: the engine, then the replies). Called in order per chat. */
  handle(message: WhatsAppIncoming): Promise<void>;
  /** Per-chat ordering, shared with the other channels (core/conversation/chat-turns.ts). */
  order?: ChatOrder;
  /** The linked account, to skip the number's own messages. */
  me(): OwnAccount | undefined;
  now?: () => Date;
  maxAgeMs?: number;
  /** How many recent ids are remembered in memory (the database remembers the rest). */
  memory?: number;
}

export interface InboundStats {
  handled: number;
  duplicates: number;
  skipped: Record<string, number>;
}

/**
 * From Baileys' events to one `handle` call per person's message: `messages.upsert` (notify:
 * live; append: queued while offline) and text edits from `messages.update` are translated,
 * de-duplicated by message id (in memory, then in the database, so a message delivered again
 * after a restart is handled once), and handled one at a time per chat, in the order sent.
 * Deletions and reactions get no answer.
 */
export function createInboundPipeline(options: InboundPipelineOptions) {
  const { log, session } = options;
  const now = options.now ?? (() => new Date());
  const seen = boundedIds(options.memory ?? 10_000);
  const stats: InboundStats = { handled: 0, duplicates: 0, skipped: {} };
  const chats = options.order ?? chatOrder();

  const context = (): TranslateContext => ({
    me: options.me(),
    now: now(),
    maxAgeMs: options.maxAgeMs ?? MAX_AGE_MS,
  });

  function skip(reason: string): void {
    stats.skipped[reason] = (stats.skipped[reason] ?? 0) + 1;
    log.debug({ channel: "whatsapp", reason }, "WhatsApp message skipped");
  }

  async function claimed(messageId: string): Promise<boolean> {
    try {
      return await options.inboundLog.claim(session, messageId, now());
    } catch (error) {
      // better an answer than silence: this process's memory still stops a second delivery
      log.warn({ err: error, channel: "whatsapp" }, "WhatsApp: could not record an incoming message id");
      return true;
    }
  }

  function take(translation: Translation, socket: WhatsAppSocket): void {
    if (!translation.ok) {
      skip(translation.detail ? `${translation.skip}:${translation.detail}` : translation.skip);
      return;
    }
    const { message, lidMissing } = translation;
    if (!seen.add(message.messageId)) {
      stats.duplicates += 1;
      return;
    }
    void chats
      .inOrder(message.identity, async () => {
        if (!(await claimed(message.messageId))) {
          stats.duplicates += 1;
          return;
        }
        if (lidMissing && message.phoneJid) {
          // key the person on the LID when Baileys knows it, even if this message came by phone number
          const lid = await socket.signalRepository?.lidMapping.getLIDForPN(message.phoneJid).catch(() => null);
          if (lid) message.identity = { ...message.identity, userId: jidNormalizedUser(lid) };
        }
        stats.handled += 1;
        await options.handle(message);
      })
      .catch((error) => log.error({ err: error, channel: "whatsapp" }, "WhatsApp message failed"));
  }

  return {
    /** Listens to a new socket's events (call it for every socket: Baileys drops listeners on close). */
    attach(socket: WhatsAppSocket): void {
      socket.ev.on("messages.upsert", ({ messages }) => {
        const ctx = context();
        // the order they were sent in, whatever order a batch came in (stable for equal times)
        const ordered = messages
          .map((m: WAMessage, i) => ({ translation: translateMessage(m, ctx), i }))
          .sort((a, b) => sentTime(a.translation) - sentTime(b.translation) || a.i - b.i);
        for (const { translation } of ordered) take(translation, socket);
      });
      socket.ev.on("messages.update", (updates) => {
        const ctx = context();
        for (const update of updates) {
          if (update.update.message?.editedMessage) take(translateEdit(update, ctx), socket);
          else if (update.update.messageStubType !== undefined && update.update.message === null) skip("deleted");
        }
      });
      socket.ev.on("messages.reaction", (reactions) => {
        for (const _ of reactions) skip("reaction");
      });
    },
    /** Resolves when every message taken so far has been handled. */
    idle: () => chats.idle(),
    stats: (): InboundStats => ({ ...stats, skipped: { ...stats.skipped } }),
  };
}

function sentTime(translation: Translation): number {
  return translation.ok ? translation.message.sentAt.getTime() : 0;
}
