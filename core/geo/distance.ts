import { distance } from "geokdbush";
import type { LatLon } from "./comune.js";

/** Great-circle distance in kilometres (haversine, mean Earth radius 6,371 km). */
export function distanceKm(a: LatLon, b: LatLon): number {
  return distance(a.lon, a.lat, b.lon, b.lat);
}

/** Whether lat/lon are finite numbers within the WGS84 ranges. */
export function isValidLatLon(lat: number, lon: number): boolean {
  return Number.isFinite(lat) && Number.isFinite(lon) && lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180;
}
