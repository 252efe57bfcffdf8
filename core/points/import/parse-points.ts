/**
 * The points CSV → validated points, or every reason the file is refused. Pure: no database, no
 * clock. The file is accepted only when every row passes; then the writer stores all of it.
 */

import type { z } from "zod";
import { isSportelloError } from "../../errors.js";
import type { Comune } from "../../geo/comune.js";
import { distanceKm } from "../../geo/distance.js";
import type { PointContacts, PointServiceInfo } from "../../ports.js";
import { minutesOfDay } from "../../time/local-time.js";
import { validateSchedule } from "../schedule-schema.js";
import type { OpeningWindow, PointKind } from "../types.js";
import { type CellSchemas, cellSchemas, hoursCell } from "./cells.js";
import { COLUMNS, type ColumnSpec, HOUR_COLUMNS, LIMITS, WEEKDAY_CODES, WEEKDAY_NAMES } from "./columns.js";
import { type ComuneDirectory, italianComuni } from "./comune-directory.js";
import { type CsvRow, type Delimiter, type Encoding, readCsvTable } from "./csv-table.js";
import { type Span, weeklyMinutes } from "./hours.js";
import type { ImportedPoint, ImportedSite } from "./imported-point.js";
import { type ImportNote, shown, sortNotes } from "./notes.js";
import { formatServices } from "./services.js";

export interface ParseOptions {
  /** Where comuni are looked up; the national dataset by default. */
  comuni?: ComuneDirectory;
}

export type PointsCsvResult =
  | {
      ok: true;
      points: ImportedPoint[];
      /** Data rows read (empty rows not counted). */
      rows: number;
      warnings: ImportNote[];
      delimiter: Delimiter;
      encoding: Encoding;
    }
  | { ok: false; problems: ImportNote[]; rows: number; warnings: ImportNote[] };

/** Facilitation must be available at least this many hours a week (rule of the network). */
export const MIN_WEEKLY_HOURS = 24;
/** A site farther than this from its comune's reference point gets a warning. */
const FAR_FROM_COMUNE_KM = 30;

const ALWAYS_REQUIRED = new Set([
  "codice_punto",
  "sede_principale",
  "nome_sede",
  "indirizzo",
  "cap",
  "comune",
  "provincia",
]);
const REQUIRED_ON_MAIN = new Set(["ente", "nome_punto", "tipo", "postazioni", "postazioni_prenotabili", "servizi"]);
const POINT_COLUMNS: readonly ColumnSpec[] = COLUMNS.filter((c) => c.level === "point" && c.name !== "codice_punto");

type Values = { [K in keyof CellSchemas]: z.output<CellSchemas[K]> | null } & { hours: Map<string, Span> };

interface ParsedRow {
  line: number;
  /** Every cell of the row passed its own checks. */
  ok: boolean;
  values: Values;
  /** Columns left empty. */
  emptyColumns: ReadonlySet<string>;
  /** Set when the row's place checks passed. */
  site?: ImportedSite;
}

function hourColumnName(weekday: number, shift: number): string {
  return `${WEEKDAY_CODES[weekday - 1]}_${shift}`;
}

function parseCells(row: CsvRow, problems: ImportNote[]): ParsedRow {
  let ok = true;
  const note = (column: string | null, message: string) => {
    ok = false;
    problems.push({ line: row.line, column, message });
  };
  const parse = <T>(name: string, schema: z.ZodType<T, string>): T | null => {
    const raw = (row.cells[name] ?? "").trim();
    if (raw === "") return null;
    const result = schema.safeParse(raw);
    if (result.success) return result.data;
    for (const issue of result.error.issues) note(name, issue.message);
    return null;
  };

  const isMain = parse("sede_principale", cellSchemas.sede_principale);
  const emptyColumns = new Set<string>();
  const values = { hours: new Map<string, Span>() } as unknown as Values;
  const record = values as unknown as Record<string, unknown>;
  for (const column of COLUMNS) {
    const hour = HOUR_COLUMNS.find((h) => h.name === column.name);
    if (hour) {
      const span = parse(column.name, hoursCell);
      if (span) values.hours.set(column.name, span);
      continue;
    }
    const name = column.name as keyof CellSchemas;
    record[name] = name === "sede_principale" ? isMain : parse(name, cellSchemas[name] as z.ZodType<unknown, string>);
    const empty = (row.cells[name] ?? "").trim() === "";
    if (empty) emptyColumns.add(name);
    if (empty && ALWAYS_REQUIRED.has(name)) note(name, "manca il valore (la colonna è obbligatoria)");
  }

  // Checks across cells of the row.
  const { postazioni, postazioni_prenotabili: bookable, lat, lon } = values;
  if (postazioni !== null && bookable !== null && bookable > postazioni) {
    note(
      "postazioni_prenotabili",
      `le postazioni prenotabili (${bookable}) sono più delle postazioni (${postazioni}): possono essere al massimo ${postazioni}`,
    );
  }
  const hasLat = (row.cells.lat ?? "").trim() !== "";
  const hasLon = (row.cells.lon ?? "").trim() !== "";
  if (hasLat && !hasLon) note("lon", "manca lon: lat e lon vanno indicate insieme (o lasciate vuote entrambe)");
  if (hasLon && !hasLat) note("lat", "manca lat: lat e lon vanno indicate insieme (o lasciate vuote entrambe)");
  if ((lat === null) !== (lon === null)) ok = false;
  for (let weekday = 1; weekday <= 7; weekday++) {
    const first = values.hours.get(hourColumnName(weekday, 1));
    const second = values.hours.get(hourColumnName(weekday, 2));
    if (!first || !second) continue;
    const day = WEEKDAY_NAMES[weekday - 1];
    const [a, b] = [first, second].map((s) => ({ from: minutesOfDay(s.opens), to: minutesOfDay(s.closes) }));
    if (!a || !b) continue;
    if (a.from < b.to && b.from < a.to) {
      note(
        hourColumnName(weekday, 2),
        `i due turni di ${day} si sovrappongono (${first.opens}-${first.closes} e ${second.opens}-${second.closes})`,
      );
    } else if (a.from > b.from) {
      note(
        hourColumnName(weekday, 2),
        `il turno 2 di ${day} (${second.opens}-${second.closes}) viene prima del turno 1 (${first.opens}-${first.closes}): il turno 1 è quello del mattino`,
      );
    }
  }
  return { line: row.line, ok, values, emptyColumns };
}

function capList(comune: Comune): string {
  const caps = [...comune.caps].sort();
  return caps.length > 4 ? `${caps[0]}…${caps[caps.length - 1]}` : caps.join(", ");
}

const where = (comune: Comune) => `${comune.name} (${comune.province})`;

/** Finds the row's comune and checks CAP, ISTAT code and coordinates against it. */
function resolveSite(
  row: ParsedRow,
  comuni: ComuneDirectory,
  problems: ImportNote[],
  warnings: ImportNote[],
): ImportedSite | undefined {
  const { comune: name, provincia: province, codice_istat: istat, cap, lat, lon } = row.values;
  if (name === null || province === null) return undefined;
  const problem = (column: string, message: string) => {
    problems.push({ line: row.line, column, message });
    return undefined;
  };
  const byIstat = istat === null ? undefined : comuni.byIstat(istat);
  if (istat !== null && !byIstat)
    return problem("codice_istat", `il codice ISTAT ${istat} non corrisponde a nessun comune`);

  const matches = comuni.searchByName(name, { province, limit: 10 });
  const exact = matches.filter((m) => m.reason === "exact").map((m) => m.comune);
  const inProvince = exact.filter((c) => c.province === province);
  let comune: Comune | undefined;
  if (inProvince.length === 1) {
    comune = inProvince[0];
  } else if (inProvince.length > 1) {
    comune = byIstat && inProvince.includes(byIstat) ? byIstat : undefined;
    if (!comune) {
      return problem(
        "codice_istat",
        `in provincia di ${province} ci sono più comuni «${shown(name)}»: indica il codice ISTAT`,
      );
    }
  } else if (exact.length > 0) {
    return problem(
      "provincia",
      `${exact[0]?.name} non è in provincia di ${province} (è in provincia di ${exact.map((c) => c.province).join(", ")})`,
    );
  } else {
    const near = matches.find((m) => m.comune.province === province);
    const hint = near
      ? `: forse ${where(near.comune)}?`
      : byIstat
        ? `: il codice ISTAT ${istat} è di ${where(byIstat)}`
        : "";
    return problem("comune", `comune «${shown(name)}» non trovato in provincia di ${province}${hint}`);
  }
  if (!comune) return undefined;
  if (byIstat && byIstat.istat !== comune.istat) {
    return problem("codice_istat", `il codice ISTAT ${istat} è di ${where(byIstat)}, non di ${where(comune)}`);
  }
  if (cap !== null && !comune.caps.includes(cap) && !comuni.findByCap(cap).includes(comune)) {
    warnings.push({
      line: row.line,
      column: "cap",
      message: `il CAP ${cap} non risulta fra quelli di ${where(comune)} (${capList(comune)}): controllalo`,
    });
  }
  const fromComune = lat === null || lon === null;
  const coordinates = fromComune ? { lat: comune.lat, lon: comune.lon } : { lat, lon };
  if (!row.ok) {
    // The row is refused anyway: no advice on its coordinates.
  } else if (fromComune) {
    warnings.push({
      line: row.line,
      column: "lat",
      message: `mancano lat e lon: uso il punto di riferimento del comune di ${comune.name} (${comune.lat.toFixed(5)}, ${comune.lon.toFixed(5)}); indica le coordinate della sede per una mappa precisa`,
    });
  } else {
    const km = distanceKm(coordinates, comune);
    if (km > FAR_FROM_COMUNE_KM) {
      warnings.push({
        line: row.line,
        column: "lat",
        message: `la sede è a ${Math.round(km)} km dal centro di ${comune.name}: controlla lat e lon`,
      });
    }
  }
  const v = row.values;
  if (v.nome_sede === null || v.indirizzo === null || cap === null || v.sede_principale === null) return undefined;
  return {
    line: row.line,
    isMain: v.sede_principale,
    name: v.nome_sede,
    address: {
      street: v.indirizzo,
      civic: v.civico,
      cap,
      comune: comune.name,
      comuneIstat: comune.istat,
      province: comune.province,
    },
    coordinates,
    coordinatesFromComune: fromComune,
    notes: v.note_sede,
  };
}

/** A point-level value as written in a message. */
function describe(column: string, value: unknown): string {
  if (value === null || value === undefined) return "vuoto";
  if (column === "servizi") return formatServices(value as PointServiceInfo[]);
  if (column === "tipo") return value === "fixed" ? "fisso" : "itinerante";
  if (typeof value === "boolean") return value ? "si" : "no";
  if (typeof value === "object" && value !== null && "opens" in value) {
    const span = value as Span;
    return `${span.opens}-${span.closes}`;
  }
  return shown(String(value));
}

function pointValue(row: ParsedRow, column: string): unknown {
  if (HOUR_COLUMNS.some((h) => h.name === column)) return row.values.hours.get(column) ?? null;
  return (row.values as unknown as Record<string, unknown>)[column] ?? null;
}

/** The value a point gets from its main row: an empty attivo means "si". */
function effectiveValue(row: ParsedRow, column: string): unknown {
  const value = pointValue(row, column);
  return column === "attivo" && value === null ? true : value;
}

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

const siteKey = (name: string) => name.toLocaleLowerCase("it-IT");

/** Groups the rows of one point, checks them together and builds the point. */
function buildPoint(
  code: string,
  rows: ParsedRow[],
  problems: ImportNote[],
  warnings: ImportNote[],
): ImportedPoint | undefined {
  const problem = (line: number, column: string | null, message: string) => problems.push({ line, column, message });
  const before = problems.length;
  const mains = rows.filter((r) => r.values.sede_principale === true);
  const first = rows[0];
  if (!first) return undefined;
  if (mains.length === 0 && rows.every((r) => r.values.sede_principale !== null)) {
    problem(
      first.line,
      "sede_principale",
      `il punto ${code} non ha una sede principale: scrivi si in sede_principale su una delle sue righe`,
    );
  }
  const main = mains[0];
  for (const extra of mains.slice(1)) {
    problem(
      extra.line,
      "sede_principale",
      `il punto ${code} ha già la sede principale alla riga ${main?.line}: ogni punto ne ha una sola`,
    );
  }
  const seenSites = new Map<string, number>();
  for (const row of rows) {
    const name = row.values.nome_sede;
    if (name === null) continue;
    const previous = seenSites.get(siteKey(name));
    if (previous !== undefined) {
      problem(
        row.line,
        "nome_sede",
        `la sede «${shown(name)}» del punto ${code} è già alla riga ${previous}: ogni sede va su una riga sola`,
      );
    } else {
      seenSites.set(siteKey(name), row.line);
    }
  }
  if (rows.length > LIMITS.maxSitesPerPoint) {
    problem(
      first.line,
      "codice_punto",
      `il punto ${code} ha ${rows.length} sedi: al massimo ${LIMITS.maxSitesPerPoint}`,
    );
  }
  if (!main) return undefined;
  for (const column of REQUIRED_ON_MAIN) {
    if (main.emptyColumns.has(column)) {
      problem(main.line, column, "manca il valore: va indicato sulla riga della sede principale");
    }
  }

  // Point-level cells of the other rows: empty, or the same as on the main row.
  for (const row of rows) {
    if (row === main) continue;
    for (const column of POINT_COLUMNS) {
      if (pointValue(row, column.name) === null) continue;
      const mine = effectiveValue(row, column.name);
      const theirs = effectiveValue(main, column.name);
      if (!sameValue(mine, theirs)) {
        problem(
          row.line,
          column.name,
          `non coincide con la riga della sede principale (riga ${main.line}): lì «${describe(column.name, theirs)}», qui «${describe(column.name, mine)}»; lascia la cella vuota o scrivi lo stesso valore`,
        );
      }
    }
  }

  const v = main.values;
  const kind: PointKind | null = v.tipo;
  const weekly: OpeningWindow[] = HOUR_COLUMNS.flatMap((h) => {
    const span = main.values.hours.get(h.name);
    return span ? [{ weekday: h.weekday, shift: h.shift, opens: span.opens, closes: span.closes }] : [];
  });
  if (kind === "itinerant" && weekly.length > 0) {
    problem(
      main.line,
      weekly[0] ? hourColumnName(weekly[0].weekday, weekly[0].shift) : null,
      "un punto itinerante non ha orari settimanali: è aperto solo nelle sue tappe, pubblicate a parte; lascia vuote le colonne degli orari",
    );
  }
  if (kind === "fixed" && weekly.length === 0 && main.ok) {
    problem(
      main.line,
      null,
      "un punto fisso deve pubblicare i suoi orari: compila almeno una colonna fra LUN_1 e DOM_2",
    );
  }
  if (kind === null || v.ente === null || v.nome_punto === null || v.postazioni === null) return undefined;
  if (v.postazioni_prenotabili === null || v.servizi === null) return undefined;

  // The last word on the hours is the schedule's own validation (its rules are checked above,
  // with clearer messages: this only speaks if they ever drift apart).
  if (problems.length > before || !main.ok) return undefined;
  try {
    validateSchedule({ kind, weekly, special: [], closures: [], localHolidays: [], visits: [] });
  } catch (error) {
    if (!isSportelloError(error)) throw error;
    const issues = (error.details?.issues ?? []) as Array<{ path: string }>;
    for (const issue of issues.length > 0 ? issues : [{ path: "" }]) {
      const index = /^weekly\.(\d+)/.exec(issue.path)?.[1];
      const window = index === undefined ? undefined : weekly[Number(index)];
      problem(
        main.line,
        window ? hourColumnName(window.weekday, window.shift) : null,
        "gli orari non sono validi: usa HH:MM a quarti d'ora, l'apertura prima della chiusura e turni che non si sovrappongono",
      );
    }
  }
  if (kind === "fixed" && weekly.length > 0 && weeklyMinutes(weekly) < MIN_WEEKLY_HOURS * 60) {
    const hours = (weeklyMinutes(weekly) / 60).toLocaleString("it-IT", { maximumFractionDigits: 2 });
    warnings.push({
      line: main.line,
      column: null,
      message: `il punto ${code} è aperto ${hours} ore a settimana: la rete chiede almeno ${MIN_WEEKLY_HOURS} ore di facilitazione`,
    });
  }
  if (kind === "itinerant" && rows.length === 1) {
    warnings.push({
      line: main.line,
      column: null,
      message: `il punto itinerante ${code} non ha sedi ospitanti: aggiungi una riga per ogni luogo in cui fa tappa`,
    });
  }

  if (problems.length > before || rows.some((r) => !r.ok || !r.site)) return undefined;
  const sites = [main, ...rows.filter((r) => r !== main)].flatMap((r) => (r.site ? [r.site] : []));
  const contacts: PointContacts = { phone: v.telefono, email: v.email, website: v.sito };
  return {
    line: main.line,
    code,
    organisationName: v.ente,
    name: v.nome_punto,
    kind,
    description: v.descrizione,
    workstations: v.postazioni,
    bookableWorkstations: v.postazioni_prenotabili,
    services: v.servizi,
    contacts,
    monitoringId: v.id_monitoraggio,
    active: v.attivo ?? true,
    weekly,
    sites,
  };
}

/**
 * Parses and checks a points CSV (see docs/points-csv.md). Returns the points when every row is
 * right; otherwise every problem found, each with its line, column and an Italian reason.
 */
export function parsePointsCsv(input: string | Uint8Array, options: ParseOptions = {}): PointsCsvResult {
  const comuni = options.comuni ?? italianComuni;
  const table = readCsvTable(input);
  if (!table.ok) return { ok: false, problems: table.problems, rows: 0, warnings: [] };

  const problems: ImportNote[] = [];
  const warnings: ImportNote[] = [...table.warnings];
  const groups = new Map<string, ParsedRow[]>();
  for (const csvRow of table.rows) {
    const row = parseCells(csvRow, problems);
    row.site = resolveSite(row, comuni, problems, warnings);
    const code = row.values.codice_punto;
    if (code === null) continue;
    const group = groups.get(code);
    if (group) group.push(row);
    else groups.set(code, [row]);
  }

  const points: ImportedPoint[] = [];
  const monitoringIds = new Map<number, string>();
  for (const [code, rows] of groups) {
    const point = buildPoint(code, rows, problems, warnings);
    const main = rows.find((r) => r.values.sede_principale === true);
    const monitoringId = main?.values.id_monitoraggio ?? null;
    if (main && monitoringId !== null) {
      const other = monitoringIds.get(monitoringId);
      if (other !== undefined) {
        problems.push({
          line: main.line,
          column: "id_monitoraggio",
          message: `l'id di monitoraggio ${monitoringId} è già del punto ${other}: ogni punto ha il suo`,
        });
        continue;
      }
      monitoringIds.set(monitoringId, code);
    }
    if (point) points.push(point);
  }

  const rows = table.rows.length;
  if (problems.length > 0) return { ok: false, problems: sortNotes(problems), rows, warnings: sortNotes(warnings) };
  return {
    ok: true,
    points,
    rows,
    warnings: sortNotes(warnings),
    delimiter: table.delimiter,
    encoding: table.encoding,
  };
}
