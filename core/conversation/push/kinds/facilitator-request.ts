import { z } from "zod";
import { MessageKind } from "../../../messaging/kinds.js";
import type { OutboundMessage } from "../../../messaging/message.js";
import { bookingLine, bookingWhen } from "../../facilitator/describe.js";
import { facilitatorBooking } from "../../facilitator/menu-steps.js";
import { actOutcomeText } from "../../facilitator/request-steps.js";
import type { StepContext } from "../../steps/step.js";
import { text } from "../../steps/step.js";
import { pushChoice } from "../push-choice.js";
import { definePushKind } from "../push-kind.js";

const params = z.object({ startsAt: z.string(), escalated: z.boolean().default(false) });

/** A press on a request: into the step that acts, if the booking is still waiting at that time. */
async function act(
  ctx: StepContext,
  message: OutboundMessage,
  p: z.output<typeof params>,
  to: "fac_confirm_how" | "fac_propose" | "fac_decline",
) {
  const booking = await facilitatorBooking(ctx, message.bookingId ?? undefined);
  if (!booking || !ctx.facilitator) return { stay: [text(ctx.t("push.unknownButton"))] };
  if (booking.status !== "pending" || booking.startsAt.toISOString() !== p.startsAt) {
    const confirmed = booking.status === "confirmed";
    const event = await ctx.deps.core.repos.bookings.lastEvent(booking.id, confirmed ? "confirmed" : "cancelled");
    const said = await actOutcomeText(
      ctx,
      {
        done: false,
        booking,
        byFacilitatorId: event?.actor === "facilitator" ? event.actorId : null,
        what: confirmed ? "confirmed" : "declined",
      },
      "facilitator.request.closed",
    );
    return { stay: [text(said)] };
  }
  return {
    to,
    replaceFlow: { fac: { bookingId: booking.id, startsAt: booking.startsAt.toISOString() } },
    history: "clear" as const,
  };
}

/** To a point's facilitators (or, near the start, its capo team): a remote booking to confirm. */
export const facilitatorRequest = definePushKind({
  kind: MessageKind.facilitatorRequest,
  params,
  async compose(ctx, message, p) {
    const booking = message.bookingId ? await ctx.core.repos.bookings.findById(message.bookingId) : null;
    if (!booking) return { skip: "booking_gone" };
    if (booking.status !== "pending") return { skip: "booking_not_pending" };
    if (booking.startsAt.toISOString() !== p.startsAt) return { skip: "booking_moved" };
    const point = await ctx.point(booking.pointId);
    const when = bookingWhen(ctx, booking);
    return {
      replies: [
        {
          kind: "choices",
          text: `${ctx.t(p.escalated ? "facilitator.request.escalated" : "facilitator.request.text", { ...when, point: point?.name ?? "" })}\n${bookingLine(ctx, booking)}`,
          choices: [
            pushChoice(message.id, "confirm", ctx.t("facilitator.request.confirm")),
            pushChoice(message.id, "propose", ctx.t("facilitator.request.propose")),
            pushChoice(message.id, "decline", ctx.t("facilitator.request.decline")),
          ],
        },
      ],
    };
  },
  actions: {
    confirm: (ctx, message, p) => act(ctx, message, p, "fac_confirm_how"),
    propose: (ctx, message, p) => act(ctx, message, p, "fac_propose"),
    decline: (ctx, message, p) => act(ctx, message, p, "fac_decline"),
  },
});

/** To the other facilitators: someone already confirmed, proposed another time or declined. */
export const facilitatorHandled = definePushKind({
  kind: MessageKind.facilitatorHandled,
  params: z.object({ by: z.string(), what: z.enum(["confirmed", "proposed", "declined"]), startsAt: z.string() }),
  async compose(ctx, message, p) {
    const booking = message.bookingId ? await ctx.core.repos.bookings.findById(message.bookingId) : null;
    if (!booking) return { skip: "booking_gone" };
    const by = await ctx.core.repos.facilitators.findById(p.by);
    const when = bookingWhen(ctx, { startsAt: new Date(p.startsAt) });
    return {
      replies: [
        { kind: "text", text: ctx.t(`facilitator.handled.${p.what}`, { ...when, name: by?.displayName ?? "" }) },
      ],
    };
  },
});
