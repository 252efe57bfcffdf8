import { z } from "zod";
import { MessageKind } from "../../../messaging/kinds.js";
import { courseFacts } from "../course-push.js";
import { pushChoice } from "../push-choice.js";
import { definePushKind } from "../push-kind.js";

/** The course session was cancelled: said plainly, with a way to the other courses of that point. */
export const courseCancelled = definePushKind({
  kind: MessageKind.courseCancelled,
  params: z.object({ startsAt: z.string() }),
  async compose(ctx, message) {
    const view = message.courseSessionId ? await ctx.core.repos.courses.findSessionView(message.courseSessionId) : null;
    if (!view?.cancelledAt) return { skip: "course_not_cancelled" };
    const facts = courseFacts(ctx, view, await ctx.point(view.pointId));
    return {
      replies: [
        {
          kind: "choices",
          text: ctx.t("courses.push.cancelled", { title: facts.title, day: facts.day, time: facts.time }),
          choices: [pushChoice(message.id, "others", ctx.t("courses.push.others"))],
        },
      ],
    };
  },
  actions: {
    async others(ctx, message) {
      const view = message.courseSessionId
        ? await ctx.deps.core.repos.courses.findSessionView(message.courseSessionId)
        : null;
      return {
        to: "courses",
        replaceFlow: { purpose: "courses", ...(view ? { pointId: view.pointId } : {}) },
        history: "clear",
      };
    },
  },
});
