import type { CompletedAssessment } from "../../assessment/complete-assessment.js";
import type { AssessmentSummary } from "../../assessment/latest-assessment.js";
import type { NextStep } from "../../assessment/next-steps.js";
import type { Band } from "../../assessment/result.js";
import { formatLocalDate, formatShortDay } from "../format.js";
import type { Lang, MessageKey, Translate } from "../i18n.js";
import type { Reply } from "../reply.js";
import { when } from "./shared.js";
import { type StepContext, text } from "./step.js";

const bandName = (t: Translate, band: Band) => t(`assessment.band.${band}` as MessageKey);
const areaName = (t: Translate, area: string) => t(`assessment.area.${area}` as MessageKey);

/**
 * The result in plain words: a level per area and overall (compared with the last result when
 * there is one), the note that it is no exam, the next steps, and whether it was kept.
 */
export function resultReplies(
  ctx: StepContext,
  done: CompletedAssessment,
  steps: NextStep[],
  options: { again?: boolean } = {},
): Reply[] {
  const { t } = ctx;
  const { result, previous } = done;
  const levels = [t("assessment.resultTitle")];
  if (previous) {
    levels.push(
      t("assessment.comparedWith", { date: formatLocalDate(previous.takenOn, ctx.lang, ctx.zone, ctx.now, t) }),
    );
  }
  levels.push("");
  for (const area of result.areas) {
    const before = previous?.result.areas.find((a) => a.area === area.area);
    const params = { area: areaName(t, area.area), band: bandName(t, area.band) };
    levels.push(
      before
        ? t("assessment.areaLineBefore", { ...params, before: bandName(t, before.band) })
        : t("assessment.areaLine", params),
    );
  }
  levels.push("", t("assessment.overall", { band: bandName(t, result.overall.band) }), "", t("assessment.notExam"));
  const replies: Reply[] = [text(levels.join("\n"))];

  if (steps.length === 0) {
    replies.push(text(t("assessment.noSteps")));
  } else {
    const lines = [t("assessment.stepsTitle")];
    for (const [index, { rule, course }] of steps.entries()) {
      lines.push("", t("assessment.stepTitle", { n: index + 1, title: rule.title[ctx.lang] }));
      if (rule.booking) lines.push(t("assessment.stepBook"));
      if (course) {
        const { day, time } = when(ctx, course.startsAt);
        lines.push(t("assessment.stepCourse", { title: course.title, day, time }));
      }
      if (rule.online)
        lines.push(t("assessment.stepOnline", { label: rule.online.label[ctx.lang], url: rule.online.url }));
    }
    replies.push(text(lines.join("\n")));
  }
  if (!options.again) replies.push(text(t(done.stored ? "assessment.saved" : "assessment.notSaved")));
  return replies;
}

/**
 * A facilitator's view of a summary, in a few lines: for the agenda (issue 10).
 * "Test (mer 2 dic): livello base. / Informazioni e ricerche base, … / Da rafforzare: SPID e CIE (9), …"
 */
export function assessmentSummaryText(summary: AssessmentSummary, context: { t: Translate; lang: Lang }): string {
  const { t } = context;
  const areas = summary.areas
    .map((a) => t("assessment.summaryArea", { area: areaName(t, a.area), band: bandName(t, a.band) }))
    .join(", ");
  const weakest =
    summary.weakest
      .map((w) => t("assessment.summaryWeak", { name: t(`assessment.competence.${w.se5}` as MessageKey), code: w.se5 }))
      .join(", ") || t("assessment.summaryNoWeak");
  const lines = [
    t("assessment.summary", {
      date: formatShortDay(summary.takenOn, context.lang),
      band: bandName(t, summary.overall.band),
      areas,
      weakest,
    }),
  ];
  if (summary.basicOnly) lines.push(t("assessment.summaryBasicOnly"));
  return lines.join("\n");
}
