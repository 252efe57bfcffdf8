/**
 * A static spatial index of points (e.g. facilitation sites) answering "the k nearest, within d km"
 * with great-circle distances. Built with kdbush + geokdbush; rebuild it when the points change.
 */
import { around } from "geokdbush";
import KDBush from "kdbush";
import { SportelloError } from "../errors.js";
import { distanceKm, isValidLatLon } from "./distance.js";

export interface IndexedPoint {
  id: string;
  lat: number;
  lon: number;
}

export interface NearestHit {
  id: string;
  lat: number;
  lon: number;
  distanceKm: number;
}

export interface NearestIndex {
  readonly size: number;
  /**
   * Up to `k` distinct ids, nearest first, within `maxDistanceKm` when given. When an id was
   * indexed at several places (a point with several sites), its nearest place counts.
   */
  nearest(lat: number, lon: number, k: number, maxDistanceKm?: number): NearestHit[];
}

const invalidLocation = (message: string, details?: Record<string, unknown>) =>
  new SportelloError({
    code: "validation",
    message,
    userMessage: "Questa posizione non è valida. Puoi scrivere il nome del tuo comune o il CAP?",
    details,
  });

/** Throws a SportelloError ("validation") when a point has no valid coordinates. */
export function createNearestIndex(points: readonly IndexedPoint[]): NearestIndex {
  // A copy, so that later changes to the caller's array cannot desynchronise the index.
  const stored: IndexedPoint[] = [];
  const multiplicity = new Map<string, number>();
  let maxMultiplicity = 1;
  const index = new KDBush(points.length);
  points.forEach((point, position) => {
    if (!isValidLatLon(point.lat, point.lon)) {
      throw invalidLocation("nearest index: point with invalid coordinates", { position, id: point.id });
    }
    index.add(point.lon, point.lat);
    stored.push({ id: point.id, lat: point.lat, lon: point.lon });
    const count = (multiplicity.get(point.id) ?? 0) + 1;
    multiplicity.set(point.id, count);
    maxMultiplicity = Math.max(maxMultiplicity, count);
  });
  index.finish();

  return {
    size: multiplicity.size,
    nearest(lat, lon, k, maxDistanceKm) {
      if (!isValidLatLon(lat, lon)) throw invalidLocation("nearest index: invalid query coordinates");
      if (Number.isNaN(k) || k < 0 || (maxDistanceKm !== undefined && !(maxDistanceKm >= 0))) {
        throw invalidLocation("nearest index: invalid k or maximum distance", { k, maxDistanceKm });
      }
      const wanted = Math.floor(k);
      if (wanted === 0 || stored.length === 0) return [];
      // With each id at most m times, the nearest wanted * m entries hold `wanted` distinct ids (if there are that many).
      const found = around(index, lon, lat, wanted * maxMultiplicity, maxDistanceKm);
      const hits: NearestHit[] = [];
      const seen = new Set<string>();
      for (const position of found) {
        const point = stored[position];
        if (point === undefined || seen.has(point.id)) continue;
        seen.add(point.id);
        hits.push({ id: point.id, lat: point.lat, lon: point.lon, distanceKm: distanceKm({ lat, lon }, point) });
        if (hits.length === wanted) break;
      }
      return hits;
    },
  };
}
