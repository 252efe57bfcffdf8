import { CODED_FIELDS } from "../../monitoring/answer-options.js";
import { recordServiceFeedback } from "../../service-records/record-feedback.js";
import { toMenu } from "../steps/shared.js";
import { choice, type Step, text } from "../steps/step.js";
import { codeLabel } from "./describe.js";

/** The citizen rated a session (ES6): "Torneresti?" (ES3); then both are stored on its record, once. */
export const serviceReturnStep: Step = {
  async skip(ctx) {
    return ctx.state.flow.fac?.rating ? undefined : toMenu();
  },
  async ask(ctx) {
    return {
      say: [],
      ask: { kind: "choices", text: ctx.t("facilitator.rating.return") },
      choices: CODED_FIELDS.ES3.options.map((o) => choice(o.code, codeLabel(ctx, "ES3", o.code))),
    };
  },
  async choose(ctx, id) {
    const rating = ctx.state.flow.fac?.rating;
    if (!rating) return toMenu();
    await ctx.deps.core.repos.messages.markActed(rating.messageId, `r${rating.score}`, ctx.now);
    const { stored } = await recordServiceFeedback(ctx.deps.core, {
      recordId: rating.recordId,
      rating: rating.score,
      wouldReturn: [id],
    });
    return toMenu([text(ctx.t(stored ? "facilitator.rating.thanks" : "facilitator.rating.already"))]);
  },
};
