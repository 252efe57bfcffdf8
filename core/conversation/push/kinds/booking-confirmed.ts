import { z } from "zod";
import { MessageKind } from "../../../messaging/kinds.js";
import { bookingFacts, cancelAction, moveAction } from "../booking-push.js";
import { pushChoice } from "../push-choice.js";
import { definePushKind } from "../push-kind.js";

/** A facilitator confirmed a remote session: when, and how they will get in touch. */
export const bookingConfirmed = definePushKind({
  kind: MessageKind.bookingConfirmed,
  params: z.object({
    startsAt: z.string(),
    /** How the facilitator will meet them, and the video call's link (facilitators' confirmations). */
    how: z.enum(["phone", "video", "chat"]).optional(),
    link: z.string().nullable().optional(),
  }),
  async compose(ctx, message, params) {
    const facts = await bookingFacts(ctx, message.bookingId);
    if (!facts) return { skip: "booking_gone" };
    if (facts.booking.status !== "confirmed") return { skip: "booking_not_confirmed" };
    if (facts.booking.startsAt.toISOString() !== params.startsAt) return { skip: "booking_moved" };
    return {
      replies: [
        {
          kind: "choices",
          text: [
            ctx.t("push.confirmed.text", {
              day: facts.day,
              time: facts.time,
              mode: facts.mode,
              point: facts.point?.name ?? "",
            }),
            ...(params.how ? [ctx.t(`facilitator.confirmedHow.${params.how}`, { link: params.link ?? "" })] : []),
          ].join("\n"),
          choices: [
            pushChoice(message.id, "move", ctx.t("push.reminder.move")),
            pushChoice(message.id, "cancel", ctx.t("push.reminder.cancel")),
          ],
        },
      ],
    };
  },
  actions: {
    move: (ctx, message, params) => moveAction(ctx, message, params.startsAt),
    cancel: (ctx, message, params) => cancelAction(ctx, message, params.startsAt),
  },
});
