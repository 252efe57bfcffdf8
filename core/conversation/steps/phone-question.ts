import { saveCitizenPhone } from "../../citizens/save-phone.js";
import type { MessageKey } from "../i18n.js";
import { normalisePhone } from "../phone.js";
import { toMenu } from "./shared.js";
import { choice, type Outcome, type Step, type StepContext, text } from "./step.js";

/**
 * "A che numero ti chiamiamo?": a typed or shared number, kept on the citizen when it looks right,
 * then `next`; a wrong one gets `invalid` and the same question. Used by phone appointments and
 * call backs.
 */
export function phoneQuestion(options: {
  ask: MessageKey;
  invalid: MessageKey;
  next: (ctx: StepContext) => Outcome;
  skip?: Step["skip"];
}): Step {
  async function keep(ctx: StepContext, phone: string): Promise<Outcome> {
    const normalised = normalisePhone(phone);
    if (!normalised || !ctx.state.citizenId) return { stay: [text(ctx.t(options.invalid))], miss: true };
    await saveCitizenPhone(ctx.deps.core, { citizenId: ctx.state.citizenId, phone: normalised });
    return options.next(ctx);
  }
  return {
    ...(options.skip ? { skip: options.skip } : {}),
    async ask(ctx) {
      return {
        say: [],
        ask: { kind: "choices", text: ctx.t(options.ask) },
        choices: [choice("menu", ctx.t("common.menu"))],
      };
    },
    async choose() {
      return toMenu();
    },
    text: (ctx, typed) => keep(ctx, typed),
    contact: (ctx, phone) => keep(ctx, phone),
  };
}
