import { z } from "zod";
import { agendaOfDay } from "../../../facilitators/agenda.js";
import { MessageKind } from "../../../messaging/kinds.js";
import { localDateSchema } from "../../../validation.js";
import { agendaItemText } from "../../facilitator/agenda-items.js";
import { formatLocalDate } from "../../format.js";
import { definePushKind } from "../push-kind.js";

/** Each morning, to each facilitator of a point open that day: the day's agenda, read when it is sent. */
export const facilitatorAgenda = definePushKind({
  kind: MessageKind.facilitatorAgenda,
  params: z.object({ date: localDateSchema }),
  async compose(ctx, message, p) {
    if (message.recipient?.kind !== "facilitator") return { skip: "not_a_facilitator" };
    const facilitator = await ctx.core.repos.facilitators.findById(message.recipient.facilitatorId);
    if (!facilitator?.active) return { skip: "facilitator_gone" };
    const items = await agendaOfDay(ctx.core, facilitator, p.date);
    const day = formatLocalDate(p.date, ctx.lang, ctx.zone, ctx.now, ctx.t);
    const text =
      items.length === 0
        ? ctx.t("facilitator.agenda.morningEmpty", { day })
        : [
            ctx.t("facilitator.agenda.morning", { day, count: items.length }),
            ...items.map((item) => agendaItemText(ctx, item)),
          ].join("\n");
    return { replies: [{ kind: "text", text }] };
  },
});
