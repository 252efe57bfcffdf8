import type { LocalDate, ServiceKind, ServiceMode } from "../points/types.js";
import type { CoreDeps, PointDetails, PointServiceInfo } from "../ports.js";
import { addDays } from "../time/local-date.js";
import { bookingErrors } from "./booking-errors.js";

/** An active point with its itinerant visits around `date`, or a kind "unknown point" error. */
export async function loadActivePoint(deps: CoreDeps, pointId: string, date: LocalDate): Promise<PointDetails> {
  const point = await deps.repos.points.findById(pointId, {
    visitsFrom: addDays(date, -1),
    visitsUntil: addDays(date, 1),
  });
  if (!point?.active) throw bookingErrors.unknownPoint();
  return point;
}

export function serviceOf(point: PointDetails, kind: ServiceKind, mode?: ServiceMode): PointServiceInfo {
  const service = point.services.find((s) => s.kind === kind);
  if (!service || kind === "corso") throw bookingErrors.serviceNotOffered();
  if (mode && !service.modes.includes(mode)) throw bookingErrors.modeNotOffered();
  return service;
}

/** In-person bookings happen at the visit's host site, or at the point's main site. */
export function siteFor(point: PointDetails, slotSiteId: string | undefined): string | null {
  return slotSiteId ?? point.sites.find((s) => s.isMain)?.id ?? point.sites[0]?.id ?? null;
}
