/**
 * The closing flow's monitoring step: when the citizen's profile is not complete, the facilitator
 * may complete it with them (the same questions as the citizen's chat, answered for them, read at
 * the service date), or skip it. A walk-in is identified by the codice fiscale or document given:
 * one already known reuses that citizen, and the walk-in's record is written for them.
 */
import { profileStatus } from "../../monitoring/profile-service.js";
import { localDateAt } from "../../time/zoned-time.js";
import { profileQuestionStep } from "../profile/profile-step.js";
import { choice, type Outcome, type StepContext, text } from "../steps/step.js";
import { closingNext } from "./closing-steps.js";
import { facilitatorBooking, facilitatorStep, toFacilitatorMenu } from "./menu-steps.js";

/** Whose profile the closing is about, and the service date; undefined for a walk-in not identified yet. */
async function closingCitizen(ctx: StepContext): Promise<{ citizenId: string | undefined; on: string } | null> {
  const fac = ctx.state.flow.fac;
  if (fac?.walkIn) {
    return { citizenId: fac.walkIn.citizenId, on: localDateAt(new Date(fac.walkIn.startedAt), ctx.zone) };
  }
  const booking = await facilitatorBooking(ctx);
  return booking ? { citizenId: booking.citizenId, on: localDateAt(booking.startsAt, ctx.zone) } : null;
}

export const facCloseProfileStep = facilitatorStep({
  async skip(ctx) {
    if (!ctx.deps.monitoring) return closingNext(ctx, "fac_close_profile");
    const who = await closingCitizen(ctx);
    if (!who) return closingNext(ctx, "fac_close_profile");
    if (who.citizenId) {
      const { profile } = await profileStatus(ctx.deps.core, who.citizenId);
      if (profile?.state === "completed" || profile?.state === "erased") return closingNext(ctx, "fac_close_profile");
    }
    return undefined;
  },
  async ask(ctx) {
    return {
      say: [],
      ask: { kind: "choices", text: ctx.t("monitoring.fac.offer") },
      choices: [
        choice("complete", ctx.t("monitoring.fac.complete"), ["completa", "profilo", "complete"]),
        choice("skip", ctx.t("monitoring.fac.skip"), ["salta", "no", "skip"]),
      ],
    };
  },
  async choose(ctx, id): Promise<Outcome> {
    if (id !== "complete") return closingNext(ctx, "fac_close_profile");
    const who = await closingCitizen(ctx);
    if (!who) return toFacilitatorMenu([text(ctx.t("facilitator.booking.gone"))]);
    return {
      to: "fac_profile",
      say: [text(ctx.t("monitoring.fac.howTo"))],
      flow: { profile: { ...(who.citizenId ? { citizenId: who.citizenId } : {}), on: who.on } },
    };
  },
});

export const facProfileStep = facilitatorStep(
  profileQuestionStep({
    step: "fac_profile",
    actor: (ctx) => (ctx.facilitator ? { kind: "facilitator", facilitatorId: ctx.facilitator.id } : null),
    citizenId: (ctx) => ctx.state.flow.profile?.citizenId,
    identified(ctx, citizenId) {
      const fac = ctx.state.flow.fac;
      const walkIn = fac?.walkIn;
      return walkIn ? { fac: { ...fac, walkIn: { ...walkIn, citizenId } } } : {};
    },
    async finished(ctx, say) {
      const next = await closingNext(ctx, "fac_close_profile");
      return "to" in next ? { ...next, say: [...say, text(ctx.t("monitoring.fac.done")), ...(next.say ?? [])] } : next;
    },
    leave: (_ctx, say) => toFacilitatorMenu(say),
  }),
);
