import { z } from "zod";
import { rescheduleBooking } from "../../../booking/reschedule-booking.js";
import { isSportelloError } from "../../../errors.js";
import { MessageKind } from "../../../messaging/kinds.js";
import { errorText } from "../../error-text.js";
import { bookingWhen } from "../../facilitator/describe.js";
import { text } from "../../steps/step.js";
import { actionableBooking, bookingFacts, cancelAction, moveAction } from "../booking-push.js";
import { pushChoice } from "../push-choice.js";
import { definePushKind } from "../push-kind.js";

/**
 * A facilitator cannot do the time the citizen chose and proposes another: "Va bene" moves the
 * booking there (its seats move with it), "Un altro orario" opens the usual reschedule, "Annulla" cancels.
 */
export const bookingProposed = definePushKind({
  kind: MessageKind.bookingProposed,
  params: z.object({ startsAt: z.string(), proposedAt: z.string() }),
  async compose(ctx, message, p) {
    const facts = await bookingFacts(ctx, message.bookingId);
    if (!facts) return { skip: "booking_gone" };
    if (facts.booking.status !== "pending") return { skip: "booking_not_pending" };
    if (facts.booking.startsAt.toISOString() !== p.startsAt) return { skip: "booking_moved" };
    const proposed = bookingWhen(ctx, { startsAt: new Date(p.proposedAt) });
    return {
      replies: [
        {
          kind: "choices",
          text: ctx.t("facilitator.proposal.text", {
            day: facts.day,
            time: facts.time,
            newDay: proposed.day,
            newTime: proposed.time,
            point: facts.point?.name ?? "",
          }),
          choices: [
            pushChoice(message.id, "accept", ctx.t("facilitator.proposal.accept")),
            pushChoice(message.id, "move", ctx.t("facilitator.proposal.other")),
            pushChoice(message.id, "cancel", ctx.t("push.reminder.cancel")),
          ],
        },
      ],
    };
  },
  actions: {
    async accept(ctx, message, p) {
      const found = await actionableBooking(ctx, message, { startsAt: p.startsAt });
      if ("refuse" in found || !ctx.state.citizenId)
        return "refuse" in found ? found.refuse : { stay: [text(ctx.t("push.unknownButton"))] };
      try {
        const moved = await rescheduleBooking(ctx.deps.core, {
          bookingId: found.booking.id,
          citizenId: ctx.state.citizenId,
          startsAt: p.proposedAt,
        });
        return { stay: [text(ctx.t("facilitator.proposal.accepted", bookingWhen(ctx, moved)))] };
      } catch (error) {
        if (!isSportelloError(error)) throw error;
        if (error.code === "capacity_reached" || error.code === "slot_in_past" || error.code === "not_a_slot") {
          return moveAction(ctx, message, p.startsAt);
        }
        return { stay: [text(errorText(error, ctx.lang))] };
      }
    },
    move: (ctx, message, p) => moveAction(ctx, message, p.startsAt),
    cancel: (ctx, message, p) => cancelAction(ctx, message, p.startsAt),
  },
});
