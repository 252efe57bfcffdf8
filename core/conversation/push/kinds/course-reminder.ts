import { z } from "zod";
import { MessageKind } from "../../../messaging/kinds.js";
import { text } from "../../steps/step.js";
import { courseFacts } from "../course-push.js";
import { courseMessageFacts, leaveAction } from "../course-push-actions.js";
import { pushChoice } from "../push-choice.js";
import { definePushKind } from "../push-kind.js";

/** Before a course session (the day before, 2 hours before): "Ci sarò", or give the seat back. */
export const courseReminder = definePushKind({
  kind: MessageKind.courseReminder,
  params: z.object({ offset: z.string(), startsAt: z.string() }),
  async compose(ctx, message, params) {
    const found = await courseMessageFacts(ctx, message);
    if ("skip" in found) return found;
    const facts = courseFacts(ctx, found.view, found.point);
    if (found.view.startsAt.toISOString() !== params.startsAt) return { skip: "course_moved" };
    return {
      replies: [
        {
          kind: "choices",
          text: ctx.t("courses.push.reminder", {
            title: facts.title,
            day: facts.day,
            time: facts.time,
            place: facts.place,
          }),
          choices: [
            pushChoice(message.id, "yes", ctx.t("courses.push.yes")),
            pushChoice(message.id, "leave", ctx.t("courses.push.leave")),
          ],
        },
      ],
    };
  },
  actions: {
    async yes(ctx, message) {
      const first = await ctx.deps.core.repos.messages.markActed(message.id, "yes", ctx.now);
      return { stay: [text(ctx.t(first ? "courses.push.thanks" : "courses.push.alreadyAnswered"))] };
    },
    leave: (ctx, message) => leaveAction(ctx, message),
  },
});
