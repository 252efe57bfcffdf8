/**
 * Reads a courses CSV (docs/courses-csv.md): one row per session, the course's own columns repeated
 * on each of its rows. Pure: checks every cell and the agreement of a course's rows, and reports
 * every problem with its line and column. The database checks come after (import-courses.ts).
 */
import { parse } from "csv-parse/sync";
import { canonicalCodes } from "../../monitoring/codes.js";
import { isLocalDate } from "../../time/local-date.js";
import { isLocalTime, minutesOfDay } from "../../time/local-time.js";
import type { CourseFormat, CourseLevel } from "../ports.js";

/** Course-level columns: every row of a course must say the same. */
const COURSE_LEVEL = [
  "codice_punto",
  "titolo",
  "descrizione",
  "livello",
  "tipo",
  "modalita",
  "aree",
  "competenze",
  "facilitatore",
  "sede",
  "accesso_online",
] as const;

/** The file's columns, in order: the course's code, its own columns, then the session's. */
export const COURSE_COLUMNS = [
  "codice_corso",
  ...COURSE_LEVEL,
  "sessione",
  "data",
  "inizio",
  "fine",
  "posti",
  "stato",
] as const;

type CourseColumn = (typeof COURSE_COLUMNS)[number];
const OPTIONAL: readonly CourseColumn[] = ["descrizione", "aree", "sede", "accesso_online", "stato"];
const REQUIRED = COURSE_COLUMNS.filter((c) => !OPTIONAL.includes(c));

export const COURSE_LIMITS = { maxRows: 5000, maxFileBytes: 5 * 1024 * 1024, maxSeats: 200, maxSessions: 100 };

export interface ImportProblem {
  line: number | null;
  column: string | null;
  message: string;
}

export interface ParsedSession {
  line: number;
  number: number;
  date: string;
  starts: string;
  ends: string;
  seats: number;
  cancelled: boolean;
}

export interface ParsedCourse {
  code: string;
  pointCode: string;
  title: string;
  description: string | null;
  level: CourseLevel;
  format: CourseFormat;
  online: boolean;
  areas: string[];
  competences: number[];
  /** An email address or the platform's numeric id. */
  facilitator: string;
  siteName: string | null;
  joinInfo: string | null;
  sessions: ParsedSession[];
  /** First line of the course in the file. */
  line: number;
}

export type CoursesCsvResult =
  | { ok: true; courses: ParsedCourse[]; rows: number }
  | { ok: false; problems: ImportProblem[]; rows: number };

const LEVELS: Record<string, CourseLevel> = {
  base: "base",
  intermedio: "intermedio",
  medio: "intermedio",
  avanzato: "avanzato",
};
const FORMATS: Record<string, CourseFormat> = {
  formazione: "training",
  facilitazione_gruppo: "group_facilitation",
  "facilitazione di gruppo": "group_facilitation",
};
const MODES: Record<string, boolean> = { presenza: false, "in presenza": false, online: true };

/** Area follows from competence (facilita-csv.md): 1-3 A, 4-9 B, 10 C, 11-12 D, 13 E. */
export function areaOfCompetence(code: number): string {
  if (code <= 3) return "A";
  if (code <= 9) return "B";
  if (code === 10) return "C";
  if (code <= 12) return "D";
  return "E";
}

function detectDelimiter(text: string): ";" | "," {
  const header = text.split(/\r?\n/, 1)[0] ?? "";
  return (header.match(/;/g)?.length ?? 0) >= (header.match(/,/g)?.length ?? 0) ? ";" : ",";
}

/** dd/mm/yyyy or yyyy-mm-dd → yyyy-mm-dd (undefined when not a real date). */
function dateCell(raw: string): string | undefined {
  const it = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(raw);
  const iso = it ? `${it[3]}-${it[2]?.padStart(2, "0")}-${it[1]?.padStart(2, "0")}` : raw;
  return isLocalDate(iso) ? iso : undefined;
}

function timeCell(raw: string): string | undefined {
  const padded = /^\d:\d\d$/.test(raw) ? `0${raw}` : raw.replace(".", ":");
  return isLocalTime(padded) ? padded : undefined;
}

export function parseCoursesCsv(input: string | Uint8Array): CoursesCsvResult {
  const text = (typeof input === "string" ? input : new TextDecoder("utf-8").decode(input)).replace(/^\uFEFF/, "");
  if (text.length > COURSE_LIMITS.maxFileBytes) {
    return {
      ok: false,
      rows: 0,
      problems: [{ line: null, column: null, message: "il file è troppo grande (massimo 5 MB)" }],
    };
  }
  let records: string[][];
  try {
    records = parse(text, {
      delimiter: detectDelimiter(text),
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    });
  } catch (error) {
    return {
      ok: false,
      rows: 0,
      problems: [{ line: null, column: null, message: `il file non è un CSV leggibile (${(error as Error).message})` }],
    };
  }
  const [header, ...body] = records;
  if (!header) return { ok: false, rows: 0, problems: [{ line: null, column: null, message: "il file è vuoto" }] };
  const names = header.map((h) => h.toLowerCase().trim().replace(/\s+/g, "_").replace("modalità", "modalita"));
  const problems: ImportProblem[] = [];
  const missing = COURSE_COLUMNS.filter(
    (c) =>
      !names.includes(c) &&
      c !== "stato" &&
      c !== "descrizione" &&
      c !== "sede" &&
      c !== "accesso_online" &&
      c !== "aree",
  );
  for (const column of missing) problems.push({ line: 1, column, message: "manca questa colonna" });
  const unknown = names.filter((n) => n && !(COURSE_COLUMNS as readonly string[]).includes(n));
  for (const column of unknown) problems.push({ line: 1, column, message: "colonna sconosciuta" });
  if (problems.length > 0) return { ok: false, rows: body.length, problems };
  if (body.length === 0)
    return { ok: false, rows: 0, problems: [{ line: null, column: null, message: "il file non ha righe di corsi" }] };
  if (body.length > COURSE_LIMITS.maxRows) {
    return {
      ok: false,
      rows: body.length,
      problems: [{ line: null, column: null, message: `troppe righe (massimo ${COURSE_LIMITS.maxRows})` }],
    };
  }

  const courses = new Map<string, ParsedCourse>();
  const firstCells = new Map<string, Record<string, string>>();
  for (const [index, record] of body.entries()) {
    const line = index + 2;
    const cells: Record<string, string> = {};
    for (const [i, name] of names.entries()) cells[name] = (record[i] ?? "").replace(/"/g, "").trim();
    const bad = (column: string, message: string) => problems.push({ line, column, message });
    const before = problems.length;
    for (const column of REQUIRED) if (!cells[column]) bad(column, "è obbligatoria");
    if (problems.length > before) continue;

    const code = cells.codice_corso ?? "";
    if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,59}$/.test(code))
      bad("codice_corso", "usa solo lettere, cifre, - _ . (massimo 60)");
    const level = LEVELS[(cells.livello ?? "").toLowerCase()];
    if (!level) bad("livello", "scrivi base, intermedio o avanzato");
    const format = FORMATS[(cells.tipo ?? "").toLowerCase()];
    if (!format) bad("tipo", "scrivi formazione o facilitazione_gruppo");
    const online = MODES[(cells.modalita ?? "").toLowerCase()];
    if (online === undefined) bad("modalita", "scrivi presenza o online");
    if (online === true && !cells.accesso_online) bad("accesso_online", "un corso online deve dire come si entra");
    if (online === true && cells.sede) bad("sede", "un corso online non ha sede");
    const competences = canonicalCodes("SE5", (cells.competenze ?? "").split(":"));
    if (!competences.ok)
      bad(
        "competenze",
        `codice SE5 non valido${"code" in competences && competences.code ? ` (${competences.code})` : ""}: scrivi numeri da 1 a 13 separati da «:», per esempio 4:9`,
      );
    const derived = competences.ok ? [...new Set(competences.codes.map((c) => areaOfCompetence(Number(c))))] : [];
    let areas = derived;
    if (cells.aree) {
      const given = canonicalCodes("SE4", cells.aree.split(":"));
      if (!given.ok)
        bad(
          "aree",
          `codice SE4 non valido${"code" in given && given.code ? ` (${given.code})` : ""}: scrivi lettere da A a E separate da «:», per esempio A:B`,
        );
      else {
        const extra = derived.filter((a) => !given.codes.includes(a));
        if (extra.length > 0) bad("aree", `mancano le aree ${extra.join(":")} delle competenze indicate`);
        areas = given.codes;
      }
    }
    const number = Number(cells.sessione);
    if (!Number.isInteger(number) || number < 1 || number > COURSE_LIMITS.maxSessions)
      bad("sessione", "scrivi il numero della sessione (1, 2, …)");
    const date = dateCell(cells.data ?? "");
    if (!date) bad("data", "data non valida (esempio 2026-12-15 o 15/12/2026)");
    const starts = timeCell(cells.inizio ?? "");
    const ends = timeCell(cells.fine ?? "");
    if (!starts) bad("inizio", "ora non valida (esempio 10:00)");
    if (!ends) bad("fine", "ora non valida (esempio 12:00)");
    if (starts && ends && minutesOfDay(ends) <= minutesOfDay(starts)) bad("fine", "la fine deve venire dopo l'inizio");
    const seats = Number(cells.posti);
    if (!Number.isInteger(seats) || seats < 1 || seats > COURSE_LIMITS.maxSeats)
      bad("posti", `scrivi un numero da 1 a ${COURSE_LIMITS.maxSeats}`);
    const stato = (cells.stato ?? "").toLowerCase();
    if (stato && stato !== "annullato" && stato !== "attivo")
      bad("stato", "lascia vuoto, oppure scrivi attivo o annullato");
    if ((cells.titolo ?? "").length > 120) bad("titolo", "massimo 120 caratteri");
    if ((cells.descrizione ?? "").length > 600) bad("descrizione", "massimo 600 caratteri");
    if (problems.length > before) continue;

    const first = firstCells.get(code);
    if (first) {
      for (const column of COURSE_LEVEL) {
        if ((first[column] ?? "") !== (cells[column] ?? "")) bad(column, `diverso dalle altre righe del corso ${code}`);
      }
      const course = courses.get(code);
      if (course?.sessions.some((s) => s.number === number))
        bad("sessione", `la sessione ${number} del corso ${code} c'è già`);
      if (problems.length > before || !course) continue;
      course.sessions.push({
        line,
        number,
        date: date ?? "",
        starts: starts ?? "",
        ends: ends ?? "",
        seats,
        cancelled: stato === "annullato",
      });
      continue;
    }
    firstCells.set(code, cells);
    courses.set(code, {
      code,
      pointCode: cells.codice_punto ?? "",
      title: cells.titolo ?? "",
      description: cells.descrizione || null,
      level: level ?? "base",
      format: format ?? "training",
      online: online ?? false,
      areas,
      competences: competences.ok ? competences.codes.map(Number) : [],
      facilitator: cells.facilitatore ?? "",
      siteName: cells.sede || null,
      joinInfo: cells.accesso_online || null,
      sessions: [
        {
          line,
          number,
          date: date ?? "",
          starts: starts ?? "",
          ends: ends ?? "",
          seats,
          cancelled: stato === "annullato",
        },
      ],
      line,
    });
  }
  if (problems.length > 0) return { ok: false, rows: body.length, problems };
  return { ok: true, courses: [...courses.values()], rows: body.length };
}
