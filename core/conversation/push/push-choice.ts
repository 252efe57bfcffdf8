import type { Choice, Reply } from "../reply.js";

/**
 * Buttons of pushed messages. Their data is `!<message id>.<verb>`: the message id in base64url
 * (22 characters), so the whole id stays far below Telegram's 64-byte callback limit. The engine's
 * own buttons are `<base36 nonce>.<choice>` and never start with "!", so the two cannot collide.
 */
export const PUSH_PREFIX = "!";
const VERB = /^[a-z][a-z0-9_]{0,23}$/;
const COMPACT = /^[A-Za-z0-9_-]{22}$/;

export function compactId(uuid: string): string {
  return Buffer.from(uuid.replace(/-/g, ""), "hex").toString("base64url");
}

export function expandId(compact: string): string | undefined {
  if (!COMPACT.test(compact)) return undefined;
  const hex = Buffer.from(compact, "base64url").toString("hex");
  if (hex.length !== 32) return undefined;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The choice id of a pushed button. */
export function pushChoiceId(messageId: string, verb: string): string {
  if (!VERB.test(verb)) throw new Error(`bad pushed verb "${verb}"`);
  return `${PUSH_PREFIX}${compactId(messageId)}.${verb}`;
}

export interface PushPress {
  messageId: string;
  verb: string;
}

/** The message and verb a button's data names, or undefined when it is not a pushed button. */
export function parsePushChoice(data: string): PushPress | undefined {
  if (!data.startsWith(PUSH_PREFIX)) return undefined;
  const dot = data.indexOf(".");
  if (dot < 0) return undefined;
  const messageId = expandId(data.slice(PUSH_PREFIX.length, dot));
  const verb = data.slice(dot + 1);
  return messageId && VERB.test(verb) ? { messageId, verb } : undefined;
}

/** A pushed button: what a composer puts among its choices. */
export function pushChoice(messageId: string, verb: string, label: string): Choice {
  return { id: pushChoiceId(messageId, verb), label };
}

/**
 * The question a pushed message leaves on screen: its buttons in order, so that a typed "1" (the
 * only way on a channel without buttons) or a typed label reaches them. Kept in the conversation
 * state until the person's next message.
 */
export interface PushedQuestion {
  messageId: string;
  choices: Array<{ verb: string; label: string }>;
}

/** The pushed question of a delivered message's replies: the last one with pushed buttons. */
export function pushedQuestionOf(replies: readonly Reply[]): PushedQuestion | undefined {
  for (const reply of [...replies].reverse()) {
    if (reply.kind !== "choices") continue;
    const presses = reply.choices.map((c) => ({ press: parsePushChoice(c.id), label: c.label }));
    const first = presses[0]?.press;
    if (!first || presses.some((p) => p.press?.messageId !== first.messageId)) continue;
    return {
      messageId: first.messageId,
      choices: presses.map((p) => ({ verb: p.press?.verb ?? "", label: p.label })),
    };
  }
  return undefined;
}
