import { citizenPoint } from "../../assessment/next-steps.js";
import {
  RECOMMENDATION_RULES,
  type RecommendationRule,
  ruleById,
  ruleTopics,
} from "../../assessment/recommendations.js";
import { courseSessionView } from "../../courses/find-courses.js";
import { topicById } from "../topics.js";
import { assessmentLength, beginFromOffer } from "./assessment.js";
import { bookDoneStep } from "./book.js";
import { bookableServices, loadPoint, toMenu } from "./shared.js";
import { choice, type Outcome, type Step, type StepContext, text } from "./step.js";

// The rules name booking topics by id: a rule that names none of ours is a data error.
for (const topic of ruleTopics(RECOMMENDATION_RULES)) {
  if (!topicById(topic)) throw new Error(`assessment recommendations name an unknown booking topic "${topic}"`);
}

function stepsOnScreen(ctx: StepContext): RecommendationRule[] {
  return (ctx.state.flow.assessmentSteps ?? [])
    .map((id) => ruleById(RECOMMENDATION_RULES, id))
    .filter((rule): rule is RecommendationRule => rule !== undefined);
}

/**
 * Booking from a next step: the existing booking flow, at the citizen's point when they have
 * booked before (or asking where otherwise), with the topic filled in (book_topic skips).
 */
async function bookFor(ctx: StepContext, rule: RecommendationRule): Promise<Outcome> {
  const booking = rule.booking;
  if (!booking || !topicById(booking.topic)) return { stay: [] };
  if (ctx.state.consent !== "accepted" || !ctx.state.citizenId)
    return { to: "privacy", say: [text(ctx.t("privacy.needed"))] };
  const fromAssessment = {
    topic: booking.topic,
    competences: [rule.competence],
    ...(booking.note ? { note: booking.note[ctx.lang] } : {}),
  };
  const what = rule.title[ctx.lang];
  const point = await loadPoint(ctx, (await citizenPoint(ctx.deps.core, ctx.state.citizenId)) ?? undefined);
  if (point && bookableServices(point).length > 0) {
    return {
      to: "book_service",
      say: [text(ctx.t("assessment.bookAt", { what, point: point.name }))],
      replaceFlow: { purpose: "book", pointId: point.id, fromAssessment },
    };
  }
  return {
    to: "find_where",
    say: [text(ctx.t("assessment.bookWhere", { what }))],
    replaceFlow: { purpose: "book", fromAssessment },
  };
}

/** After the result: book help on one of the next steps, or go back to the menu. */
export const assessmentResultStep: Step = {
  async ask(ctx) {
    const bookable = stepsOnScreen(ctx).filter((rule) => rule.booking);
    const courses = [];
    for (const id of ctx.state.flow.assessmentCourses ?? []) {
      const view = await courseSessionView(ctx.deps.core, id);
      if (view && !view.cancelledAt && view.startsAt.getTime() > ctx.now.getTime()) courses.push(view);
    }
    return {
      say: [],
      ask: { kind: "choices", text: ctx.t(bookable.length > 0 ? "assessment.whatNext" : "menu.title") },
      choices: [
        ...bookable.map((rule) =>
          choice(`book_${rule.id}`, ctx.t("assessment.bookButton", { what: rule.short[ctx.lang] }), [
            rule.short.it,
            rule.short.en,
          ]),
        ),
        ...courses.map((view) =>
          choice(`course_${view.id}`, ctx.t("courses.assessmentButton", { title: view.course?.title ?? view.title }), [
            view.course?.title ?? view.title,
          ]),
        ),
        choice("menu", ctx.t("common.menu")),
      ],
    };
  },
  async choose(ctx, id) {
    if (id.startsWith("course_")) {
      return {
        to: "course",
        replaceFlow: { purpose: "courses", courseSessionId: id.slice("course_".length), courseFrom: "list" },
      };
    }
    const rule = stepsOnScreen(ctx).find((r) => `book_${r.id}` === id);
    return rule ? bookFor(ctx, rule) : toMenu();
  },
};

/**
 * Offered once, right after a citizen's first booking. It takes the place of the screen after a
 * booking, so it keeps that screen's calendar file and appointments.
 */
export const assessmentOfferStep: Step = {
  async ask(ctx) {
    return {
      say: [],
      ask: { kind: "choices", text: ctx.t("assessment.offer", { total: assessmentLength() }) },
      choices: [
        choice("yes", ctx.t("assessment.offerYes"), ["si", "sì", "ok", "yes", "test"]),
        choice("no", ctx.t("assessment.offerNo"), ["no", "dopo", "later"]),
        choice("ics", ctx.t("book.addToCalendar"), ["calendario", "ics"]),
        choice("appointments", ctx.t("menu.appointments")),
      ],
    };
  },
  async choose(ctx, id) {
    if (id === "yes") return beginFromOffer(ctx);
    if (id === "no") return toMenu();
    // the calendar file of the booking just made, and the appointments, as after any booking
    return bookDoneStep.choose?.(ctx, id) ?? toMenu();
  },
};
