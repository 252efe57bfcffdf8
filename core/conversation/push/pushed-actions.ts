import type { OutboundMessage } from "../../messaging/message.js";
import type { ChatIdentity } from "../reply.js";
import type { ConversationState } from "../state.js";
import { type EngineDeps, type Outcome, type StepContext, text } from "../steps/step.js";
import { fold, typedNumber } from "../text-input.js";
import { PUSH_KINDS } from "./kinds/index.js";
import type { PushPress } from "./push-choice.js";

/**
 * Whether this chat may act on this message: it must be the message's own address, and for a
 * citizen the conversation must be that citizen's (consent given). The facilitators' issue adds
 * its recipients here.
 */
function isOwnMessage(ctx: StepContext, message: OutboundMessage): boolean {
  if (message.address.channel !== ctx.identity.channel || message.address.externalId !== ctx.identity.userId) {
    return false;
  }
  const recipient = message.recipient;
  if (recipient?.kind === "citizen") {
    return ctx.state.consent === "accepted" && ctx.state.citizenId === recipient.citizenId;
  }
  // a facilitator's: only while this chat is linked to that same, active facilitator
  if (recipient?.kind === "facilitator") return ctx.facilitator?.id === recipient.facilitatorId;
  return false;
}

/**
 * A message whose button someone holds may have reached them: handed to the provider (the row is
 * marked "sent" just after, a press can come first) or sent with an unclear outcome. A message
 * still waiting, skipped, failed or cancelled never reached anyone.
 */
const MAY_HAVE_ARRIVED: ReadonlySet<OutboundMessage["state"]> = new Set(["sending", "sent", "unknown"]);

/**
 * A pushed button pressed (or its number typed), at any step of the conversation: the message's
 * kind handles its verb. Anyone else's button, an unknown verb or a message that was never sent
 * changes nothing and says so.
 */
export async function runPushedAction(ctx: StepContext, press: PushPress): Promise<Outcome> {
  const unknown: Outcome = { stay: [text(ctx.t("push.unknownButton"))] };
  const message = await ctx.deps.core.repos.messages.findById(press.messageId);
  if (!message || !MAY_HAVE_ARRIVED.has(message.state) || !isOwnMessage(ctx, message)) return unknown;
  const kind = PUSH_KINDS.get(message.kind);
  const action = kind?.actions && Object.hasOwn(kind.actions, press.verb) ? kind.actions[press.verb] : undefined;
  if (!kind || !action) return unknown;
  const params = kind.params.safeParse(message.params);
  if (!params.success) return unknown;
  return action(ctx, message, params.data);
}

/**
 * A typed answer to the pushed question on screen (the number of one of its buttons, or its label).
 * Only while that message is the newest thing in the chat: any other message of the person clears it.
 */
export function pushedTyped(state: ConversationState, typed: string): PushPress | undefined {
  const question = state.pushed;
  if (!question) return undefined;
  const n = typedNumber(typed);
  const folded = fold(typed);
  const picked =
    n !== undefined
      ? question.choices[n - 1]
      : folded
        ? question.choices.find((c) => fold(c.label) === folded)
        : undefined;
  return picked ? { messageId: question.messageId, verb: picked.verb } : undefined;
}

/** The person started the chat again (Telegram's /start after unblocking): pushed messages may go again. */
export async function noteInbound(deps: EngineDeps, identity: ChatIdentity): Promise<void> {
  await deps.core.repos.messages
    .markReachable({ channel: identity.channel, externalId: identity.userId })
    .catch((error) => deps.log.warn({ err: error }, "could not mark a chat reachable again"));
}
