import { z } from "zod";
import { MessageKind } from "../../../messaging/kinds.js";
import { text } from "../../steps/step.js";
import { pushChoice } from "../push-choice.js";
import { definePushKind } from "../push-kind.js";

/** After a session: "Com'è andata?" 1-5 (ES6); the answer leads to "Torneresti?" (ES3), then both are stored. */
export const serviceRating = definePushKind({
  kind: MessageKind.serviceRating,
  params: z.object({ recordId: z.string().uuid() }),
  async compose(ctx, message, p) {
    const record = await ctx.core.repos.serviceRecords.findById(p.recordId);
    if (!record) return { skip: "record_gone" };
    if (record.rating !== null) return { skip: "already_rated" };
    const point = await ctx.point(record.pointId);
    return {
      replies: [
        {
          kind: "choices",
          text: ctx.t("facilitator.rating.ask", { point: point?.name ?? "" }),
          choices: [1, 2, 3, 4, 5].map((n) =>
            pushChoice(message.id, `r${n}`, ctx.t(`facilitator.rating.${n}` as "facilitator.rating.1")),
          ),
        },
      ],
    };
  },
  actions: Object.fromEntries(
    [1, 2, 3, 4, 5].map((score) => [
      `r${score}`,
      async (ctx, message, p: { recordId: string }) => {
        const record = await ctx.deps.core.repos.serviceRecords.findById(p.recordId);
        if (!record || record.citizenId !== ctx.state.citizenId) return { stay: [text(ctx.t("push.unknownButton"))] };
        if (record.rating !== null) return { stay: [text(ctx.t("facilitator.rating.already"))] };
        return {
          to: "service_return" as const,
          replaceFlow: { fac: { rating: { recordId: record.id, score, messageId: message.id } } },
          history: "clear" as const,
        };
      },
    ]),
  ) as Record<string, import("../push-kind.js").PushAction<{ recordId: string }>>,
});
