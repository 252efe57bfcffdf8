import type { AgendaItem } from "../../facilitators/agenda.js";
import { formatTime } from "../format.js";
import { assessmentSummaryText } from "../steps/assessment-text.js";
import type { StepContext } from "../steps/step.js";
import { bookingLine } from "./describe.js";

type Words = Pick<StepContext, "t" | "lang" | "zone" | "now">;

/**
 * How each kind of agenda item is shown: a line (with the self-assessment summary when there is
 * one) and a short button label. A new kind (a course session) adds its renderer here.
 */
export interface AgendaRenderer<I extends AgendaItem = AgendaItem> {
  line(ctx: Words, item: I): string;
  label(ctx: Words, item: I): string;
}

export const AGENDA_RENDERERS: { [K in AgendaItem["kind"]]: AgendaRenderer<Extract<AgendaItem, { kind: K }>> } = {
  booking: {
    line: (ctx, item) =>
      [bookingLine(ctx, item.booking), ...(item.assessment ? [assessmentSummaryText(item.assessment, ctx)] : [])].join(
        "\n",
      ),
    label: (ctx, item) => formatTime(item.startsAt, ctx.lang, ctx.zone),
  },
  course: {
    line: (ctx, item) =>
      ctx.t("courses.fac.line", {
        time: formatTime(item.startsAt, ctx.lang, ctx.zone),
        end: formatTime(item.endsAt, ctx.lang, ctx.zone),
        title: item.session.course?.title ?? item.session.title,
        enrolled: item.roster.length,
        seats: item.session.seats,
      }),
    label: (ctx, item) => `${formatTime(item.startsAt, ctx.lang, ctx.zone)} ${ctx.t("courses.calendar.summary")}`,
  },
};

export function agendaItemText(ctx: Words, item: AgendaItem): string {
  return (AGENDA_RENDERERS[item.kind] as AgendaRenderer).line(ctx, item);
}
