/**
 * The columns of the points CSV (docs/points-csv.md). One row per site of a point: point-level
 * columns are given on the main-site row (on other rows of the same point they may be empty, and
 * when given they must agree); site-level columns on every row.
 */
import type { IsoWeekday } from "../types.js";

export type ColumnLevel = "point" | "site";

export interface ColumnSpec {
  name: string;
  level: ColumnLevel;
  /** Must be in the header. */
  inHeader: boolean;
}

/** Weekday abbreviations used in the hour columns (LUN_1 … DOM_2), Monday first. */
export const WEEKDAY_CODES = ["LUN", "MAR", "MER", "GIO", "VEN", "SAB", "DOM"] as const;

export const WEEKDAY_NAMES = ["lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica"] as const;

export interface HourColumn {
  name: string;
  weekday: IsoWeekday;
  shift: 1 | 2;
}

/** LUN_1, LUN_2, MAR_1 … DOM_2: shift 1 is the morning, shift 2 the afternoon. */
export const HOUR_COLUMNS: readonly HourColumn[] = WEEKDAY_CODES.flatMap((code, index) =>
  ([1, 2] as const).map((shift) => ({ name: `${code}_${shift}`, weekday: (index + 1) as IsoWeekday, shift })),
);

const point = (name: string, inHeader: boolean): ColumnSpec => ({ name, level: "point", inHeader });
const site = (name: string, inHeader: boolean): ColumnSpec => ({ name, level: "site", inHeader });

/** Every column, in the order the documentation and the example file use. */
export const COLUMNS: readonly ColumnSpec[] = [
  point("codice_punto", true),
  point("ente", true),
  point("nome_punto", true),
  point("tipo", true),
  site("sede_principale", true),
  site("nome_sede", true),
  site("indirizzo", true),
  site("civico", false),
  site("cap", true),
  site("comune", true),
  site("provincia", true),
  site("codice_istat", false),
  site("lat", false),
  site("lon", false),
  site("note_sede", false),
  point("postazioni", true),
  point("postazioni_prenotabili", true),
  point("servizi", true),
  point("telefono", false),
  point("email", false),
  point("sito", false),
  point("id_monitoraggio", false),
  point("descrizione", false),
  point("attivo", false),
  ...HOUR_COLUMNS.map((h) => point(h.name, false)),
];

export const COLUMN_NAMES: readonly string[] = COLUMNS.map((c) => c.name);

/** Header names are matched ignoring case and surrounding spaces: "LUN_1", "lun_1" and " Cap " all work. */
export function headerKey(name: string): string {
  return name.trim().toLowerCase();
}

const BY_KEY = new Map(COLUMNS.map((c) => [headerKey(c.name), c]));

export function columnByHeader(name: string): ColumnSpec | undefined {
  return BY_KEY.get(headerKey(name));
}

/** Limits that keep a hostile or mistaken file from exhausting memory or time. */
export const LIMITS = {
  /** Bytes of the whole file. */
  maxFileBytes: 5 * 1024 * 1024,
  /** Data rows (the header not counted). */
  maxRows: 20_000,
  /** Characters of one record, all its cells together. */
  maxRecordChars: 20_000,
  /** Sites of one point. */
  maxSitesPerPoint: 50,
  /** Problems listed in full; the rest are counted. */
  maxProblems: 500,
} as const;
