import { courseIcs } from "../../calendar/course-ics.js";
import type { CourseSessionView } from "../../courses/ports.js";
import { isSportelloError } from "../../errors.js";
import type { PointDetails } from "../../ports.js";
import { errorText } from "../error-text.js";
import { formatDay, formatTime } from "../format.js";
import type { Lang, MessageKey, Translate } from "../i18n.js";
import { calendarReply, type Reply } from "../reply.js";
import { siteAddress } from "../steps/shared.js";
import type { PushContext } from "./push-kind.js";

type Ctx = Pick<PushContext, "lang" | "t" | "zone" | "now">;

/** What every course text says about a session: title, when, where (or online and how to join). */
export interface CourseFacts {
  view: CourseSessionView;
  point: PointDetails | null;
  title: string;
  day: string;
  time: string;
  end: string;
  /** "Biblioteca…, Via…", or "online: <how to join>". */
  place: string;
  coordinates: { lat: number; lon: number } | null;
  level: string;
  seatsLeft: number;
}

export function courseFacts(ctx: Ctx, view: CourseSessionView, point: PointDetails | null): CourseFacts {
  const siteId = view.siteId ?? view.course?.siteId ?? null;
  const site = point?.sites.find((s) => s.id === siteId) ?? point?.sites.find((s) => s.isMain) ?? point?.sites[0];
  const join = view.course?.joinInfo;
  const place = view.online
    ? join
      ? ctx.t("courses.online.join", { how: join })
      : ctx.t("courses.online")
    : [point?.name, siteAddress(site)].filter(Boolean).join(", ");
  return {
    view,
    point,
    title: view.course?.title ?? view.title,
    day: formatDay(view.startsAt, ctx.lang, ctx.zone, ctx.now, ctx.t),
    time: formatTime(view.startsAt, ctx.lang, ctx.zone),
    end: formatTime(view.endsAt, ctx.lang, ctx.zone),
    place,
    coordinates: view.online || !site ? null : site.coordinates,
    level: ctx.t(`courses.level.${view.course?.level ?? "base"}` as MessageKey),
    seatsLeft: Math.max(0, view.seats - view.booked),
  };
}

/** The session as an .ics file reply; `cancelled` gives the file that removes it. */
export function courseCalendarFile(
  ctx: { lang: Lang; t: Translate; zone: string; now: Date },
  facts: CourseFacts,
  cancelled: boolean,
): Reply {
  const file = courseIcs({
    session: facts.view,
    cancelled,
    summary: `${ctx.t("courses.calendar.summary")}: ${facts.title}`,
    description: [facts.view.course?.description ?? "", facts.point?.name ?? "", ctx.t("courses.calendar.note")]
      .filter(Boolean)
      .join("\n"),
    location: facts.view.online ? null : facts.place,
    coordinates: facts.coordinates,
    now: ctx.now,
    timeZone: ctx.zone,
    fileName: ctx.t(cancelled ? "courses.calendar.cancelFile" : "courses.calendar.file"),
  });
  return calendarReply(
    file,
    ctx.t(cancelled ? "courses.calendar.cancelCaption" : "courses.calendar.caption"),
    ctx.t("calendar.download"),
  );
}

const OWN_TEXTS = new Set([
  "course_full",
  "already_enrolled",
  "course_not_found",
  "course_started",
  "course_cancelled",
  "course_overlap",
  "course_not_full",
  "course_offer_not_valid",
  "not_enrolled",
  "attendance_too_early",
  "facilitator_not_at_point",
]);

/** A refused course operation in the citizen's language (courses.error.<code>), else the generic text. */
export function courseErrorText(ctx: { lang: Lang; t: Translate }, error: unknown): string {
  if (isSportelloError(error) && OWN_TEXTS.has(error.code)) return ctx.t(`courses.error.${error.code}` as MessageKey);
  return errorText(error, ctx.lang);
}
