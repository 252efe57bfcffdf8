import { z } from "zod";
import { MessageKind } from "../../../messaging/kinds.js";
import { courseFacts } from "../course-push.js";
import { courseMessageFacts, leaveAction } from "../course-push-actions.js";
import { pushChoice } from "../push-choice.js";
import { definePushKind } from "../push-kind.js";

/** The course session was moved: its new time, and a way to give the seat back. */
export const courseMoved = definePushKind({
  kind: MessageKind.courseMoved,
  params: z.object({ startsAt: z.string() }),
  async compose(ctx, message, params) {
    const found = await courseMessageFacts(ctx, message);
    if ("skip" in found) return found;
    if (found.view.startsAt.toISOString() !== params.startsAt) return { skip: "course_moved_again" };
    const facts = courseFacts(ctx, found.view, found.point);
    return {
      replies: [
        {
          kind: "choices",
          text: ctx.t("courses.push.moved", {
            title: facts.title,
            day: facts.day,
            time: facts.time,
            place: facts.place,
          }),
          choices: [pushChoice(message.id, "leave", ctx.t("courses.push.leave"))],
        },
      ],
    };
  },
  actions: { leave: (ctx, message) => leaveAction(ctx, message) },
});
