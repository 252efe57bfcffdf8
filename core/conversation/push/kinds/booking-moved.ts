import { z } from "zod";
import { MessageKind } from "../../../messaging/kinds.js";
import { bookingFacts, cancelAction, moveAction } from "../booking-push.js";
import { pushChoice } from "../push-choice.js";
import { definePushKind } from "../push-kind.js";

/** Someone else (a facilitator) moved the booking: the new time, and a way to change or cancel it. */
export const bookingMoved = definePushKind({
  kind: MessageKind.bookingMoved,
  params: z.object({ startsAt: z.string() }),
  async compose(ctx, message, params) {
    const facts = await bookingFacts(ctx, message.bookingId);
    if (!facts) return { skip: "booking_gone" };
    const { booking } = facts;
    if (booking.status !== "pending" && booking.status !== "confirmed") return { skip: "booking_not_open" };
    if (booking.startsAt.toISOString() !== params.startsAt) return { skip: "booking_moved_again" };
    return {
      replies: [
        {
          kind: "choices",
          text: ctx.t("push.moved.text", {
            day: facts.day,
            time: facts.time,
            place: facts.remote ? facts.mode : facts.place,
          }),
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
