import type { CourseSessionView } from "../../courses/ports.js";
import type { OutboundMessage } from "../../messaging/message.js";
import type { PointDetails } from "../../ports.js";
import { type Outcome, type StepContext, text } from "../steps/step.js";
import type { PushContext } from "./push-kind.js";

/** The session a citizen's course message is about, if the citizen still holds a seat in it. */
export async function courseMessageFacts(
  ctx: PushContext,
  message: OutboundMessage,
): Promise<{ view: CourseSessionView; point: PointDetails | null } | { skip: string }> {
  if (!message.courseSessionId || message.recipient?.kind !== "citizen") return { skip: "course_gone" };
  const view = await ctx.core.repos.courses.findSessionView(message.courseSessionId);
  if (!view) return { skip: "course_gone" };
  if (view.cancelledAt) return { skip: "course_cancelled" };
  if (!(await ctx.core.repos.courses.isEnrolled(view.id, message.recipient.citizenId))) {
    return { skip: "not_enrolled" };
  }
  return { view, point: await ctx.point(view.pointId) };
}

/** "Non posso venire": to the question that confirms leaving that session. */
export async function leaveAction(ctx: StepContext, message: OutboundMessage): Promise<Outcome> {
  const sessionId = message.courseSessionId;
  if (!sessionId || !ctx.state.citizenId) return { stay: [text(ctx.t("push.unknownButton"))] };
  if (!(await ctx.deps.core.repos.courses.isEnrolled(sessionId, ctx.state.citizenId))) {
    return { stay: [text(ctx.t("courses.error.not_enrolled"))] };
  }
  return { to: "course_leave", replaceFlow: { purpose: "courses", courseSessionId: sessionId }, history: "clear" };
}
