import { joinCourseWaitlist } from "../../courses/course-waitlist.js";
import { enrolInCourse, leaveCourse } from "../../courses/enrol.js";
import { courseSessionView, upcomingCourses, waitlistPlace } from "../../courses/find-courses.js";
import type { CourseSessionView } from "../../courses/ports.js";
import { isSportelloError } from "../../errors.js";
import { localDateAt } from "../../time/zoned-time.js";
import { formatShortDay, formatTime, nearPlace } from "../format.js";
import { shortLabel } from "../labels.js";
import { type CourseFacts, courseCalendarFile, courseErrorText, courseFacts } from "../push/course-push.js";
import { NO, YES } from "../text-input.js";
import { askConsent, loadPoint, toMenu } from "./shared.js";
import { choice, type Outcome, type Step, type StepContext, text } from "./step.js";

/** Sessions listed at once. */
const LIST_SIZE = 6;
/** Points looked at around a place. */
const NEAR_POINTS = 10;
const NEAR_KM = 40;

async function factsOf(ctx: StepContext, view: CourseSessionView): Promise<CourseFacts> {
  return courseFacts(ctx, view, (await loadPoint(ctx, view.pointId)) ?? null);
}

async function currentView(ctx: StepContext): Promise<CourseSessionView | null> {
  const id = ctx.state.flow.courseSessionId;
  return id ? courseSessionView(ctx.deps.core, id) : null;
}

/** The next courses at a point (from its card) or near a place (from the menu). */
async function listed(ctx: StepContext): Promise<CourseSessionView[]> {
  const { pointId, place } = ctx.state.flow;
  if (pointId) return upcomingCourses(ctx.deps.core, [pointId], LIST_SIZE);
  if (!place) return [];
  const near = await ctx.deps.finder.nearest(place, { k: NEAR_POINTS, maxDistanceKm: NEAR_KM });
  return upcomingCourses(
    ctx.deps.core,
    near.map((n) => n.point.id),
    LIST_SIZE,
  );
}

/** "Corsi di gruppo": the next sessions, each one line: title, day and time, where, level, seats. */
export const coursesStep: Step = {
  async skip(ctx) {
    const { pointId, place } = ctx.state.flow;
    return pointId || place ? undefined : { to: "find_where", flow: { purpose: "courses" }, history: "none" };
  },
  async ask(ctx) {
    const sessions = await listed(ctx);
    const { pointId, place } = ctx.state.flow;
    const point = pointId ? await loadPoint(ctx, pointId) : undefined;
    const where = point ? point.name : nearPlace(place?.label ?? "", ctx.lang);
    const again = choice("again", ctx.t("find.searchAgain"), ["cerca", "altrove"], ctx.t("find.searchAgain.short"));
    const menu = choice("menu", ctx.t("common.menu"));
    if (sessions.length === 0) {
      return {
        say: [],
        ask: { kind: "choices", text: ctx.t(point ? "courses.noneAt" : "courses.noneNear", { where }) },
        choices: [...(point ? [choice("back", ctx.t("common.back"))] : [again]), menu],
      };
    }
    const lines: string[] = [];
    for (const [index, view] of sessions.entries()) {
      const facts = await factsOf(ctx, view);
      const seats =
        facts.seatsLeft > 0 ? ctx.t("courses.seatsLeft", { seats: facts.seatsLeft }) : ctx.t("courses.full");
      const placeShort = view.online ? ctx.t("courses.online") : (facts.point?.name ?? "");
      lines.push(
        `${index + 1}. ${facts.title} · ${facts.day} ${facts.time} · ${placeShort} · ${facts.level} · ${seats}`,
      );
    }
    return {
      say: [],
      ask: {
        kind: "choices",
        text: [
          ctx.t(point ? "courses.listAt" : "courses.listNear", { where }),
          "",
          ...lines,
          "",
          ctx.t("courses.choose"),
        ].join("\n"),
      },
      choices: [
        ...sessions.map((view) => {
          const title = view.course?.title ?? view.title;
          // the title, unless two sessions of the same course are listed: then their day and time
          const twice = sessions.filter((other) => (other.course?.title ?? other.title) === title).length > 1;
          const when = `${formatShortDay(localDateAt(view.startsAt, ctx.zone), ctx.lang)} ${formatTime(view.startsAt, ctx.lang, ctx.zone)}`;
          return choice(view.id, twice ? when : title, [title], twice ? when : shortLabel(title));
        }),
        ...(point ? [choice("back", ctx.t("common.back"))] : [again]),
        menu,
      ],
    };
  },
  async choose(_ctx, id) {
    if (id === "menu") return toMenu();
    if (id === "again") return { to: "find_where", replaceFlow: { purpose: "courses" }, history: "none" };
    if (id === "back") return { to: "point", flow: { purpose: "find" }, history: "none" };
    return { to: "course", flow: { courseSessionId: id, courseFrom: "list" } };
  },
};

type SeatState = "enrolled" | "cancelled" | "started" | "waiting" | "open" | "full";

async function seatState(ctx: StepContext, view: CourseSessionView): Promise<{ state: SeatState; position?: number }> {
  const citizenId = ctx.state.citizenId;
  if (citizenId && (await ctx.deps.core.repos.courses.isEnrolled(view.id, citizenId))) {
    return { state: view.cancelledAt ? "cancelled" : "enrolled" };
  }
  if (view.cancelledAt) return { state: "cancelled" };
  if (view.startsAt.getTime() <= ctx.now.getTime()) return { state: "started" };
  if (citizenId) {
    const position = await waitlistPlace(ctx.deps.core, view.id, citizenId);
    if (position !== null) return { state: "waiting", position };
  }
  return { state: view.booked < view.seats ? "open" : "full" };
}

function backOutcome(ctx: StepContext): Outcome {
  if (ctx.state.flow.courseFrom === "appointments") return { to: "appointments", replaceFlow: {}, history: "clear" };
  return ctx.state.flow.pointId || ctx.state.flow.place
    ? { to: "courses", history: "none" }
    : { to: "find_where", replaceFlow: { purpose: "courses" }, history: "clear" };
}

/** One course session: what, when, where, level, seats; enrol with one press, or join its line. */
export const courseStep: Step = {
  async skip(ctx) {
    return (await currentView(ctx)) ? undefined : { ...toMenu([text(ctx.t("courses.error.course_not_found"))]) };
  },
  async ask(ctx) {
    const view = await currentView(ctx);
    if (!view) throw new Error("course vanished");
    const facts = await factsOf(ctx, view);
    const { state, position } = await seatState(ctx, view);
    const detail = ctx.t("courses.detail", {
      title: facts.title,
      day: facts.day,
      time: facts.time,
      end: facts.end,
      place: facts.place,
      level: facts.level,
    });
    const about = view.course?.description ? `${detail}\n${view.course.description}` : detail;
    const status: Record<SeatState, string> = {
      enrolled: ctx.t("courses.youAreIn"),
      cancelled: ctx.t("courses.error.course_cancelled"),
      started: ctx.t("courses.error.course_started"),
      waiting: ctx.t("courses.waiting", { position: position ?? 1 }),
      open: ctx.t("courses.enrolQuestion", { seats: facts.seatsLeft }),
      full: ctx.t("courses.fullQuestion"),
    };
    const back = [choice("back", ctx.t("common.back")), choice("menu", ctx.t("common.menu"))];
    const actions: Record<SeatState, ReturnType<typeof choice>[]> = {
      enrolled: [
        choice("ics", ctx.t("appointments.calendar"), ["calendario", "calendar"], ctx.t("appointments.calendar.short")),
        choice("leave", ctx.t("courses.leave"), ["annulla", "disdici", "cancel"], ctx.t("courses.leave.short")),
      ],
      cancelled: [],
      started: [],
      waiting: [],
      open: [choice("enrol", ctx.t("courses.enrol"), [...YES, "iscrivimi", "iscriviti", "enrol"])],
      full: [choice("waitlist", ctx.t("courses.joinWaitlist"), [...YES, "lista", "waitlist"])],
    };
    return {
      say: [],
      ask: { kind: "choices", text: `${about}\n\n${status[state]}` },
      choices: [...actions[state], ...back],
    };
  },
  async choose(ctx, id) {
    const view = await currentView(ctx);
    if (!view) return toMenu();
    if (id === "menu") return toMenu();
    if (id === "back") return backOutcome(ctx);
    if ((id === "enrol" || id === "waitlist") && (ctx.state.consent !== "accepted" || !ctx.state.citizenId)) {
      return { ...askConsent(ctx, "course", { courseSessionId: view.id }), history: "push" };
    }
    const citizenId = ctx.state.citizenId ?? "";
    try {
      switch (id) {
        case "enrol": {
          const { session } = await enrolInCourse(ctx.deps.core, { sessionId: view.id, citizenId });
          const facts = await factsOf(ctx, { ...view, ...session });
          return {
            to: "course",
            say: [
              text(
                ctx.t("courses.enrolled", { title: facts.title, day: facts.day, time: facts.time, place: facts.place }),
              ),
              courseCalendarFile(ctx, facts, false),
            ],
            history: "none",
          };
        }
        case "waitlist": {
          const { position } = await joinCourseWaitlist(ctx.deps.core, { sessionId: view.id, citizenId });
          return { stay: [text(ctx.t("courses.waitlistJoined", { position }))] };
        }
        case "ics":
          return { stay: [courseCalendarFile(ctx, await factsOf(ctx, view), false)] };
        case "leave":
          return { to: "course_leave" };
        default:
          return { stay: [] };
      }
    } catch (error) {
      if (!isSportelloError(error)) throw error;
      // the question is asked again as things are now (full: the waitlist is offered)
      return { to: "course", say: [text(courseErrorText(ctx, error))], history: "none" };
    }
  },
};

/** Giving the seat back, once confirmed: the calendar file that removes the event comes with it. */
export const courseLeaveStep: Step = {
  async skip(ctx) {
    return (await currentView(ctx)) ? undefined : toMenu();
  },
  async ask(ctx) {
    const view = await currentView(ctx);
    const facts = view ? await factsOf(ctx, view) : undefined;
    return {
      say: [],
      ask: {
        kind: "choices",
        text: ctx.t("courses.leaveConfirm", {
          title: facts?.title ?? "",
          day: facts?.day ?? "",
          time: facts?.time ?? "",
        }),
      },
      choices: [choice("yes", ctx.t("courses.leaveYes"), YES), choice("back", ctx.t("courses.leaveNo"), NO)],
    };
  },
  async choose(ctx, id) {
    const view = await currentView(ctx);
    if (!view || id !== "yes") return { to: "course", history: "none" };
    try {
      const left = await leaveCourse(ctx.deps.core, { sessionId: view.id, citizenId: ctx.state.citizenId ?? "" });
      if (!left)
        return {
          to: "appointments",
          replaceFlow: {},
          history: "clear",
          say: [text(ctx.t("courses.error.not_enrolled"))],
        };
      const fresh = (await currentView(ctx)) ?? view;
      return {
        to: "appointments",
        replaceFlow: {},
        history: "clear",
        say: [text(ctx.t("courses.left")), courseCalendarFile(ctx, await factsOf(ctx, fresh), true)],
      };
    } catch (error) {
      if (!isSportelloError(error)) throw error;
      return { to: "course", say: [text(courseErrorText(ctx, error))], history: "none" };
    }
  },
};
