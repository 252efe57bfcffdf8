import { randomUUID } from "node:crypto";
import { assessmentSummaryForBooking } from "../../assessment/latest-assessment.js";
import { agendaOfDay, bookingsToConfirm } from "../../facilitators/agenda.js";
import { markNoShow } from "../../facilitators/booking-actions.js";
import { addDays } from "../../time/local-date.js";
import { localDateAt } from "../../time/zoned-time.js";
import { formatLocalDate } from "../format.js";
import type { Reply } from "../reply.js";
import type { Flow } from "../state.js";
import { assessmentSummaryText } from "../steps/assessment-text.js";
import { choice, type Outcome, type Step, type StepContext, text } from "../steps/step.js";
import { AGENDA_RENDERERS, type AgendaRenderer, agendaItemText } from "./agenda-items.js";
import { bookingLine, bookingWhen, topicOf } from "./describe.js";

/** Outside the facilitator flows for anyone who is not (or no longer) a linked facilitator. */
export const notFacilitator: Outcome = { to: "menu", replaceFlow: {}, history: "clear" };

/** A facilitator step: refused (the citizen menu, nothing said) to anyone but a linked, active facilitator. */
export function facilitatorStep(step: Step): Step {
  return {
    ...step,
    async skip(ctx) {
      if (!ctx.facilitator) return notFacilitator;
      return step.skip?.(ctx);
    },
    ...(step.choose
      ? {
          choose: (ctx: StepContext, id: string) =>
            ctx.facilitator ? (step.choose?.(ctx, id) as Promise<Outcome>) : Promise.resolve(notFacilitator),
        }
      : {}),
    ...(step.text
      ? {
          text: (ctx: StepContext, typed: string) =>
            ctx.facilitator
              ? (step.text?.(ctx, typed) as Promise<Outcome | undefined>)
              : Promise.resolve(notFacilitator),
        }
      : {}),
  };
}

/** The facilitator menu, with the flow forgotten. */
export function toFacilitatorMenu(say: Reply[] = []): Outcome {
  return { to: "fac_menu", say, replaceFlow: {}, history: "clear" };
}

function facFlow(ctx: StepContext, patch: NonNullable<Flow["fac"]>): Partial<Flow> {
  return { fac: { ...ctx.state.flow.fac, ...patch } };
}

export const facMenuStep = facilitatorStep({
  async ask(ctx) {
    const { t } = ctx;
    return {
      say: [],
      ask: { kind: "choices", text: t("facilitator.menu.title", { name: ctx.facilitator?.displayName ?? "" }) },
      choices: [
        choice("today", t("facilitator.menu.today"), ["oggi", "today"]),
        choice("tomorrow", t("facilitator.menu.tomorrow"), ["domani", "tomorrow"]),
        choice("pending", t("facilitator.menu.pending"), ["confermare", "da confermare", "to confirm"]),
        choice("walkin", t("facilitator.menu.walkin"), ["registra", "servizio", "walk in"]),
        choice("help", t("facilitator.menu.help"), ["aiuto", "help"]),
        choice("citizen", t("facilitator.menu.citizen"), ["cittadino", "cittadini", "citizen"]),
      ],
    };
  },
  async choose(ctx, id) {
    const today = localDateAt(ctx.now, ctx.zone);
    switch (id) {
      case "today":
        return { to: "fac_agenda", replaceFlow: { fac: { date: today } } };
      case "tomorrow":
        return { to: "fac_agenda", replaceFlow: { fac: { date: addDays(today, 1) } } };
      case "pending":
        return { to: "fac_pending", replaceFlow: {} };
      case "walkin":
        return { to: "fac_walkin_point", replaceFlow: {} };
      case "citizen":
        return { to: "menu", replaceFlow: {}, history: "clear" };
      default:
        return { stay: [text(ctx.t("facilitator.help"))] };
    }
  },
});

export const facAgendaStep = facilitatorStep({
  async ask(ctx) {
    const facilitator = ctx.facilitator;
    const date = ctx.state.flow.fac?.date ?? localDateAt(ctx.now, ctx.zone);
    const items = facilitator ? await agendaOfDay(ctx.deps.core, facilitator, date) : [];
    const day = formatLocalDate(date, ctx.lang, ctx.zone, ctx.now, ctx.t);
    const lines = items.map((item, i) => `${i + 1}. ${agendaItemText(ctx, item)}`);
    return {
      say: [],
      ask: {
        kind: "choices",
        text:
          items.length === 0
            ? ctx.t("facilitator.agenda.empty", { day })
            : `${ctx.t("facilitator.agenda.title", { day })}\n${lines.join("\n")}`,
      },
      choices: [
        ...items
          .slice(0, 9)
          .map((item, i) =>
            choice(
              `${item.kind}:${item.id}`,
              `${i + 1}. ${(AGENDA_RENDERERS[item.kind] as AgendaRenderer).label(ctx, item)}`,
            ),
          ),
        choice("menu", ctx.t("facilitator.menu.back")),
      ],
    };
  },
  async choose(ctx, id) {
    if (id === "menu") return toFacilitatorMenu();
    const [kind, itemId] = id.split(":");
    if (kind === "booking" && itemId) return { to: "fac_item", flow: facFlow(ctx, { bookingId: itemId }) };
    if (kind === "course" && itemId) {
      return { to: "fac_course", flow: facFlow(ctx, { courseSessionId: itemId, absent: [] }) };
    }
    return { stay: [] };
  },
});

export const facPendingStep = facilitatorStep({
  async ask(ctx) {
    const list = ctx.facilitator ? await bookingsToConfirm(ctx.deps.core, ctx.facilitator, ctx.now) : [];
    const lines = list.slice(0, 9).map((b, i) => `${i + 1}. ${bookingWhen(ctx, b).day}, ${bookingLine(ctx, b)}`);
    return {
      say: [],
      ask: {
        kind: "choices",
        text:
          list.length === 0
            ? ctx.t("facilitator.pending.empty")
            : `${ctx.t("facilitator.pending.title")}\n${lines.join("\n")}`,
      },
      choices: [
        ...list
          .slice(0, 9)
          .map((b, i) => choice(`booking:${b.id}`, `${i + 1}. ${bookingWhen(ctx, b).day} ${bookingWhen(ctx, b).time}`)),
        choice("menu", ctx.t("facilitator.menu.back")),
      ],
    };
  },
  async choose(ctx, id) {
    if (id === "menu") return toFacilitatorMenu();
    const bookingId = id.startsWith("booking:") ? id.slice(8) : undefined;
    return bookingId ? { to: "fac_item", flow: facFlow(ctx, { bookingId }) } : { stay: [] };
  },
});

/** The booking a facilitator step is about, if it is at one of their points. */
export async function facilitatorBooking(ctx: StepContext, bookingId = ctx.state.flow.fac?.bookingId) {
  if (!bookingId || !ctx.facilitator) return undefined;
  const booking = await ctx.deps.core.repos.bookings.findById(bookingId);
  return booking && ctx.facilitator.points.some((p) => p.pointId === booking.pointId) ? booking : undefined;
}

export const facItemStep = facilitatorStep({
  async ask(ctx) {
    const booking = await facilitatorBooking(ctx);
    if (!booking) {
      return {
        say: [text(ctx.t("facilitator.booking.gone"))],
        ask: { kind: "choices", text: ctx.t("facilitator.whatNow") },
        choices: [choice("menu", ctx.t("facilitator.menu.back"))],
      };
    }
    const when = bookingWhen(ctx, booking);
    const summary = await assessmentSummaryForBooking(ctx.deps.core, booking.id);
    const citizen = await ctx.deps.core.repos.citizens.findById(booking.citizenId);
    const lines = [
      `${when.day}, ${bookingLine(ctx, booking)}`,
      ...(booking.mode !== "in_presenza" && citizen?.phone
        ? [ctx.t("facilitator.booking.phone", { phone: citizen.phone })]
        : []),
      ...(booking.needNote ? [ctx.t("facilitator.booking.note", { note: booking.needNote })] : []),
      ...(summary ? [assessmentSummaryText(summary, ctx)] : []),
    ];
    const started = booking.startsAt.getTime() <= ctx.now.getTime();
    const open = booking.status === "pending" || booking.status === "confirmed";
    const choices = [];
    if (open && started) {
      choices.push(
        choice("done", ctx.t("facilitator.close.done")),
        choice("noshow", ctx.t("facilitator.close.noShow")),
      );
    } else if (booking.status === "pending") {
      choices.push(
        choice("confirm", ctx.t("facilitator.request.confirm")),
        choice("propose", ctx.t("facilitator.request.propose")),
        choice("decline", ctx.t("facilitator.request.decline")),
      );
    }
    choices.push(choice("menu", ctx.t("facilitator.menu.back")));
    return { say: [], ask: { kind: "choices", text: lines.join("\n") }, choices };
  },
  async choose(ctx, id) {
    const booking = await facilitatorBooking(ctx);
    if (id === "menu" || !booking) return toFacilitatorMenu();
    const flow = facFlow(ctx, { bookingId: booking.id, startsAt: booking.startsAt.toISOString() });
    switch (id) {
      case "confirm":
        return { to: "fac_confirm_how", flow };
      case "propose":
        return { to: "fac_propose", flow };
      case "decline":
        return { to: "fac_decline", flow };
      case "done":
        return {
          to: "fac_close",
          flow: facFlow(ctx, {
            bookingId: booking.id,
            closing: {
              durationMinutes: Math.max(
                1,
                Math.round((booking.endsAt.getTime() - booking.startsAt.getTime()) / 60_000),
              ),
              serviceTypes: ["A"],
              competences: booking.competences,
              publicServices: booking.publicServices,
              note: null,
            },
          }),
        };
      case "noshow": {
        if (!ctx.facilitator) return notFacilitator;
        await markNoShow(ctx.deps.core, { bookingId: booking.id, facilitatorId: ctx.facilitator.id });
        return { stay: [text(ctx.t("facilitator.close.noShowDone", { topic: topicOf(ctx, booking) }))] };
      }
      default:
        return { stay: [] };
    }
  },
});

export const facWalkInPointStep = facilitatorStep({
  async skip(ctx) {
    const points = ctx.facilitator?.points ?? [];
    if (points.length !== 1 || ctx.state.flow.fac?.walkIn) return undefined;
    return startWalkIn(ctx, points[0]?.pointId ?? "");
  },
  async ask(ctx) {
    const choices = [];
    for (const membership of ctx.facilitator?.points ?? []) {
      const point = await ctx.deps.core.repos.points.findById(membership.pointId);
      if (point) choices.push(choice(`point:${point.id}`, point.name));
    }
    return { say: [], ask: { kind: "choices", text: ctx.t("facilitator.walkin.point") }, choices: choices.slice(0, 9) };
  },
  async choose(ctx, id) {
    const pointId = id.startsWith("point:") ? id.slice(6) : "";
    if (!ctx.facilitator?.points.some((p) => p.pointId === pointId)) return { stay: [] };
    return startWalkIn(ctx, pointId);
  },
});

async function startWalkIn(ctx: StepContext, pointId: string): Promise<Outcome> {
  const point = await ctx.deps.core.repos.points.findById(pointId);
  const slot = point?.services.find((s) => s.kind === "facilitazione")?.slotMinutes ?? 30;
  return {
    to: "fac_close",
    history: "none",
    flow: {
      fac: {
        walkIn: { id: randomUUID(), pointId, startedAt: ctx.now.toISOString() },
        closing: { durationMinutes: slot, serviceTypes: ["A"], competences: [], publicServices: [], note: null },
      },
    },
    say: [text(ctx.t("facilitator.walkin.intro"))],
  };
}
