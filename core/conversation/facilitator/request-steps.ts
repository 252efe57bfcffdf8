import {
  type ActOutcome,
  type ContactWay,
  confirmRemoteBooking,
  DECLINE_REASONS,
  declineRemoteBooking,
  proposableSlots,
  proposeOtherTime,
} from "../../facilitators/booking-actions.js";
import type { MessageKey } from "../i18n.js";
import { choice, type Outcome, type StepContext, text } from "../steps/step.js";
import { bookingWhen } from "./describe.js";
import { facilitatorBooking, facilitatorStep, notFacilitator, toFacilitatorMenu } from "./menu-steps.js";

/** What a facilitator is told after acting: done, or who acted first. */
export async function actOutcomeText(ctx: StepContext, outcome: ActOutcome, done: MessageKey): Promise<string> {
  const when = bookingWhen(ctx, outcome.booking);
  if (outcome.done) return ctx.t(done, when);
  const by = outcome.byFacilitatorId ? await ctx.deps.core.repos.facilitators.findById(outcome.byFacilitatorId) : null;
  if (!by) return ctx.t("facilitator.request.closed", when);
  return ctx.t(`facilitator.handled.${outcome.what === "closed" ? "declined" : outcome.what}` as MessageKey, {
    ...when,
    name: by.id === ctx.facilitator?.id ? ctx.t("facilitator.handled.you") : by.displayName,
  });
}

/** The booking of the step, if it is still the one the facilitator started acting on. */
async function current(ctx: StepContext) {
  const booking = await facilitatorBooking(ctx);
  if (!booking) return undefined;
  const startsAt = ctx.state.flow.fac?.startsAt;
  return startsAt && startsAt !== booking.startsAt.toISOString() ? undefined : booking;
}

const gone = (ctx: StepContext): Outcome => toFacilitatorMenu([text(ctx.t("facilitator.booking.gone"))]);

const WAYS: Record<string, ContactWay> = { telefono: "phone", videochiamata: "video", chat: "chat" };

export const facConfirmHowStep = facilitatorStep({
  async ask(ctx) {
    const booking = await current(ctx);
    const citizen = booking ? await ctx.deps.core.repos.citizens.findById(booking.citizenId) : null;
    const first = booking ? (WAYS[booking.mode] ?? "phone") : "phone";
    const ways: ContactWay[] = [first, ...(["phone", "video", "chat"] as const).filter((w) => w !== first)];
    return {
      say: [],
      ask: { kind: "choices", text: ctx.t("facilitator.confirm.how") },
      choices: ways
        .filter((w) => w !== "phone" || citizen?.phone)
        .map((w) =>
          choice(
            w,
            w === "phone"
              ? ctx.t("facilitator.confirm.phone", { phone: citizen?.phone ?? "" })
              : ctx.t(`facilitator.confirm.${w}` as MessageKey),
            undefined,
            ctx.t(`facilitator.confirm.${w}.short` as MessageKey),
          ),
        ),
    };
  },
  async choose(ctx, id) {
    const booking = await current(ctx);
    if (!booking || !ctx.facilitator) return gone(ctx);
    if (id === "video") return { to: "fac_confirm_link" };
    if (id !== "phone" && id !== "chat") return { stay: [] };
    const outcome = await confirmRemoteBooking(ctx.deps.core, {
      bookingId: booking.id,
      facilitatorId: ctx.facilitator.id,
      how: id,
    });
    return toFacilitatorMenu([text(await actOutcomeText(ctx, outcome, "facilitator.confirm.done"))]);
  },
});

export const facConfirmLinkStep = facilitatorStep({
  async ask(ctx) {
    return { say: [], ask: { kind: "choices", text: ctx.t("facilitator.confirm.link") }, choices: [] };
  },
  async text(ctx, typed) {
    const booking = await current(ctx);
    if (!booking || !ctx.facilitator) return gone(ctx);
    const link = typed.trim();
    if (!/^https:\/\/\S+$/.test(link) || link.length > 300)
      return { stay: [text(ctx.t("facilitator.confirm.badLink"))] };
    const outcome = await confirmRemoteBooking(ctx.deps.core, {
      bookingId: booking.id,
      facilitatorId: ctx.facilitator.id,
      how: "video",
      link,
    });
    return toFacilitatorMenu([text(await actOutcomeText(ctx, outcome, "facilitator.confirm.done"))]);
  },
});

export const facProposeStep = facilitatorStep({
  async ask(ctx) {
    const booking = await current(ctx);
    const slots = booking ? await proposableSlots(ctx.deps.core, booking) : [];
    ctx.state.flow.fac = { ...ctx.state.flow.fac, slots: slots.map((s) => s.toISOString()) };
    return {
      say: [],
      ask: {
        kind: "choices",
        text: slots.length > 0 ? ctx.t("facilitator.propose.which") : ctx.t("facilitator.propose.none"),
      },
      choices: slots.map((slot, i) => {
        const when = bookingWhen(ctx, { startsAt: slot });
        return choice(`s${i}`, `${when.day} ${when.time}`);
      }),
    };
  },
  async choose(ctx, id) {
    const booking = await current(ctx);
    if (!booking || !ctx.facilitator) return gone(ctx);
    const slot = ctx.state.flow.fac?.slots?.[Number(id.slice(1))];
    if (!id.startsWith("s") || !slot) return { stay: [] };
    const outcome = await proposeOtherTime(ctx.deps.core, {
      bookingId: booking.id,
      facilitatorId: ctx.facilitator.id,
      startsAt: slot,
    });
    const when = bookingWhen(ctx, { startsAt: new Date(slot) });
    return toFacilitatorMenu([
      text(
        outcome.done
          ? ctx.t("facilitator.propose.done", when)
          : await actOutcomeText(ctx, outcome, "facilitator.propose.done"),
      ),
    ]);
  },
});

export const facDeclineStep = facilitatorStep({
  async ask(ctx) {
    return {
      say: [],
      ask: { kind: "choices", text: ctx.t("facilitator.decline.why") },
      choices: DECLINE_REASONS.map((r) => choice(r, ctx.t(`facilitator.decline.${r}` as MessageKey))),
    };
  },
  async choose(ctx, id) {
    const booking = await current(ctx);
    if (!booking || !ctx.facilitator) return gone(ctx);
    const reason = DECLINE_REASONS.find((r) => r === id);
    if (!reason) return { stay: [] };
    const outcome = await declineRemoteBooking(ctx.deps.core, {
      bookingId: booking.id,
      facilitatorId: ctx.facilitator.id,
      reason,
    });
    return toFacilitatorMenu([text(await actOutcomeText(ctx, outcome, "facilitator.decline.done"))]);
  },
});

export { notFacilitator };
