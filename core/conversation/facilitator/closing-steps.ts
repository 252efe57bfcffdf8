import { completeBooking } from "../../facilitators/booking-actions.js";
import { closingSchema } from "../../facilitators/closing.js";
import { recordWalkIn } from "../../facilitators/record-services.js";
import { CODED_FIELDS } from "../../monitoring/answer-options.js";
import { canonicalCodes } from "../../monitoring/codes.js";
import type { StepId } from "../state.js";
import { choice, type Outcome, type StepContext, text } from "../steps/step.js";
import { closingText, codeLabel } from "./describe.js";
import { facilitatorBooking, facilitatorStep, toFacilitatorMenu } from "./menu-steps.js";

/**
 * The closing flow's extension point: steps asked after the facilitator taps "Registra" and before
 * the closing is saved, in this order (e.g. the citizen's monitoring profile). Each such step,
 * when done, goes on with `closingNext(ctx, itsStepId)`. The citizen's monitoring profile
 * (profile-steps.ts): completed with them when it is not yet.
 */
export const CLOSING_EXTRA_STEPS: StepId[] = ["fac_close_profile"];

/** After `from` (the summary, or an extra step): the next extra step, or the closing saved. */
export async function closingNext(ctx: StepContext, from: StepId): Promise<Outcome> {
  const index = from === "fac_close" ? -1 : CLOSING_EXTRA_STEPS.indexOf(from);
  const next = CLOSING_EXTRA_STEPS[index + 1];
  if (next) return { to: next };
  return saveClosing(ctx);
}

/** Saves the closing: a booking completed (a worker writes its record), or a walk-in's record written. */
async function saveClosing(ctx: StepContext): Promise<Outcome> {
  const fac = ctx.state.flow.fac;
  const closing = closingSchema.safeParse(fac?.closing);
  if (!ctx.facilitator || !closing.success) return toFacilitatorMenu();
  if (fac?.walkIn) {
    await recordWalkIn(ctx.deps.core, {
      facilitatorId: ctx.facilitator.id,
      pointId: fac.walkIn.pointId,
      walkInId: fac.walkIn.id,
      startedAt: new Date(fac.walkIn.startedAt),
      closing: closing.data,
      // identified by the monitoring profile (a codice fiscale already known: that citizen)
      ...(fac.walkIn.citizenId ? { citizenId: fac.walkIn.citizenId } : {}),
    });
    return toFacilitatorMenu([text(ctx.t("facilitator.walkin.done"))]);
  }
  const booking = await facilitatorBooking(ctx);
  if (!booking) return toFacilitatorMenu([text(ctx.t("facilitator.booking.gone"))]);
  await completeBooking(ctx.deps.core, {
    bookingId: booking.id,
    facilitatorId: ctx.facilitator.id,
    closing: closing.data,
  });
  return toFacilitatorMenu([text(ctx.t("facilitator.close.saved"))]);
}

function withClosing(
  ctx: StepContext,
  patch: Partial<NonNullable<NonNullable<StepContext["state"]["flow"]["fac"]>["closing"]>>,
) {
  const fac = ctx.state.flow.fac;
  const closing = fac?.closing;
  if (!closing) return {};
  return { fac: { ...fac, closing: { ...closing, ...patch } } };
}

export const facCloseStep = facilitatorStep({
  async ask(ctx) {
    const closing = ctx.state.flow.fac?.closing;
    return {
      say: [],
      ask: { kind: "choices", text: closing ? closingText(ctx, closing) : ctx.t("facilitator.booking.gone") },
      choices: [
        choice("save", ctx.t("facilitator.close.save"), ["ok", "registra", "salva"]),
        choice("duration", ctx.t("facilitator.close.duration")),
        choice("type", ctx.t("facilitator.close.type")),
        choice("competences", ctx.t("facilitator.close.competences")),
        choice("services", ctx.t("facilitator.close.services")),
        choice("note", ctx.t("facilitator.close.note")),
        choice("menu", ctx.t("facilitator.menu.back")),
      ],
    };
  },
  async choose(ctx, id) {
    switch (id) {
      case "save":
        return closingNext(ctx, "fac_close");
      case "duration":
        return { to: "fac_close_duration", history: "none" };
      case "type":
        return { to: "fac_close_type", history: "none" };
      case "competences":
        return { to: "fac_close_codes", history: "none", flow: { fac: { ...ctx.state.flow.fac, codes: "SE5" } } };
      case "services":
        return { to: "fac_close_codes", history: "none", flow: { fac: { ...ctx.state.flow.fac, codes: "SE6" } } };
      case "note":
        return { to: "fac_close_note", history: "none" };
      default:
        return toFacilitatorMenu();
    }
  },
});

const back: Outcome = { to: "fac_close", history: "none" };

export const facCloseDurationStep = facilitatorStep({
  async ask(ctx) {
    const minutes = ctx.state.flow.fac?.closing?.durationMinutes ?? 30;
    const options = [...new Set([minutes, 15, 30, 45, 60, 90])];
    return {
      say: [],
      ask: { kind: "choices", text: ctx.t("facilitator.close.durationAsk") },
      choices: options.map((m) => choice(`m${m}`, ctx.t("facilitator.close.minutes", { minutes: m }))),
    };
  },
  async choose(ctx, id) {
    const minutes = Number(id.slice(1));
    if (!Number.isInteger(minutes) || minutes < 1) return { stay: [] };
    return { ...back, flow: withClosing(ctx, { durationMinutes: minutes }) };
  },
  async text(ctx, typed) {
    const match = /^\s*(\d{1,3})\s*(?:min(?:uti)?|m|')?\s*$/i.exec(typed);
    const minutes = match ? Number(match[1]) : Number.NaN;
    if (!(minutes >= 1 && minutes <= 600)) return { stay: [text(ctx.t("facilitator.close.badMinutes"))] };
    return { ...back, flow: withClosing(ctx, { durationMinutes: minutes }) };
  },
});

export const facCloseTypeStep = facilitatorStep({
  async ask(ctx) {
    return {
      say: [],
      ask: { kind: "choices", text: ctx.t("facilitator.close.typeAsk") },
      choices: CODED_FIELDS.SE3.options.map((o) => choice(o.code, codeLabel(ctx, "SE3", o.code))),
    };
  },
  async choose(ctx, id) {
    return { ...back, flow: withClosing(ctx, { serviceTypes: [id] }) };
  },
});

/** Competences (SE5) or public services (SE6), typed as the platform's codes: "9" or "4, 9", "A" or "A B". */
export const facCloseCodesStep = facilitatorStep({
  async ask(ctx) {
    const field = ctx.state.flow.fac?.codes ?? "SE5";
    const list = CODED_FIELDS[field].options.map((o) => `${o.code} ${codeLabel(ctx, field, o.code)}`).join("\n");
    return {
      say: [text(list)],
      ask: {
        kind: "choices",
        text: ctx.t(field === "SE5" ? "facilitator.close.competencesAsk" : "facilitator.close.servicesAsk"),
      },
      choices: [choice("keep", ctx.t("facilitator.close.keep"))],
    };
  },
  interpret(ctx, typed) {
    // typed codes ("1", "4, 9", "a b") are codes here, never the number of a button
    return /^[0-9A-Za-z]{1,2}(?:[\s,;:]+[0-9A-Za-z]{1,2})*$/.test(typed.trim()) ? codesOutcome(ctx, typed) : undefined;
  },
  async choose() {
    return back;
  },
  async text(ctx, typed) {
    return codesOutcome(ctx, typed);
  },
});

function codesOutcome(ctx: StepContext, typed: string): Outcome {
  const field = ctx.state.flow.fac?.codes ?? "SE5";
  const codes = typed
    .toUpperCase()
    .split(/[\s,;:]+/)
    .filter(Boolean);
  const checked = canonicalCodes(field, codes);
  if (!checked.ok || codes.length === 0) return { stay: [text(ctx.t("facilitator.close.badCodes"))] };
  return {
    ...back,
    flow: withClosing(
      ctx,
      field === "SE5" ? { competences: checked.codes.map(Number) } : { publicServices: checked.codes },
    ),
  };
}

export const facCloseNoteStep = facilitatorStep({
  async ask(ctx) {
    return {
      say: [],
      ask: { kind: "choices", text: ctx.t("facilitator.close.noteAsk") },
      choices: [choice("none", ctx.t("facilitator.close.noNote"), ["no", "nessuna"])],
    };
  },
  async choose(ctx) {
    return { ...back, flow: withClosing(ctx, { note: null }) };
  },
  async text(ctx, typed) {
    return { ...back, flow: withClosing(ctx, { note: typed.trim().slice(0, 600) || null }) };
  },
});
