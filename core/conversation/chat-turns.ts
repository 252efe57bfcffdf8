import { isSportelloError } from "../errors.js";
import type { Log } from "../log.js";
import { chatSequencer } from "./chat-sequencer.js";
import type { ConversationEngine } from "./engine.js";
import { errorText } from "./error-text.js";
import { langFromDevice } from "./i18n.js";
import type { ChatIdentity, Inbound, Reply } from "./reply.js";

/** The engine's answer to one message, or the kind fallback when it failed. */
export interface Answer {
  replies: Reply[];
  /** Why the fallback was given: the conversation was busy with an earlier message, or it broke. */
  failed?: "busy" | "error";
}

/**
 * What every channel does around the engine, written once: the messages of one chat handled
 * one at a time in the order they came (other chats alongside), and a kind answer when the
 * engine fails (logged without the message or the person). Telegram, WhatsApp and the web chat
 * all go through it.
 */
export interface ChatTurns extends ChatOrder {
  /** The engine's replies to one message, or the fallback text in the device's language. Never throws. */
  answer(identity: ChatIdentity, inbound: Inbound): Promise<Answer>;
}

/** Per-chat ordering alone (WhatsApp orders its own work around the engine's turn: claiming the id). */
export interface ChatOrder {
  /**
   * Runs `task` after the chat's earlier tasks in this process; its result or error is the
   * caller's, and a failing task does not hold up the ones after it.
   */
  inOrder<T>(identity: ChatIdentity, task: () => Promise<T>): Promise<T>;
  /** Resolves when every task queued so far has ended. */
  idle(): Promise<void>;
  /** Chats with work pending. */
  pending(): number;
}

/** The key of a chat: the channel and its user id (never logged). */
const chatKey = (identity: ChatIdentity) => `${identity.channel}:${identity.userId}`;

export function chatOrder(): ChatOrder {
  // errors are the caller's (below): the sequencer only keeps the chain going
  const chats = chatSequencer(() => {});
  return {
    inOrder<T>(identity: ChatIdentity, task: () => Promise<T>): Promise<T> {
      let outcome: { ok: true; value: T } | { ok: false; error: unknown } | undefined;
      const done = chats.run(chatKey(identity), async () => {
        try {
          outcome = { ok: true, value: await task() };
        } catch (error) {
          outcome = { ok: false, error };
        }
      });
      return done.then(() => {
        if (!outcome) throw new Error("chat task did not run");
        if (!outcome.ok) throw outcome.error;
        return outcome.value;
      });
    },
    idle: () => chats.idle(),
    pending: () => chats.pending(),
  };
}

export function chatTurns(options: { engine: ConversationEngine; log: Log }): ChatTurns {
  const { engine, log } = options;
  const order = chatOrder();
  return {
    inOrder: (identity, task) => order.inOrder(identity, task),
    idle: () => order.idle(),
    pending: () => order.pending(),
    async answer(identity, inbound) {
      try {
        return { replies: await engine.handle(identity, inbound) };
      } catch (error) {
        const busy = isSportelloError(error) && error.code === "unavailable";
        if (!busy) log.error({ err: error, channel: identity.channel }, "conversation failed");
        else log.warn({ channel: identity.channel }, "conversation busy: an earlier message is still being answered");
        const text = errorText(error, langFromDevice(identity.deviceLanguage));
        return { replies: [{ kind: "text", text }], failed: busy ? "busy" : "error" };
      }
    },
  };
}
