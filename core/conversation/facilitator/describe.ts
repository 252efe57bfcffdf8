import type { Booking } from "../../booking/booking.js";
import type { ClosingDetails } from "../../facilitators/closing.js";
import { CODED_FIELDS } from "../../monitoring/answer-options.js";
import { formatDay, formatTime } from "../format.js";
import type { MessageKey } from "../i18n.js";
import type { PushContext } from "../push/push-kind.js";
import type { StepContext } from "../steps/step.js";
import { TOPICS } from "../topics.js";

type Words = Pick<StepContext, "t" | "lang" | "zone" | "now">;

/** The label of a platform code in the chat's language. */
export function codeLabel(ctx: Pick<StepContext, "lang">, field: "SE3" | "SE5" | "SE6" | "ES3", code: string): string {
  const option = CODED_FIELDS[field].options.find((o) => o.code === code);
  return option ? option.label[ctx.lang === "en" ? "en" : "it"] : code;
}

/** What the citizen asked help for: the topic's name when the codes are a topic's, else the competences. */
export function topicOf(ctx: Words, booking: Pick<Booking, "competences" | "publicServices">): string {
  const same = (a: readonly (string | number)[], b: readonly (string | number)[]) =>
    a.length === b.length && a.every((x) => b.includes(x));
  const topic = TOPICS.find(
    (t) => same(t.competences, booking.competences) && same(t.publicServices, booking.publicServices),
  );
  if (topic) return ctx.t(topic.label);
  const labels = booking.competences.map((c) => codeLabel(ctx, "SE5", String(c)));
  return labels.length > 0 ? labels.join(", ") : ctx.t("facilitator.topic.none");
}

/** "10:00 · a distanza (telefono) · SPID e CIE", one line of an agenda. */
export function bookingLine(ctx: Words, booking: Booking): string {
  const time = formatTime(booking.startsAt, ctx.lang, ctx.zone);
  const how =
    booking.mode === "in_presenza"
      ? ctx.t("facilitator.inPerson")
      : ctx.t("facilitator.remote", { mode: ctx.t(`mode.${booking.mode}` as MessageKey) });
  const status =
    booking.status === "pending"
      ? ` · ${ctx.t("facilitator.status.pending")}`
      : booking.status === "completed"
        ? " · ✅"
        : booking.status === "no_show"
          ? ` · ${ctx.t("facilitator.status.noShow")}`
          : "";
  return `${time} · ${how} · ${topicOf(ctx, booking)}${status}`;
}

export function bookingWhen(
  ctx: Words | PushContext,
  booking: Pick<Booking, "startsAt">,
): { day: string; time: string } {
  return {
    day: formatDay(booking.startsAt, ctx.lang, ctx.zone, ctx.now, ctx.t),
    time: formatTime(booking.startsAt, ctx.lang, ctx.zone),
  };
}

/** The closing as the facilitator checks it before saving. */
export function closingText(ctx: Words, closing: ClosingDetails): string {
  const list = (field: "SE3" | "SE5" | "SE6", codes: readonly (string | number)[]) =>
    codes.length > 0 ? codes.map((c) => `${codeLabel(ctx, field, String(c))} (${c})`).join(", ") : "—";
  return ctx.t("facilitator.close.summary", {
    minutes: closing.durationMinutes,
    types: list("SE3", closing.serviceTypes),
    competences: list("SE5", closing.competences),
    services: list("SE6", closing.publicServices),
    note: closing.note ?? "—",
  });
}
