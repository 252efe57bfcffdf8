/**
 * The monitoring profile's question step, one question at a time, for whoever answers: the
 * citizen in their own chat (steps/profile.ts) or a facilitator closing a session
 * (facilitator/profile-steps.ts). Each answer is stored at once by the profile service, so
 * leaving half-way keeps what was answered and coming back asks the first question still open.
 * A bad answer says the kind sentence and asks the same question again; nothing is stored.
 */
import { nextProfileQuestion, type ProfileActor, type ProfileQuestionId } from "../../monitoring/profile.js";
import {
  answerProfile,
  identifyWalkIn,
  type ProfileResult,
  type ProfileSettings,
  profileStatus,
} from "../../monitoring/profile-service.js";
import type { LocalDate } from "../../points/types.js";
import type { Reply } from "../reply.js";
import type { ProfileFlow, StepId } from "../state.js";
import { type Outcome, type Step, type StepContext, text } from "../steps/step.js";
import { problemText, profileQuestion, type ReadAnswer, readChoice, readTyped } from "./profile-questions.js";

/** What differs between the citizen's chat and a facilitator's. */
export interface ProfileSide {
  /** This step's id (each answer asks it again, for the next question). */
  step: StepId;
  /** Who answers, or null when this chat may not answer now (no consent; not a facilitator). */
  actor(ctx: StepContext): ProfileActor | null;
  /** Whose profile: undefined for a walk-in not identified yet. */
  citizenId(ctx: StepContext): string | undefined;
  /** A citizen may be identified by the answer (a walk-in): the flow to remember them by. */
  identified?(ctx: StepContext, citizenId: string): Partial<StepContext["state"]["flow"]>;
  /** Every question answered. */
  finished(ctx: StepContext, say: Reply[]): Promise<Outcome>;
  /** Out of the questions (no settings, not allowed, erased). */
  leave(ctx: StepContext, say: Reply[]): Outcome;
}

const pendingOf = (ctx: StepContext): ProfileFlow => ctx.state.flow.profile ?? {};

/** The question to ask now, or "done" / "erased". */
export async function currentProfileQuestion(
  ctx: StepContext,
  citizenId: string | undefined,
): Promise<ProfileQuestionId | "done" | "erased"> {
  const pending = pendingOf(ctx);
  if (!citizenId) {
    if (!pending.noFiscalCode) return "fiscal_code";
    return pending.documentType ? "document_number" : "document_type";
  }
  const { profile } = await profileStatus(ctx.deps.core, citizenId);
  if (profile?.state === "erased") return "erased";
  return nextProfileQuestion(profile, pending.documentType ? { documentType: pending.documentType } : {}) ?? "done";
}

function settingsOf(ctx: StepContext): ProfileSettings | undefined {
  return ctx.deps.monitoring;
}

export function profileQuestionStep(side: ProfileSide): Step {
  async function where(ctx: StepContext) {
    const citizenId = side.citizenId(ctx);
    return { citizenId, question: await currentProfileQuestion(ctx, citizenId) };
  }

  /** The question again (the same step), with what the flow now holds. */
  const again = (ctx: StepContext, profile: ProfileFlow, say: Reply[] = []): Outcome => ({
    to: side.step,
    history: "none",
    say,
    replaceFlow: { ...ctx.state.flow, profile },
  });

  async function settle(ctx: StepContext, result: ProfileResult, profile: ProfileFlow): Promise<Outcome> {
    if (!result.ok) {
      if (result.problem === "erased") return side.leave(ctx, [text(problemText(ctx.t, "erased"))]);
      // understood but wrong: the sentence says what to do (no "stuck" help after two of them)
      return { stay: [text(problemText(ctx.t, result.problem))] };
    }
    const { documentType: _answered, ...rest } = profile;
    if (result.next === null) {
      ctx.state.flow = { ...ctx.state.flow, profile: rest };
      return side.finished(ctx, []);
    }
    return again(ctx, rest);
  }

  async function handle(ctx: StepContext, citizenId: string | undefined, read: ReadAnswer): Promise<Outcome> {
    const settings = settingsOf(ctx);
    const by = side.actor(ctx);
    if (!settings || !by) return side.leave(ctx, []);
    const pending = pendingOf(ctx);
    const on: LocalDate | undefined = pending.on;
    switch (read.kind) {
      case "problem":
        return { stay: [text(read.say)], miss: read.miss };
      case "document_type":
        return again(ctx, { ...pending, documentType: read.type });
      case "no_fiscal_code": {
        if (!citizenId) return again(ctx, { ...pending, noFiscalCode: true });
        const result = await answerProfile(ctx.deps.core, settings, {
          citizenId,
          by,
          answer: { question: "no_fiscal_code" },
          ...(on ? { on } : {}),
        });
        return settle(ctx, result, pending);
      }
      case "answer": {
        const { answer } = read;
        if (!citizenId && side.identified && (answer.question === "fiscal_code" || answer.question === "document")) {
          const result = await identifyWalkIn(ctx.deps.core, settings, { by, answer, ...(on ? { on } : {}) });
          if (!result.ok) return settle(ctx, result, pending);
          const flow = side.identified(ctx, result.citizenId);
          ctx.state.flow = { ...ctx.state.flow, ...flow };
          const { noFiscalCode: _said, ...known } = { ...pending, citizenId: result.citizenId };
          const outcome = await settle(ctx, result, known);
          if (!result.reused || !("to" in outcome)) return outcome;
          return { ...outcome, say: [text(ctx.t("monitoring.fac.reused")), ...(outcome.say ?? [])] };
        }
        if (!citizenId) return side.leave(ctx, []);
        const result = await answerProfile(ctx.deps.core, settings, {
          citizenId,
          by,
          answer,
          ...(on ? { on } : {}),
        });
        return settle(ctx, result, pending);
      }
    }
  }

  return {
    async skip(ctx) {
      if (!settingsOf(ctx) || !side.actor(ctx)) return side.leave(ctx, []);
      const { question } = await where(ctx);
      if (question === "erased") return side.leave(ctx, [text(problemText(ctx.t, "erased"))]);
      if (question === "done") return side.finished(ctx, []);
      return undefined;
    },
    async ask(ctx) {
      const { question } = await where(ctx);
      const shown = profileQuestion(ctx.t, question === "done" || question === "erased" ? "ES2" : question, {
        minorsEnabled: settingsOf(ctx)?.minorsEnabled ?? false,
      });
      return { say: [], ask: { kind: "choices", text: shown.text }, choices: shown.choices };
    },
    async choose(ctx, id) {
      const { citizenId, question } = await where(ctx);
      if (question === "done" || question === "erased") return again(ctx, pendingOf(ctx));
      const options = { minorsEnabled: settingsOf(ctx)?.minorsEnabled ?? false };
      return handle(ctx, citizenId, readChoice(question, id, options, ctx.t));
    },
    async text(ctx, typed) {
      const { citizenId, question } = await where(ctx);
      if (question === "done" || question === "erased") return again(ctx, pendingOf(ctx));
      const pending = pendingOf(ctx);
      const read = readTyped(question, typed, {
        onScreen: ctx.state.question?.choices ?? [],
        ...(pending.documentType ? { documentType: pending.documentType } : {}),
        options: { minorsEnabled: settingsOf(ctx)?.minorsEnabled ?? false },
        t: ctx.t,
      });
      return handle(ctx, citizenId, read);
    },
  };
}
