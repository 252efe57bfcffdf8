import { linkChat } from "../../facilitators/link-chat.js";
import type { StepId } from "../state.js";
import { type Outcome, type StepContext, text } from "../steps/step.js";

/** Words that take a linked facilitator to their menu (anyone else: nothing special). */
export const FACILITATOR_WORDS: ReadonlySet<string> = new Set([
  "facilitatore",
  "facilitatrice",
  "facilitator",
  "staff",
]);

export function isFacilitatorStep(step: StepId): boolean {
  return step.startsWith("fac_");
}

/**
 * An invite code typed, or opened from its link: a good one links the chat and opens the facilitator
 * menu. Any other answer says plainly why (unknown, expired, revoked, used; too many wrong codes)
 * and asks the question on screen again: nothing else is learnt.
 */
export async function linkOutcome(ctx: StepContext, code: string): Promise<{ linked: boolean; outcome: Outcome }> {
  const result = await linkChat(ctx.deps.core, {
    address: { channel: ctx.identity.channel, externalId: ctx.identity.userId },
    code,
    language: ctx.lang,
  });
  if (result.linked) {
    return {
      linked: true,
      outcome: {
        to: "fac_menu",
        replaceFlow: {},
        history: "clear",
        say: [text(ctx.t("facilitator.link.done", { name: result.facilitator.displayName }))],
      },
    };
  }
  return { linked: false, outcome: { stay: [text(ctx.t(`facilitator.link.${result.why}`))] } };
}
