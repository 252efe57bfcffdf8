import { z } from "zod";
import { MessageKind } from "../../../messaging/kinds.js";
import { text } from "../../steps/step.js";
import { bookingFacts } from "../booking-push.js";
import { pushChoice } from "../push-choice.js";
import { definePushKind } from "../push-kind.js";

/**
 * The point (or a facilitator) cancelled the booking, declined a remote session, or closed the
 * day: the citizen is told at once and offered another time at the same point.
 */
export const bookingCancelled = definePushKind({
  kind: MessageKind.bookingCancelled,
  params: z.object({ reason: z.string().nullable(), wasPending: z.boolean(), startsAt: z.string() }),
  async compose(ctx, message, params) {
    const facts = await bookingFacts(ctx, message.bookingId);
    if (!facts) return { skip: "booking_gone" };
    if (facts.booking.status !== "cancelled_by_point") return { skip: "booking_not_cancelled_by_point" };
    const key =
      params.reason === "day_closed"
        ? "push.cancelled.dayClosed"
        : params.reason === "unconfirmed"
          ? "facilitator.unconfirmed.citizen"
          : params.wasPending
            ? "push.cancelled.declined"
            : "push.cancelled.text";
    return {
      replies: [
        {
          kind: "choices",
          text: `${ctx.t(key, { day: facts.day, time: facts.time, point: facts.point?.name ?? "" })}\n\n${ctx.t("push.cancelled.sorry")}`,
          choices: [pushChoice(message.id, "rebook", ctx.t("push.cancelled.rebook"))],
        },
      ],
    };
  },
  actions: {
    async rebook(ctx, message) {
      const booking = message.bookingId ? await ctx.deps.core.repos.bookings.findById(message.bookingId) : null;
      if (!booking || booking.citizenId !== ctx.state.citizenId) return { stay: [text(ctx.t("push.unknownButton"))] };
      return {
        to: "book_day",
        replaceFlow: {
          purpose: "book",
          pointId: booking.pointId,
          service: booking.service === "accoglienza" ? "accoglienza" : "facilitazione",
          mode: booking.mode,
          dayPage: 0,
        },
        history: "clear",
      };
    },
  },
});
