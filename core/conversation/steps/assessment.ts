import { completeAssessment } from "../../assessment/complete-assessment.js";
import {
  answerQuestion,
  nextQuestion,
  optionsOf,
  progressOf,
  questionId,
  startProgress,
  undoAnswer,
} from "../../assessment/flow.js";
import { ITEM_BANK } from "../../assessment/item-bank.js";
import { latestAssessment } from "../../assessment/latest-assessment.js";
import { planNextSteps } from "../../assessment/next-steps.js";
import { RECOMMENDATION_RULES } from "../../assessment/recommendations.js";
import { localDateAt } from "../../time/zoned-time.js";
import { formatLocalDate } from "../format.js";
import type { MessageKey } from "../i18n.js";
import type { Reply } from "../reply.js";
import { typedNumber } from "../text-input.js";
import { resultReplies } from "./assessment-text.js";
import { toMenu } from "./shared.js";
import { choice, type Outcome, type Step, type StepContext, text } from "./step.js";

/**
 * The DigComp self-assessment in the chat: an intro, one question per message, the result.
 * The answers live in `state.assessment` (Redis, with the conversation), so the test survives a
 * restart of the app, and "menu" or "annulla" only pause it: choosing it again offers to go on.
 *
 * "Indietro" goes back one question: while answers exist, the step "assessment_undo" sits on top
 * of the history; the engine's "back" goes there, it forgets the last answer and asks that
 * question again.
 */

const bank = ITEM_BANK;

/** The citizen gave consent: the result will be kept. */
const keeps = (ctx: StepContext) => ctx.state.consent === "accepted" && Boolean(ctx.state.citizenId);

/** How many questions a full test has (screening included). */
export function assessmentLength(): number {
  return progressOf(bank, []).total;
}

/** Keeps the undo marker on top of the history while there is an answer to take back. */
function markUndo(ctx: StepContext): void {
  const history = ctx.state.history;
  if ((ctx.state.assessment?.answers.length ?? 0) > 0 && history.at(-1) !== "assessment_undo")
    history.push("assessment_undo");
}

/** Scores the finished test, keeps it when allowed, and shows the result with the next steps. */
async function finish(ctx: StepContext, say: Reply[] = []): Promise<Outcome> {
  const progress = ctx.state.assessment;
  if (!progress) return { to: "assessment_intro", history: "none" };
  const citizenId = keeps(ctx) ? (ctx.state.citizenId ?? null) : null;
  const done = await completeAssessment(ctx.deps.core, { citizenId, progress, language: ctx.lang });
  delete ctx.state.assessment;
  const { steps } = await planNextSteps(ctx.deps.core, {
    result: done.result,
    citizenId,
    rules: RECOMMENDATION_RULES,
  });
  return {
    to: "assessment_result",
    say: [...say, ...resultReplies(ctx, done, steps)],
    replaceFlow: {
      assessmentSteps: steps.map((s) => s.rule.id),
      assessmentCourses: steps.flatMap((s) => (s.course ? [s.course.id] : [])),
    },
    history: "clear",
  };
}

/** A stored result shown again (same day): the same text, without saving anything. */
async function showLatest(ctx: StepContext): Promise<Outcome> {
  const latest = ctx.state.citizenId ? await latestAssessment(ctx.deps.core, ctx.state.citizenId) : null;
  if (!latest) return { stay: [] };
  const previous = await ctx.deps.core.repos.assessments.latestForCitizen(latest.citizenId, { before: latest.takenOn });
  const { steps } = await planNextSteps(ctx.deps.core, {
    result: latest.result,
    citizenId: latest.citizenId,
    rules: RECOMMENDATION_RULES,
  });
  return {
    to: "assessment_result",
    say: resultReplies(ctx, { result: latest.result, previous, stored: true }, steps, { again: true }),
    replaceFlow: {
      assessmentSteps: steps.map((s) => s.rule.id),
      assessmentCourses: steps.flatMap((s) => (s.course ? [s.course.id] : [])),
    },
  };
}

function begin(ctx: StepContext, say: Reply[] = []): Outcome {
  ctx.state.assessment = startProgress(bank, ctx.now);
  return { to: "assessment_question", say };
}

export const assessmentIntroStep: Step = {
  async ask(ctx) {
    const { t } = ctx;
    const say: Reply[] = [];
    if (ctx.state.assessment && ctx.state.assessment.bank !== bank.version) {
      delete ctx.state.assessment;
      say.push(text(t("assessment.bankChanged")));
    }
    const progress = ctx.state.assessment;
    if (progress && progress.answers.length > 0) {
      if (!nextQuestion(bank, progress.answers)) {
        return {
          say,
          ask: { kind: "choices", text: t("assessment.complete") },
          choices: [choice("finish", t("assessment.seeResult")), choice("menu", t("common.menu"))],
        };
      }
      const { position, total } = progressOf(bank, progress.answers);
      return {
        say,
        ask: { kind: "choices", text: t("assessment.paused", { n: position, total }) },
        choices: [
          choice("resume", t("assessment.resume"), ["continua", "si", "sì", "yes", "riprendi"]),
          choice("start", t("assessment.restart"), ["ricomincia", "da capo", "restart"]),
          choice("menu", t("common.menu")),
        ],
      };
    }
    const latest =
      keeps(ctx) && ctx.state.citizenId ? await latestAssessment(ctx.deps.core, ctx.state.citizenId) : null;
    if (latest && latest.takenOn === localDateAt(ctx.now, ctx.zone)) {
      return {
        say,
        ask: { kind: "choices", text: t("assessment.doneToday") },
        choices: [
          choice("result", t("assessment.seeResult"), ["risultato", "vedi"]),
          choice("start", t("assessment.retake"), ["rifai", "rifallo", "di nuovo"]),
          choice("menu", t("common.menu")),
        ],
      };
    }
    const lines = [t("assessment.intro", { total: assessmentLength() }), t("assessment.howToAnswer"), ""];
    lines.push(t(keeps(ctx) ? "assessment.introSaved" : "assessment.introNotSaved"));
    if (latest) {
      lines.push(
        t("assessment.introLast", {
          date: formatLocalDate(latest.takenOn, ctx.lang, ctx.zone, ctx.now, t),
          band: t(`assessment.band.${latest.result.overall.band}` as MessageKey),
        }),
      );
    }
    return {
      say,
      ask: { kind: "choices", text: lines.join("\n") },
      choices: [
        choice("start", t("assessment.start"), ["inizia", "si", "sì", "ok", "yes", "start"]),
        choice("menu", t("common.menu")),
      ],
    };
  },
  async choose(ctx, id) {
    switch (id) {
      case "start":
        return begin(ctx);
      case "resume":
        return ctx.state.assessment ? { to: "assessment_question" } : { stay: [] };
      case "finish":
        return finish(ctx);
      case "result":
        return showLatest(ctx);
      default:
        return toMenu();
    }
  },
};

/** Offered once after a citizen's first booking: starts the test straight away. */
export function beginFromOffer(ctx: StepContext): Outcome {
  const outcome = begin(ctx, [text(ctx.t("assessment.howToAnswer"))]);
  return { ...outcome, replaceFlow: {}, history: "clear" };
}

export const assessmentQuestionStep: Step = {
  async skip(ctx) {
    const progress = ctx.state.assessment;
    if (!progress || progress.bank !== bank.version || !nextQuestion(bank, progress.answers))
      return { to: "assessment_intro", history: "none" };
    return undefined;
  },
  async ask(ctx) {
    markUndo(ctx);
    const answers = ctx.state.assessment?.answers ?? [];
    const question = nextQuestion(bank, answers);
    if (!question) throw new Error("assessment question asked after the last one");
    const { position, total } = progressOf(bank, answers);
    const body = question.kind === "item" ? question.item.text : question.question.text;
    return {
      say: [],
      ask: {
        kind: "choices",
        text: `${ctx.t("assessment.progress", { n: position, total })}\n\n${body[ctx.lang]}`,
      },
      choices: optionsOf(bank, question).map((o) => choice(o.id, o.label[ctx.lang], o.keywords)),
    };
  },
  async choose(ctx, id) {
    const progress = ctx.state.assessment;
    const due = progress ? nextQuestion(bank, progress.answers) : null;
    if (!progress || !due) return { to: "assessment_intro", history: "none" };
    const answered = answerQuestion(bank, progress, questionId(due), id);
    if (!answered) return { stay: [] };
    ctx.state.assessment = answered;
    const explains = due.kind === "item" && bank.scale.find((o) => o.id === id)?.explains;
    const say =
      explains && due.kind === "item"
        ? [text(ctx.t("assessment.explained", { explain: due.item.explain[ctx.lang] }))]
        : [];
    if (!nextQuestion(bank, answered.answers)) return finish(ctx, say);
    return { stay: say };
  },
  async text(ctx, typed) {
    const max = ctx.state.question?.choices.length ?? 0;
    return {
      stay: [
        text(typedNumber(typed) === undefined ? ctx.t("assessment.answerHint") : ctx.t("hint.outOfRange", { max })),
      ],
    };
  },
};

/** Never asks anything: "indietro" lands here, and the last answer is taken back. */
export const assessmentUndoStep: Step = {
  async skip(ctx) {
    const progress = ctx.state.assessment;
    if (!progress) return { to: "assessment_intro", history: "none" };
    if (progress.answers.length > 0) ctx.state.assessment = undoAnswer(progress);
    return { to: "assessment_question", history: "none" };
  },
  ask: (ctx) => assessmentQuestionStep.ask(ctx),
};
