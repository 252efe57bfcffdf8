import type { Booking } from "../../booking/booking.js";
import { bookingIcs } from "../../calendar/booking-ics.js";
import type { Site } from "../../points/types.js";
import type { PointDetails } from "../../ports.js";
import { formatDay, formatTime } from "../format.js";
import type { MessageKey } from "../i18n.js";
import type { Reply } from "../reply.js";
import type { Outcome, StepContext } from "./step.js";

/** Back to the main menu, forgetting the flow in progress. */
export function toMenu(say: Reply[] = []): Outcome {
  return { to: "menu", say, replaceFlow: {}, history: "clear" };
}

export function siteAddress(site: Site | undefined): string {
  if (!site) return "";
  const a = site.address;
  return `${a.street}${a.civic ? ` ${a.civic}` : ""}, ${a.cap} ${a.comune}`;
}

export async function loadPoint(ctx: StepContext, pointId: string | undefined): Promise<PointDetails | undefined> {
  if (!pointId) return undefined;
  return (await ctx.deps.finder.point(pointId)) ?? (await ctx.deps.core.repos.points.findById(pointId)) ?? undefined;
}

export function bookableServices(point: PointDetails): Array<"facilitazione" | "accoglienza"> {
  return point.services
    .map((s) => s.kind)
    .filter((kind): kind is "facilitazione" | "accoglienza" => kind === "facilitazione" || kind === "accoglienza");
}

export function modeLabel(ctx: StepContext, mode: Booking["mode"]): string {
  return ctx.t(`mode.${mode}` as MessageKey);
}

export function serviceLabel(ctx: StepContext, service: Booking["service"]): string {
  return ctx.t(`service.${service}` as MessageKey);
}

export function when(ctx: StepContext, instant: Date): { day: string; time: string } {
  return {
    day: formatDay(instant, ctx.lang, ctx.zone, ctx.now, ctx.t),
    time: formatTime(instant, ctx.lang, ctx.zone),
  };
}

/** The booking as an .ics file reply, in the citizen's language. */
export function calendarFile(ctx: StepContext, booking: Booking, point: PointDetails | undefined): Reply {
  const site = point?.sites.find((s) => s.id === booking.siteId) ?? point?.sites[0];
  const remote = booking.mode !== "in_presenza";
  const summary = `${serviceLabel(ctx, booking.service)} – ${point?.name ?? "Sportello"}`;
  const description = [
    `${serviceLabel(ctx, booking.service)}, ${modeLabel(ctx, booking.mode)}`,
    point?.contacts.phone ? `☎ ${point.contacts.phone}` : "",
    ctx.t("calendar.note"),
  ]
    .filter(Boolean)
    .join("\n");
  const file = bookingIcs({
    booking,
    summary,
    description,
    location: remote ? null : `${point?.name ?? ""}, ${siteAddress(site)}`,
    coordinates: remote || !site ? null : site.coordinates,
    now: ctx.now,
    timeZone: ctx.zone,
  });
  return {
    kind: "file",
    filename: file.filename,
    mimeType: "text/calendar",
    content: file.content,
    caption: ctx.t("book.calendarCaption"),
  };
}

/** Point and service of the booking being made or moved, once both are known. */
export function slotContext(
  ctx: StepContext,
): { pointId: string; service: "facilitazione" | "accoglienza" } | undefined {
  const { pointId, service } = ctx.state.flow;
  return pointId && service ? { pointId, service } : undefined;
}
