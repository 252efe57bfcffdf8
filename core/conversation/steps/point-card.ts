import { distanceKm } from "../../geo/distance.js";
import { nextVisits, type UpcomingVisit } from "../../points/next-visits.js";
import type { NearbyPoint } from "../../points/point-directory.js";
import type { Coordinates, Site } from "../../points/types.js";
import type { PointDetails } from "../../ports.js";
import { compactHours, formatDay, formatKm, formatShortDay, formatTime, statusLine } from "../format.js";
import type { MessageKey } from "../i18n.js";
import type { Reply } from "../reply.js";
import { siteAddress } from "./shared.js";
import { type StepContext, text } from "./step.js";

/** Closer than this is "vicinissimo" rather than "0 km". */
const VERY_NEAR_KM = 0.2;
/** Stops of a bus shown on its card. */
const STOPS_ON_CARD = 3;

/** "0,8 km", or "vicinissimo" when it is round the corner. */
export function distanceText(ctx: StepContext, km: number): string {
  return km < VERY_NEAR_KM ? ctx.t("point.veryNear") : ctx.t("point.km", { km: formatKm(km, ctx.lang) });
}

export interface BusStop {
  site: Site;
  visit: UpcomingVisit;
  /** From where the citizen is looking, when known. */
  distanceKm?: number;
}

/** The upcoming stops of an itinerant point (a stop under way counts), soonest first. */
export function busStops(ctx: StepContext, point: PointDetails, limit: number): BusStop[] {
  return nextVisits(point.schedule, ctx.now, ctx.zone, limit).flatMap((visit) => {
    const site = point.sites.find((s) => s.id === visit.siteId);
    return site ? [{ site, visit }] : [];
  });
}

/**
 * The stop that matters to the citizen: the nearest to where they are looking from (the soonest
 * visit there), else the next one. Never the depot, which only its visits' sites are not.
 */
export function busStopFor(ctx: StepContext, point: PointDetails, from?: Coordinates): BusStop | undefined {
  const stops = busStops(ctx, point, 30);
  if (!from) return stops[0];
  let best: BusStop | undefined;
  for (const stop of stops) {
    const km = distanceKm(from, stop.site.coordinates);
    if (!best || km < (best.distanceKm ?? Number.POSITIVE_INFINITY) - 1e-9) best = { ...stop, distanceKm: km };
  }
  return best;
}

/** "oggi", "domani", else "ven 4 dic": short, for lines that hold much. */
function shortDay(ctx: StepContext, visit: UpcomingVisit): string {
  const day = formatDay(visit.start, ctx.lang, ctx.zone, ctx.now, ctx.t);
  return day === ctx.t("date.today") || day === ctx.t("date.tomorrow") ? day : formatShortDay(visit.date, ctx.lang);
}

/** One line of the results: "1. Name · 0,8 km · aperto ora, fino alle 13:00" (a bus: its stop near you). */
export function pointLine(ctx: StepContext, index: number, found: NearbyPoint, from: Coordinates): string {
  if (found.point.kind === "itinerant") {
    const stop = busStopFor(ctx, found.point, from);
    if (stop) {
      return [
        `${index}. ${found.point.name}`,
        distanceText(ctx, stop.distanceKm ?? found.distanceKm),
        ctx.t("point.nextStop", {
          day: shortDay(ctx, stop.visit),
          time: formatTime(stop.visit.start, ctx.lang, ctx.zone),
          place: stop.site.name,
        }),
      ].join(" · ");
    }
  }
  return [
    `${index}. ${found.point.name}`,
    distanceText(ctx, found.distanceKm),
    statusLine(found.status, ctx.lang, ctx.zone, ctx.now, ctx.t),
  ].join(" · ");
}

/** A point's hours in one sentence: "Orari: lun–ven 09:00–13:00; sab 09:00–12:00.", or a bus's next stops. */
export function hoursSentence(ctx: StepContext, point: PointDetails): string {
  if (point.kind === "itinerant") {
    const stops = busStops(ctx, point, 2).map((stop) => stopLine(ctx, stop));
    return stops.length > 0 ? [ctx.t("point.stops"), ...stops].join("\n") : ctx.t("point.closedLong");
  }
  const hours = compactHours(point.schedule, ctx.lang).join("; ");
  return hours ? ctx.t("person.hours", { hours }) : ctx.t("point.closedLong");
}

function stopLine(ctx: StepContext, stop: BusStop): string {
  return ctx.t("point.stopLine", {
    day: formatShortDay(stop.visit.date, ctx.lang),
    hours: `${formatTime(stop.visit.start, ctx.lang, ctx.zone)}–${formatTime(stop.visit.end, ctx.lang, ctx.zone)}`,
    place: stop.site.name,
  });
}

/**
 * A point's card: a map pin (for a bus, its next stop near the citizen, never its depot), then
 * what it offers, its hours or next stops (only those still to come), and its contacts. Short: it
 * is shown once, not again when the question after it is repeated.
 */
export function pointCard(ctx: StepContext, point: PointDetails, from?: Coordinates): Reply[] {
  const { t } = ctx;
  const replies: Reply[] = [];
  const lines: string[] = [];
  if (point.kind === "itinerant") {
    const stop = busStopFor(ctx, point, from);
    if (stop) {
      replies.push({
        kind: "venue",
        title: t("point.busAt", { point: point.name, day: formatShortDay(stop.visit.date, ctx.lang) }),
        address: `${stop.site.name}, ${siteAddress(stop.site)}`,
        lat: stop.site.coordinates.lat,
        lon: stop.site.coordinates.lon,
      });
    } else {
      lines.push(point.name);
    }
    lines.push(t("point.bus"));
  } else {
    const site = point.sites.find((s) => s.isMain) ?? point.sites[0];
    if (site) {
      replies.push({
        kind: "venue",
        title: point.name,
        address: siteAddress(site),
        lat: site.coordinates.lat,
        lon: site.coordinates.lon,
      });
    } else {
      lines.push(point.name);
    }
  }
  const services = point.services.map((s) => t(`point.offers.${s.kind}` as MessageKey));
  if (services.length) lines.push(t("point.services", { list: services.join(", ") }));
  if (point.kind === "itinerant") {
    const stops = busStops(ctx, point, STOPS_ON_CARD);
    if (stops.length > 0) lines.push(t("point.stops"), ...stops.map((stop) => stopLine(ctx, stop)));
  } else {
    const hours = compactHours(point.schedule, ctx.lang);
    lines.push(t("point.hours"), ...(hours.length > 0 ? hours : [t("point.closedLong")]));
  }
  const contacts = [point.contacts.phone ? `☎ ${point.contacts.phone}` : "", point.contacts.email ?? ""].filter(
    Boolean,
  );
  if (contacts.length) lines.push(t("point.contacts", { list: contacts.join(" · ") }));
  replies.push(text(lines.join("\n")));
  return replies;
}
