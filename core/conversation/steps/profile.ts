/**
 * The citizen's monitoring profile in their own chat: offered from «Privacy e dati» (and by
 * typing «statistiche»), only after consent, skippable, resumable.
 */
import { profileStatus, skipProfile } from "../../monitoring/profile-service.js";
import { profileQuestionStep } from "../profile/profile-step.js";
import { NO } from "../text-input.js";
import { toMenu } from "./shared.js";
import { choice, type Outcome, type Step, type StepContext, text } from "./step.js";

/** The citizen this chat answers for: only with consent (never before it, never after erasure). */
function ownCitizen(ctx: StepContext): string | undefined {
  return ctx.state.consent === "accepted" ? ctx.state.citizenId : undefined;
}

/** Without consent, the privacy question first; without monitoring settings, the menu. */
function notOffered(ctx: StepContext): Outcome | undefined {
  if (!ownCitizen(ctx)) return { to: "privacy", history: "none", flow: { resume: "profile_intro" } };
  if (!ctx.deps.monitoring) return toMenu();
  return undefined;
}

export const profileIntroStep: Step = {
  async skip(ctx) {
    const refused = notOffered(ctx);
    if (refused) return refused;
    const { profile, next } = await profileStatus(ctx.deps.core, ownCitizen(ctx) ?? "");
    if (profile?.state === "erased") return toMenu();
    if (next === null) return { to: "privacy_menu", say: [text(ctx.t("monitoring.alreadyDone"))], history: "none" };
    // left half-way: straight back to the first question still open
    if (profile?.state === "in_progress") {
      return { to: "profile", say: [text(ctx.t("monitoring.resumed"))], replaceFlow: {}, history: "none" };
    }
    return undefined;
  },
  async ask(ctx) {
    return {
      say: [],
      ask: { kind: "choices", text: ctx.t("monitoring.intro") },
      choices: [
        choice("start", ctx.t("monitoring.start"), ["si", "sì", "ok", "rispondo", "yes", "start"]),
        choice("later", ctx.t("monitoring.later"), ["dopo", "più tardi", "later"]),
        choice("skip", ctx.t("monitoring.skip"), [...NO, "non voglio rispondere", "salta", "skip"]),
      ],
    };
  },
  async choose(ctx, id) {
    const citizenId = ownCitizen(ctx);
    if (!citizenId) return notOffered(ctx) ?? toMenu();
    // "Indietro" from a question goes back to «Privacy e dati», not to this offer
    if (id === "start") return { to: "profile", replaceFlow: {}, history: "none" };
    if (id === "skip") {
      await skipProfile(ctx.deps.core, { citizenId, by: { kind: "citizen" } });
      return toMenu([text(ctx.t("monitoring.skipped"))]);
    }
    return toMenu([text(ctx.t("monitoring.laterSaid"))]);
  },
};

export const profileStep: Step = profileQuestionStep({
  step: "profile",
  actor: (ctx) => (ownCitizen(ctx) ? { kind: "citizen" } : null),
  citizenId: ownCitizen,
  async finished(ctx, say) {
    return toMenu([...say, text(ctx.t("monitoring.done"))]);
  },
  leave: (_ctx, say) => toMenu(say),
});
