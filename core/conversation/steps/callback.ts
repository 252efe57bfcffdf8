import { CALLBACK_USUAL_DAYS, type CallbackWhen, requestCallback } from "../../callback/request-callback.js";
import type { PointDetails } from "../../ports.js";
import { displayPhone } from "../phone.js";
import { NO, YES } from "../text-input.js";
import { phoneQuestion } from "./phone-question.js";
import { hoursSentence } from "./point-card.js";
import { askConsent, citizenPhone, loadPoint, toMenu } from "./shared.js";
import { choice, type Outcome, type Step, type StepContext, text } from "./step.js";

/** The person text (phone number and hours) with «Richiamami» under it. */
export function callbackOffer(said: string, point: PointDetails): Outcome {
  return { to: "callback_offer", flow: { callback: { pointId: point.id } }, say: [text(said)] };
}

const pointOf = (ctx: StepContext) => loadPoint(ctx, ctx.state.flow.callback?.pointId);

/** Without consent, the privacy question first; then the call back goes on at `here`. */
function consentFirst(ctx: StepContext, here: "callback_phone"): Outcome | undefined {
  return ctx.state.consent === "accepted" && ctx.state.citizenId ? undefined : askConsent(ctx, here);
}

export const callbackOfferStep: Step = {
  async skip(ctx) {
    return ctx.state.flow.callback ? undefined : toMenu();
  },
  async ask(ctx) {
    return {
      say: [],
      ask: { kind: "choices", text: ctx.t("callback.offer") },
      choices: [choice("callback", ctx.t("callback.button"), ["richiama", "richiamatemi", "call back", "call me"])],
    };
  },
  async choose() {
    return { to: "callback_phone" };
  },
};

/** The number to call: skipped when the citizen gave one before (the summary offers to change it). */
export const callbackPhoneStep: Step = phoneQuestion({
  ask: "callback.phone",
  invalid: "callback.phoneInvalid",
  next: (ctx) =>
    ctx.state.flow.callback?.when ? { to: "callback_summary", history: "none" } : { to: "callback_when" },
  async skip(ctx) {
    if (!ctx.state.flow.callback) return toMenu();
    const consent = consentFirst(ctx, "callback_phone");
    if (consent) return consent;
    if (!ctx.state.flow.callback.when && (await citizenPhone(ctx))) return { to: "callback_when", history: "none" };
    return undefined;
  },
});

const WHEN: readonly CallbackWhen[] = ["morning", "afternoon", "any"];

export const callbackWhenStep: Step = {
  async skip(ctx) {
    return ctx.state.flow.callback ? undefined : toMenu();
  },
  async ask(ctx) {
    return {
      say: [],
      ask: { kind: "choices", text: ctx.t("callback.whenQuestion") },
      choices: [
        choice("morning", ctx.t("callback.when.morning"), ["mattina", "morning"]),
        choice("afternoon", ctx.t("callback.when.afternoon"), ["pomeriggio", "afternoon"]),
        choice("any", ctx.t("callback.when.any"), ["sempre", "qualsiasi", "any", "anytime"]),
      ],
    };
  },
  async choose(ctx, id) {
    const when = WHEN.find((w) => w === id) ?? "any";
    const pointId = ctx.state.flow.callback?.pointId ?? "";
    return { to: "callback_summary", flow: { callback: { pointId, when } } };
  },
};

export const callbackSummaryStep: Step = {
  async skip(ctx) {
    if (!ctx.state.flow.callback?.when) return toMenu();
    return consentFirst(ctx, "callback_phone");
  },
  async ask(ctx) {
    const point = await pointOf(ctx);
    const phone = displayPhone(await citizenPhone(ctx)) ?? "—";
    const when = ctx.t(`callback.when.${ctx.state.flow.callback?.when ?? "any"}`);
    return {
      say: [],
      ask: { kind: "choices", text: ctx.t("callback.summary", { point: point?.name ?? "", phone, when }) },
      choices: [
        choice("confirm", ctx.t("callback.confirm"), [...YES, "conferma", "confirm"]),
        choice("phone", ctx.t("book.changePhone"), ["numero", "telefono", "number"]),
        choice("menu", ctx.t("book.cancel"), NO),
      ],
    };
  },
  async choose(ctx, id) {
    if (id === "phone") return { to: "callback_phone" };
    if (id === "menu") return toMenu([text(ctx.t("hint.cancelled"))]);
    const point = await pointOf(ctx);
    const request = ctx.state.flow.callback;
    if (!point || !request?.when || !ctx.state.citizenId) return toMenu();
    const phone = displayPhone(await citizenPhone(ctx)) ?? "—";
    const hours = hoursSentence(ctx, point);
    const outcome = await requestCallback(ctx.deps.core, {
      citizenId: ctx.state.citizenId,
      pointId: point.id,
      when: request.when,
    });
    const said =
      outcome === "sent"
        ? ctx.t("callback.done", { point: point.name, phone, days: CALLBACK_USUAL_DAYS, hours })
        : outcome === "already"
          ? ctx.t("callback.already", { point: point.name, phone, hours })
          : ctx.t("callback.nobody", { point: point.name });
    return toMenu([text(said)]);
  },
};
