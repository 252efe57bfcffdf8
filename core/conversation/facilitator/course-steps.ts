import { courseRoster, recordCourseAttendance } from "../../courses/attendance.js";
import type { RosterEntry } from "../../courses/ports.js";
import { isSportelloError } from "../../errors.js";
import { formatTime } from "../format.js";
import { courseErrorText } from "../push/course-push.js";
import { choice, type Outcome, type StepContext, text } from "../steps/step.js";
import { facilitatorStep } from "./menu-steps.js";

/** Citizens with a button each while marking attendance (a larger class is marked from the first ones). */
const MAX_TOGGLES = 20;

const nameOf = (ctx: StepContext, entry: RosterEntry, index: number) =>
  entry.givenName ?? ctx.t("courses.fac.person", { n: index + 1 });

function backToAgenda(ctx: StepContext, say: ReturnType<typeof text>[] = []): Outcome {
  return {
    to: "fac_agenda",
    say,
    flow: { fac: { ...ctx.state.flow.fac, courseSessionId: undefined, absent: [] } },
    history: "none",
  };
}

/**
 * A course session in the facilitator's agenda: who is enrolled; once it has started, attendance:
 * everyone is present by default, each button unticks (or ticks again) one citizen, "Conferma
 * presenze" records it once (then the worker writes one service record per citizen present).
 */
export const facCourseStep = facilitatorStep({
  async skip(ctx) {
    const id = ctx.state.flow.fac?.courseSessionId;
    const session = id ? await ctx.deps.core.repos.courses.findSession(id) : null;
    const mine = session && ctx.facilitator?.points.some((p) => p.pointId === session.pointId);
    return mine ? undefined : backToAgenda(ctx);
  },
  async ask(ctx) {
    const { session, roster } = await courseRoster(ctx.deps.core, ctx.state.flow.fac?.courseSessionId ?? "");
    const absent = new Set(ctx.state.flow.fac?.absent ?? []);
    const marking =
      session.startsAt.getTime() <= ctx.now.getTime() && !session.attendanceRecordedAt && !session.cancelledAt;
    const mark = (entry: RosterEntry) => {
      if (entry.status === "attended") return "✅";
      if (entry.status === "no_show") return "❌";
      return marking ? (absent.has(entry.citizenId) ? "❌" : "✅") : "•";
    };
    const lines = roster.map((entry, i) => `${mark(entry)} ${nameOf(ctx, entry, i)}`);
    const head = ctx.t("courses.fac.detail", {
      title: session.title,
      time: formatTime(session.startsAt, ctx.lang, ctx.zone),
      end: formatTime(session.endsAt, ctx.lang, ctx.zone),
      enrolled: roster.length,
      seats: session.seats,
    });
    const status = session.attendanceRecordedAt
      ? ctx.t("courses.fac.recorded")
      : marking
        ? ctx.t("courses.fac.markHint")
        : ctx.t("courses.fac.notYet");
    const toggles = marking
      ? roster
          .slice(0, MAX_TOGGLES)
          .map((entry, i) =>
            choice(`t:${entry.citizenId}`, `${absent.has(entry.citizenId) ? "❌" : "✅"} ${nameOf(ctx, entry, i)}`),
          )
      : [];
    return {
      say: [],
      ask: { kind: "choices", text: [head, ...lines, "", status].join("\n") },
      choices: [
        ...toggles,
        ...(marking ? [choice("save", ctx.t("courses.fac.save"), ["conferma", "salva", "save"])] : []),
        choice("back", ctx.t("common.back")),
      ],
    };
  },
  async choose(ctx, id) {
    if (id === "back") return backToAgenda(ctx);
    const fac = ctx.state.flow.fac ?? {};
    if (id.startsWith("t:")) {
      const citizenId = id.slice(2);
      const absent = new Set(fac.absent ?? []);
      if (absent.has(citizenId)) absent.delete(citizenId);
      else absent.add(citizenId);
      return { stay: [], flow: { fac: { ...fac, absent: [...absent] } }, edit: true };
    }
    if (id !== "save" || !ctx.facilitator || !fac.courseSessionId) return { stay: [] };
    try {
      const done = await recordCourseAttendance(ctx.deps.core, {
        sessionId: fac.courseSessionId,
        facilitatorId: ctx.facilitator.id,
        absentCitizenIds: fac.absent ?? [],
      });
      const say = text(
        ctx.t(done.recorded ? "courses.fac.saved" : "courses.fac.alreadySaved", {
          present: done.present,
          absent: done.absent,
        }),
      );
      return { to: "fac_course", say: [say], flow: { fac: { ...fac, absent: [] } }, history: "none" };
    } catch (error) {
      if (!isSportelloError(error)) throw error;
      return { stay: [text(courseErrorText(ctx, error))] };
    }
  },
});
