import type { Booking } from "../../booking/booking.js";
import { bookingAllowance } from "../../booking/booking-allowance.js";
import { bookingIcs } from "../../calendar/booking-ics.js";
import { openIntervals } from "../../points/opening-hours.js";
import type { ServiceMode, Site } from "../../points/types.js";
import type { PointDetails } from "../../ports.js";
import { localDateAt } from "../../time/zoned-time.js";
import { formatDay, formatTime } from "../format.js";
import type { MessageKey } from "../i18n.js";
import { calendarReply, type Reply } from "../reply.js";
import type { Flow, StepId } from "../state.js";
import { type Outcome, type StepContext, text } from "./step.js";

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

/**
 * The privacy question, when what the citizen asked for needs consent: once accepted, the
 * conversation goes on with `resume` (the booking or the list that was asked for).
 */
export function askConsent(ctx: StepContext, resume: StepId, flow: Partial<Flow> = {}): Outcome {
  return { to: "privacy", say: [text(ctx.t("privacy.needed"))], flow: { ...flow, resume }, history: "none" };
}

/**
 * Before the first question of a booking: a citizen who holds the most bookings allowed is told
 * so at once, and taken to their appointments (where one can be cancelled).
 */
export async function bookingLimit(ctx: StepContext): Promise<Outcome | undefined> {
  if (!ctx.state.citizenId) return undefined;
  const allowance = await bookingAllowance(ctx.deps.core, ctx.state.citizenId);
  if (allowance.allowed) return undefined;
  return {
    to: "appointments",
    say: [text(allowance.max === 1 ? ctx.t("book.limitOne") : ctx.t("book.limit", { max: allowance.max }))],
    replaceFlow: {},
    history: "clear",
  };
}

/** The site of a booking or slot: for a bus, the stop of that day; for a fixed point, its site. */
export function siteOf(point: PointDetails | undefined, siteId: string | null | undefined): Site | undefined {
  if (!point) return undefined;
  return point.sites.find((s) => s.id === siteId) ?? point.sites.find((s) => s.isMain) ?? point.sites[0];
}

/** Where a slot takes place: for a bus, the stop of that day (never its depot). */
export function slotSite(ctx: StepContext, point: PointDetails | undefined, start: Date): Site | undefined {
  if (!point) return undefined;
  if (point.kind !== "itinerant") return siteOf(point, null);
  const at = start.getTime();
  const visit = openIntervals(point.schedule, localDateAt(start, ctx.zone), ctx.zone).find(
    (interval) => interval.start.getTime() <= at && at < interval.end.getTime(),
  );
  return siteOf(point, visit?.siteId);
}

/** The address to go to: a bus's stop says its name too ("Collegno, piazza del Municipio, …"). */
export function placeAddress(point: PointDetails | undefined, site: Site | undefined): string {
  if (!site) return "";
  return point?.kind === "itinerant" ? `${site.name} (${siteAddress(site)})` : siteAddress(site);
}

/**
 * "Dove: Biblioteca…, Via…" in person; for a remote appointment how it will happen, and the
 * number we call: never an address the citizen might go to for nothing.
 */
export function whereLine(
  ctx: StepContext,
  input: { mode: ServiceMode; point: PointDetails | undefined; site: Site | undefined; phone: string | null },
): string {
  const point = input.point?.name ?? "";
  if (input.mode === "in_presenza") {
    return ctx.t("book.where.in_presenza", { point, address: placeAddress(input.point, input.site) });
  }
  return ctx.t(`book.where.${input.mode}` as MessageKey, { point, phone: input.phone ?? "—" });
}

/** The citizen's phone number on file, if any. */
export async function citizenPhone(ctx: StepContext): Promise<string | null> {
  if (!ctx.state.citizenId) return null;
  return (await ctx.deps.core.repos.citizens.findById(ctx.state.citizenId))?.phone ?? null;
}

/** The booking as an .ics file reply, in the citizen's language; a cancelled one removes the event. */
export function calendarFile(ctx: StepContext, booking: Booking, point: PointDetails | undefined): Reply {
  const site = siteOf(point, booking.siteId);
  const remote = booking.mode !== "in_presenza";
  const cancelled = booking.status === "cancelled_by_citizen" || booking.status === "cancelled_by_point";
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
    location: remote
      ? null
      : `${point?.name ?? ""}, ${point?.kind === "itinerant" && site ? `${site.name}, ` : ""}${siteAddress(site)}`,
    coordinates: remote || !site ? null : site.coordinates,
    organizer: point?.contacts.email ? { name: point.name, email: point.contacts.email } : null,
    now: ctx.now,
    timeZone: ctx.zone,
    fileName: ctx.t(cancelled ? "calendar.cancelFile" : "calendar.file"),
  });
  return calendarReply(
    file,
    ctx.t(cancelled ? "calendar.cancelCaption" : "book.calendarCaption"),
    ctx.t("calendar.download"),
  );
}

/** Point and service of the booking being made or moved, once both are known. */
export function slotContext(
  ctx: StepContext,
): { pointId: string; service: "facilitazione" | "accoglienza" } | undefined {
  const { pointId, service } = ctx.state.flow;
  return pointId && service ? { pointId, service } : undefined;
}
