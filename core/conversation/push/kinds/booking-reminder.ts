import { z } from "zod";
import { MessageKind } from "../../../messaging/kinds.js";
import { text } from "../../steps/step.js";
import { actionableBooking, bookingFacts, cancelAction, moveAction } from "../booking-push.js";
import { pushChoice } from "../push-choice.js";
import { definePushKind } from "../push-kind.js";

/**
 * The reminder before a booking (the day before, 2 hours before): "Ci sarò" records the answer
 * once; "Sposta" and "Annulla" lead into the reschedule and cancel flows of that booking.
 */
export const bookingReminder = definePushKind({
  kind: MessageKind.bookingReminder,
  params: z.object({ offset: z.string(), startsAt: z.string() }),
  async compose(ctx, message, params) {
    const facts = await bookingFacts(ctx, message.bookingId);
    if (!facts) return { skip: "booking_gone" };
    const { booking } = facts;
    if (booking.status !== "pending" && booking.status !== "confirmed") return { skip: "booking_not_open" };
    // a reminder written for another time is stale (its booking moved): never send it
    if (booking.startsAt.toISOString() !== params.startsAt) return { skip: "booking_moved" };
    const lines = [
      facts.remote
        ? ctx.t("push.reminder.remote", {
            day: facts.day,
            time: facts.time,
            mode: facts.mode,
            point: facts.point?.name ?? "",
          })
        : ctx.t("push.reminder.inPerson", { day: facts.day, time: facts.time, place: facts.place }),
    ];
    if (booking.status === "pending") lines.push(ctx.t("push.reminder.pending"));
    lines.push(ctx.t("push.reminder.question"));
    return {
      replies: [
        {
          kind: "choices",
          text: lines.join("\n\n"),
          choices: [
            pushChoice(message.id, "yes", ctx.t("push.reminder.yes")),
            pushChoice(message.id, "move", ctx.t("push.reminder.move")),
            pushChoice(message.id, "cancel", ctx.t("push.reminder.cancel")),
          ],
        },
      ],
    };
  },
  actions: {
    async yes(ctx, message, params) {
      const found = await actionableBooking(ctx, message, { startsAt: params.startsAt });
      if ("refuse" in found) return found.refuse;
      const first = await ctx.deps.core.repos.messages.markActed(message.id, "yes", ctx.now);
      if (!first) return { stay: [text(ctx.t("push.reminder.alreadyAnswered"))] };
      return { stay: [text(ctx.t("push.reminder.thanks"))] };
    },
    move: (ctx, message, params) => moveAction(ctx, message, params.startsAt),
    cancel: (ctx, message, params) => cancelAction(ctx, message, params.startsAt),
  },
});
