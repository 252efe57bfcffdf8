/**
 * Where is this location? The comune it most likely belongs to, and whether it is in Italy at all.
 *
 * Every comune's reference point and every other Italian populated place (frazioni, city districts:
 * GeoNames cities-500) vote for their comune; the nearest one wins, which follows comune borders far
 * better than seats alone (Mestre → Venezia, not Spinea). Foreign towns within reach of the border
 * are indexed too: a location is outside Italy when a foreign town is nearer than any Italian place
 * (Lugano is 1 km from Lugano but 4 km from Campione d'Italia) or when no Italian place lies within
 * ITALY_MAX_DISTANCE_KM (open sea, farther countries).
 */
import { around } from "geokdbush";
import KDBush from "kdbush";
import { SportelloError } from "../errors.js";
import type { Comune } from "./comune.js";
import { loadComuni, loadPlaces } from "./dataset.js";
import type { Places } from "./dataset-format.js";
import { distanceKm, isValidLatLon } from "./distance.js";

/**
 * Italian sovereignty reaches 12 nautical miles (22.2 km) off the coast. On land, Italian places
 * are dense: in the dataset no mainland place is more than ~17 km from its nearest neighbour, and
 * remote spots (Gennargentu, Sila, the Ortles) lie within ~12 km of one. 30 km keeps a boat or a
 * beach a few km offshore in Italy, while open sea (e.g. 40°N 12°E, ~90 km from anything) and
 * countries beyond the border towns are outside. The build script keeps foreign towns up to twice
 * this distance from Italian places: a foreign town nearer than an Italian place lying within
 * 30 km is then always among them.
 */
export const ITALY_MAX_DISTANCE_KM = 30;

export interface ComuneLocation {
  /** The comune the location most likely belongs to (outside Italy: the nearest one). */
  comune: Comune;
  /** From the location to the comune's reference point. */
  distanceKm: number;
  inItaly: boolean;
  /** Outside Italy and near it: country (ISO 3166-1 alpha-2) of the nearest foreign town, e.g. "CH". */
  country?: string;
}

export interface ComuneLocator {
  /** Throws a SportelloError ("validation") for coordinates that are not valid WGS84. */
  locate(lat: number, lon: number): ComuneLocation;
}

const FOREIGN = -1;

export function createComuneLocator(comuni: readonly Comune[], places: Places): ComuneLocator {
  if (comuni.length === 0) throw new SportelloError({ code: "internal", message: "comune locator: no comuni" });
  const byIstat = new Map(comuni.map((c, i) => [c.istat, i]));
  // For each indexed entry: the position of its comune in `comuni`, or FOREIGN.
  const owners: number[] = [];
  const countries: string[] = [];
  const coordinates: Array<[number, number]> = [];
  const push = (lat: number, lon: number, owner: number, country = "") => {
    coordinates.push([lon, lat]);
    owners.push(owner);
    countries.push(country);
  };
  for (const [i, c] of comuni.entries()) push(c.lat, c.lon, i);
  for (const place of places.italian) {
    const owner = byIstat.get(place.istat);
    if (owner !== undefined) push(place.lat, place.lon, owner);
  }
  for (const place of places.foreign) push(place.lat, place.lon, FOREIGN, place.country);

  const index = new KDBush(coordinates.length);
  for (const [lon, lat] of coordinates) index.add(lon, lat);
  index.finish();

  const comuneAt = (owner: number): Comune => {
    const comune = comuni[owner];
    if (comune === undefined) throw new SportelloError({ code: "internal", message: "comune locator: bad owner" });
    return comune;
  };

  return {
    locate(lat, lon) {
      if (!isValidLatLon(lat, lon)) {
        throw new SportelloError({
          code: "validation",
          message: "comune locator: invalid coordinates",
          userMessage: "Questa posizione non è valida. Puoi scrivere il nome del tuo comune o il CAP?",
        });
      }
      const here = { lat, lon };
      const [nearest] = around(index, lon, lat, 1);
      const nearestOwner = nearest === undefined ? FOREIGN : (owners[nearest] ?? FOREIGN);
      const [italian] =
        nearestOwner === FOREIGN
          ? around(index, lon, lat, 1, Number.POSITIVE_INFINITY, (i) => owners[i] !== FOREIGN)
          : [nearest];
      const owner = italian === undefined ? FOREIGN : (owners[italian] ?? FOREIGN);
      const comune = comuneAt(owner);
      const italianCoordinates = italian === undefined ? undefined : coordinates[italian];
      const toItalian =
        italianCoordinates === undefined
          ? Number.POSITIVE_INFINITY
          : distanceKm(here, { lat: italianCoordinates[1], lon: italianCoordinates[0] });
      const inItaly = nearestOwner !== FOREIGN && toItalian <= ITALY_MAX_DISTANCE_KM;
      const location: ComuneLocation = { comune, distanceKm: distanceKm(here, comune), inItaly };
      if (!inItaly && nearest !== undefined && nearestOwner === FOREIGN) {
        const foreign = coordinates[nearest];
        if (foreign !== undefined && distanceKm(here, { lat: foreign[1], lon: foreign[0] }) <= ITALY_MAX_DISTANCE_KM) {
          location.country = countries[nearest];
        }
      }
      return location;
    },
  };
}

let shared: ComuneLocator | undefined;

/** The comune a location belongs to (see ComuneLocation), using the bundled dataset. */
export function nearestComune(lat: number, lon: number): ComuneLocation {
  shared ??= createComuneLocator(loadComuni(), loadPlaces());
  return shared.locate(lat, lon);
}
