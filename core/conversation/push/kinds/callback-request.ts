import { z } from "zod";
import { actOnCallback } from "../../../callback/request-callback.js";
import { MessageKind } from "../../../messaging/kinds.js";
import type { OutboundMessage } from "../../../messaging/message.js";
import type { MessageKey } from "../../i18n.js";
import { displayPhone } from "../../phone.js";
import { type StepContext, text } from "../../steps/step.js";
import { pushChoice } from "../push-choice.js";
import { definePushKind } from "../push-kind.js";

const params = z.object({
  citizenId: z.string(),
  pointId: z.string(),
  request: z.number().int(),
  when: z.enum(["morning", "afternoon", "any"]),
});

/** A press on «Fatto» or «Non risponde»: the first press on any copy of the request wins. */
async function act(ctx: StepContext, message: OutboundMessage, verb: "done" | "no_answer") {
  if (!ctx.facilitator) return { stay: [text(ctx.t("push.unknownButton"))] };
  const outcome = await actOnCallback(ctx.deps.core, message, verb);
  if (outcome.done) return { stay: [text(ctx.t(verb === "done" ? "callback.fac.done" : "callback.fac.noAnswer"))] };
  const by = outcome.byFacilitatorId ? await ctx.deps.core.repos.facilitators.findById(outcome.byFacilitatorId) : null;
  const name = by?.id === ctx.facilitator.id ? ctx.t("callback.fac.you") : (by?.displayName ?? "");
  const key: MessageKey = outcome.verb === "no_answer" ? "callback.fac.alreadyNoAnswer" : "callback.fac.alreadyDone";
  return { stay: [text(ctx.t(key, { name }))] };
}

/**
 * To each facilitator of a point: a citizen asks to be called back. The number and given name are
 * read from the citizen when it is sent (never kept in the row); an erased citizen's is not sent.
 */
export const callbackRequest = definePushKind({
  kind: MessageKind.callbackRequest,
  params,
  async compose(ctx, message, p) {
    const citizen = await ctx.core.repos.citizens.findById(p.citizenId);
    if (!citizen || citizen.erasedAt || !citizen.phone) return { skip: "citizen_gone" };
    const point = await ctx.point(p.pointId);
    const who = citizen.givenName ?? ctx.t("callback.fac.someone");
    return {
      replies: [
        {
          kind: "choices",
          text: ctx.t("callback.fac.text", {
            who,
            point: point?.name ?? "",
            phone: displayPhone(citizen.phone) ?? citizen.phone,
            when: ctx.t(`callback.when.${p.when}` as MessageKey),
          }),
          choices: [
            pushChoice(message.id, "done", ctx.t("callback.fac.doneButton")),
            pushChoice(message.id, "no_answer", ctx.t("callback.fac.noAnswerButton")),
          ],
        },
      ],
    };
  },
  actions: {
    done: (ctx, message) => act(ctx, message, "done"),
    no_answer: (ctx, message) => act(ctx, message, "no_answer"),
  },
});
