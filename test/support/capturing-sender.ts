import type { Choice, Reply } from "../../core/conversation/reply.js";
import type { MessageSender } from "../../core/messaging/ports.js";

/**
 * A message sender that keeps what it was given, per address (external id): for tests whose
 * channel under test is the engine and the workers. `hook.whileSending` runs before a send returns,
 * as a person who presses faster than the row is marked "sent".
 */
export function capturingSender() {
  const sent = new Map<string, Reply[][]>();
  const hook: { whileSending?: (externalId: string) => Promise<void> } = {};
  const sender: MessageSender = {
    async send(address, replies) {
      sent.set(address.externalId, [...(sent.get(address.externalId) ?? []), [...replies]]);
      await hook.whileSending?.(address.externalId);
      return { status: "sent", providerMessageId: null };
    },
  };
  /** The replies of the last message sent to that address. */
  const last = (externalId: string): Reply[] => sent.get(externalId)?.at(-1) ?? [];
  const buttons = (externalId: string): Choice[] =>
    last(externalId).flatMap((r) => (r.kind === "choices" ? r.choices : []));
  /** The last message's texts, joined. */
  const textOf = (externalId: string) =>
    last(externalId)
      .map((r) => ("text" in r ? r.text : ""))
      .join("\n");
  /** Every text sent to that address, in order. */
  const texts = (externalId: string) =>
    (sent.get(externalId) ?? []).flat().flatMap((r) => ("text" in r ? [r.text] : []));
  return { sender, sent, hook, last, buttons, textOf, texts };
}
