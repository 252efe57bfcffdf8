/**
 * The on-disk shape of the two generated data files (written by scripts/build-comuni.ts, read by
 * dataset.ts). Rows are arrays rather than objects to keep the committed JSON small.
 */
import { SportelloError } from "../errors.js";
import type { Comune } from "./comune.js";

export const COMUNI_FORMAT = "sportello-comuni/1";
export const PLACES_FORMAT = "sportello-places/1";

export const COMUNI_FIELDS = [
  "name",
  "istat",
  "province",
  "lat",
  "lon",
  "caps",
  "population",
  "altNames",
  "approximate",
];

/** name, istat, province, lat, lon, caps, population, then optionally altNames and approximate (1). */
export type ComuneRow =
  | [string, string, string, number, number, string[], number]
  | [string, string, string, number, number, string[], number, string[]]
  | [string, string, string, number, number, string[], number, string[], 1];

export interface ComuniFile {
  format: typeof COMUNI_FORMAT;
  sources: string;
  fields: string[];
  rows: ComuneRow[];
}

/** A populated place that is not a comune's reference point: an Italian frazione or a foreign town near Italy. */
export interface Place {
  lat: number;
  lon: number;
}

export interface ItalianPlace extends Place {
  /** ISTAT code of the comune the place belongs to. */
  istat: string;
}

export interface ForeignPlace extends Place {
  /** ISO 3166-1 alpha-2 country code, e.g. "CH". */
  country: string;
}

export interface PlacesFile {
  format: typeof PLACES_FORMAT;
  sources: string;
  italian: Array<[number, number, string]>;
  foreign: Array<[number, number, string]>;
}

export interface Places {
  italian: ItalianPlace[];
  foreign: ForeignPlace[];
}

const round = (value: number, decimals: number): number => {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
};

export function encodeComuni(comuni: readonly Comune[], sources: string): ComuniFile {
  const rows = comuni.map((c): ComuneRow => {
    const base: [string, string, string, number, number, string[], number] = [
      c.name,
      c.istat,
      c.province,
      round(c.lat, 5),
      round(c.lon, 5),
      [...c.caps],
      c.population,
    ];
    if (c.approximate) return [...base, [...c.altNames], 1];
    if (c.altNames.length > 0) return [...base, [...c.altNames]];
    return base;
  });
  return { format: COMUNI_FORMAT, sources, fields: COMUNI_FIELDS, rows };
}

export function encodePlaces(places: Places, sources: string): PlacesFile {
  return {
    format: PLACES_FORMAT,
    sources,
    italian: places.italian.map((p) => [round(p.lat, 4), round(p.lon, 4), p.istat]),
    foreign: places.foreign.map((p) => [round(p.lat, 4), round(p.lon, 4), p.country]),
  };
}

const malformed = (what: string, details?: Record<string, unknown>): SportelloError =>
  new SportelloError({ code: "internal", message: `geo dataset is malformed: ${what}`, details });

const isString = (value: unknown): value is string => typeof value === "string";
const isFiniteNumber = (value: unknown): value is number => typeof value === "number" && Number.isFinite(value);
const isStringArray = (value: unknown): value is string[] => Array.isArray(value) && value.every(isString);
const inRange = (lat: number, lon: number): boolean => lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180;

export function decodeComuni(json: unknown): Comune[] {
  const file = json as Partial<ComuniFile> | null;
  if (file === null || typeof file !== "object" || file.format !== COMUNI_FORMAT || !Array.isArray(file.rows)) {
    throw malformed("comuni file has an unknown format");
  }
  return file.rows.map((row: unknown, index) => {
    if (!Array.isArray(row) || row.length < 7 || row.length > 9) throw malformed("comuni row", { index });
    const [name, istat, province, lat, lon, caps, population, altNames = [], approximate = 0] = row as unknown[];
    if (
      !isString(name) ||
      !isString(istat) ||
      !/^\d{6}$/.test(istat) ||
      !isString(province) ||
      !isFiniteNumber(lat) ||
      !isFiniteNumber(lon) ||
      !inRange(lat, lon) ||
      !isStringArray(caps) ||
      !isFiniteNumber(population) ||
      !isStringArray(altNames) ||
      (approximate !== 0 && approximate !== 1)
    ) {
      throw malformed("comuni row", { index });
    }
    return { name, istat, province, lat, lon, caps, population, altNames, approximate: approximate === 1 };
  });
}

export function decodePlaces(json: unknown): Places {
  const file = json as Partial<PlacesFile> | null;
  if (
    file === null ||
    typeof file !== "object" ||
    file.format !== PLACES_FORMAT ||
    !Array.isArray(file.italian) ||
    !Array.isArray(file.foreign)
  ) {
    throw malformed("places file has an unknown format");
  }
  const triple = (row: unknown, index: number): [number, number, string] => {
    if (!Array.isArray(row) || row.length !== 3) throw malformed("places row", { index });
    const [lat, lon, key] = row as unknown[];
    if (!isFiniteNumber(lat) || !isFiniteNumber(lon) || !inRange(lat, lon) || !isString(key)) {
      throw malformed("places row", { index });
    }
    return [lat, lon, key];
  };
  return {
    italian: file.italian.map((row, i) => {
      const [lat, lon, istat] = triple(row, i);
      return { lat, lon, istat };
    }),
    foreign: file.foreign.map((row, i) => {
      const [lat, lon, country] = triple(row, i);
      return { lat, lon, country };
    }),
  };
}
