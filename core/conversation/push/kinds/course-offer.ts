import { z } from "zod";
import { declineCourseOffer } from "../../../courses/course-waitlist.js";
import { enrolInCourse } from "../../../courses/enrol.js";
import { isSportelloError } from "../../../errors.js";
import { MessageKind } from "../../../messaging/kinds.js";
import { formatDay, formatTime } from "../../format.js";
import { text } from "../../steps/step.js";
import { stepPoint } from "../booking-push.js";
import { courseCalendarFile, courseErrorText, courseFacts } from "../course-push.js";
import { pushChoice } from "../push-choice.js";
import { definePushKind } from "../push-kind.js";

/**
 * A seat freed in a full course the citizen waits for: "Iscrivimi" enrols if it is still free (the
 * first to enrol gets it); "No, grazie" passes it to the next in line at once.
 */
export const courseOffer = definePushKind({
  kind: MessageKind.courseOffer,
  params: z.object({ entryId: z.string(), expiresAt: z.string() }),
  async compose(ctx, message, p) {
    const entry = await ctx.core.repos.courses.findWaitlistEntry(p.entryId);
    const view = message.courseSessionId ? await ctx.core.repos.courses.findSessionView(message.courseSessionId) : null;
    if (entry?.status !== "offered" || !view || view.cancelledAt) return { skip: "offer_not_open" };
    const facts = courseFacts(ctx, view, await ctx.point(view.pointId));
    const until = new Date(p.expiresAt);
    return {
      replies: [
        {
          kind: "choices",
          text: ctx.t("courses.push.offer", {
            title: facts.title,
            day: facts.day,
            time: facts.time,
            until: `${formatDay(until, ctx.lang, ctx.zone, ctx.now, ctx.t)} ${formatTime(until, ctx.lang, ctx.zone)}`,
          }),
          choices: [
            pushChoice(message.id, "enrol", ctx.t("courses.push.enrol")),
            pushChoice(message.id, "no", ctx.t("courses.push.no")),
          ],
        },
      ],
    };
  },
  actions: {
    async enrol(ctx, message, p) {
      const citizenId = ctx.state.citizenId;
      const entry = await ctx.deps.core.repos.courses.findWaitlistEntry(p.entryId);
      if (!citizenId || !entry || entry.citizenId !== citizenId || !message.courseSessionId) {
        return { stay: [text(ctx.t("push.unknownButton"))] };
      }
      try {
        await enrolInCourse(ctx.deps.core, { sessionId: message.courseSessionId, citizenId, offerEntryId: entry.id });
      } catch (error) {
        if (!isSportelloError(error)) throw error;
        if (error.code === "course_full") {
          // someone was quicker: the citizen keeps their place in line
          await ctx.deps.core.transaction(async (repos) => {
            const again = await repos.courses.findWaitlistEntry(entry.id, { lock: true });
            if (again?.status === "offered") await repos.courses.updateWaitlistEntry(entry.id, { status: "waiting" });
          });
          return { stay: [text(ctx.t("courses.push.taken"))] };
        }
        return { stay: [text(courseErrorText(ctx, error))] };
      }
      const view = await ctx.deps.core.repos.courses.findSessionView(message.courseSessionId);
      if (!view) return { stay: [text(ctx.t("push.unknownButton"))] };
      const facts = courseFacts(ctx, view, await stepPoint(ctx)(view.pointId));
      return {
        to: "course",
        replaceFlow: { purpose: "courses", courseSessionId: view.id },
        history: "clear",
        say: [
          text(ctx.t("courses.enrolled", { title: facts.title, day: facts.day, time: facts.time, place: facts.place })),
          courseCalendarFile(ctx, facts, false),
        ],
      };
    },
    async no(ctx, _message, p) {
      if (!ctx.state.citizenId) return { stay: [text(ctx.t("push.unknownButton"))] };
      const { declined } = await declineCourseOffer(ctx.deps.core, {
        entryId: p.entryId,
        citizenId: ctx.state.citizenId,
      });
      return { stay: [text(ctx.t(declined ? "courses.push.declined" : "courses.error.course_offer_not_valid"))] };
    },
  },
});
