import { createNearestIndex } from "../geo/nearest-index.js";
import type { PointDetails } from "../ports.js";
import { nextVisits, type UpcomingVisit } from "./next-visits.js";
import { type OpeningStatus, openingStatus } from "./opening-status.js";
import type { Coordinates, Site } from "./types.js";

export interface NearbyPoint {
  point: PointDetails;
  /** The point's site nearest to the citizen (for a bus: the nearest host site). */
  site: Site;
  distanceKm: number;
  /** Open now (and until when), or the next opening. */
  status: OpeningStatus;
  /** Itinerant points: the next dated stops (at most 3); empty for fixed points. */
  nextVisits: UpcomingVisit[];
}

export interface NearestOptions {
  k: number;
  now: Date;
  zone: string;
  maxDistanceKm?: number;
  /** Only points for which this is true (e.g. "offers a bookable service"). */
  filter?: (point: PointDetails) => boolean;
}

export interface PointDirectory {
  readonly size: number;
  get(pointId: string): PointDetails | undefined;
  nearest(from: Coordinates, options: NearestOptions): NearbyPoint[];
}

/** Where a citizen meets the point: a bus at its stops (not its garage), a fixed point at its sites. */
function reachableSites(point: PointDetails): Site[] {
  if (point.kind !== "itinerant") return point.sites;
  const stops = new Set(point.schedule.visits.map((visit) => visit.siteId));
  const atStops = point.sites.filter((site) => stops.has(site.id));
  return atStops.length > 0 ? atStops : point.sites;
}

/**
 * All active points in memory with a spatial index of their sites: "the 3 nearest points, with
 * distance, open now or next opening, and next itinerant visits" without touching the database.
 */
export function createPointDirectory(points: readonly PointDetails[]): PointDirectory {
  const byId = new Map(points.map((point) => [point.id, point]));
  const siteById = new Map<string, { site: Site; point: PointDetails }>();
  for (const point of points) for (const site of reachableSites(point)) siteById.set(site.id, { site, point });
  const index = createNearestIndex(
    [...siteById.values()].map(({ site }) => ({ id: site.id, lat: site.coordinates.lat, lon: site.coordinates.lon })),
  );

  return {
    size: points.length,
    get: (pointId) => byId.get(pointId),
    nearest(from, options) {
      const found = new Map<string, { site: Site; point: PointDetails; distanceKm: number }>();
      // Sites of the same point, and points the filter drops, may crowd the first hits: widen until enough.
      for (let want = options.k * 3; ; want *= 2) {
        found.clear();
        const hits = index.nearest(from.lat, from.lon, want, options.maxDistanceKm);
        for (const hit of hits) {
          const entry = siteById.get(hit.id);
          if (!entry || found.has(entry.point.id)) continue;
          if (options.filter && !options.filter(entry.point)) continue;
          found.set(entry.point.id, { ...entry, distanceKm: hit.distanceKm });
          if (found.size === options.k) break;
        }
        if (found.size >= options.k || hits.length < want) break;
      }
      return [...found.values()].map(({ point, site, distanceKm }) => ({
        point,
        site,
        distanceKm,
        status: openingStatus(point.schedule, options.now, options.zone),
        nextVisits: point.kind === "itinerant" ? nextVisits(point.schedule, options.now, options.zone, 3) : [],
      }));
    },
  };
}
