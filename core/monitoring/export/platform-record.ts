/**
 * One service record → one row of the platform's file (the 33 cells, facilita-csv.md), or the
 * list of reasons it cannot be exported. Every problem of the record is listed at once, so the
 * coordinator fixes it in one go.
 */
import { createHash } from "node:crypto";
import type { LocalDate } from "../../points/types.js";
import { isLocalDate } from "../../time/local-date.js";
import { fiscalCodeForMonitoring, type MonitoringFiscalCodeProblem } from "../age-band.js";
import type { CodedFieldName } from "../answer-options.js";
import { areasOfCompetences, canonicalCodes } from "../codes.js";
import { checkDocumentNumber, identifierText } from "../person-key.js";
import { FACILITA_COLUMNS, type FacilitaColumn, FREE_TEXT_LIMIT, MANDATORY_COLUMNS } from "./columns.js";
import type { ExportRow } from "./export-row.js";
import { type Refusal, refusals } from "./refusals.js";

export interface ExportRules {
  /** The project's dates: services outside them are refused (the platform does the same). */
  project: { start: LocalDate; end: LocalDate };
  /**
   * AN1 and AN2 are mandatory, but release 1.59.0's upload only checks they are not empty and
   * then drops them; they are probably the questionnaire's name and surname, which Sportello
   * does not collect. Default "ND" (non disponibile) for both; a function may build them per row.
   */
  an1?: string | ((row: ExportRow) => string);
  an2?: string | ((row: ExportRow) => string);
  /** Programmes with minors enabled take 14-17-year-olds (AN8 band E). Default false. */
  minorsEnabled?: boolean;
  /**
   * The upload requires AN3 (codice fiscale), so rows of citizens with only an ID document are
   * refused with a note to register them by hand. True writes them anyway (AN3 empty, AN4 SI, AN5,
   * AN6), for a platform release that accepts them.
   */
  exportDocumentOnly?: boolean;
}

export type PlatformRow =
  | {
      ok: true;
      /** The 33 cells, in FACILITA_COLUMNS order. */
      cells: string[];
      /** Same citizen + point + day + service type: the platform refuses the second such row. */
      duplicateKey: string;
    }
  | { ok: false; refusals: Refusal[] };

const DEFAULT_AN = "ND";
const MAX_MINUTES = 99 * 60 + 59;
const COLUMN_INDEX = new Map<FacilitaColumn, number>(FACILITA_COLUMNS.map((column, i) => [column, i]));

const WHY_FISCAL_CODE: Record<Exclude<MonitoringFiscalCodeProblem, "minor">, string> = {
  empty: "è vuoto",
  wrong_length: "non ha 16 caratteri",
  invalid_characters: "contiene simboli",
  wrong_shape: "lettere e numeri non sono al loro posto",
  bad_month: "il mese di nascita non esiste",
  bad_day: "il giorno di nascita non esiste",
  impossible_date: "la data di nascita non esiste",
  bad_municipality: "il codice del comune di nascita non esiste",
  wrong_check_character: "l'ultimo carattere (di controllo) non torna",
};

const NEEDS_CLEANING = /"|\s\s|[^\S ]|^\s|\s$/;

/** Double quotes stripped, runs of spaces and line breaks made one space, trimmed (what the platform does, and a bit more). */
export function cleanCell(value: string): string {
  // Most cells are already clean: test once, rewrite only when needed.
  if (!NEEDS_CLEANING.test(value)) return value;
  return value.replace(/"/g, "").replace(/\s+/g, " ").trim();
}

/** At most `limit` UTF-16 units, never cutting a character in two; trimmed again after the cut. */
export function cutText(value: string, limit = FREE_TEXT_LIMIT): string {
  if (value.length <= limit) return value;
  let end = limit;
  const last = value.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1; // a high surrogate would lose its pair
  return value.slice(0, end).trimEnd();
}

/** Whole minutes as "HH:MM", exactly 5 characters; null outside 1 minute … 99:59. */
export function formatDuration(minutes: number): string | null {
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > MAX_MINUTES) return null;
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

const PLATFORM_ID = /^[0-9]{1,18}$/;

export function toPlatformRow(row: ExportRow, rules: ExportRules): PlatformRow {
  const { record, citizen, facilitator, point } = row;
  if (citizen.erased) return { ok: false, refusals: [refusals.erased()] };

  const found: Refusal[] = [];
  const cells = new Map<FacilitaColumn, string>();
  const set = (column: FacilitaColumn, value: string) => cells.set(column, cleanCell(value));

  // Who and where.
  const facilitatorName = cleanCell(facilitator.name);
  const pointName = cleanCell(point.platformName ?? point.name);
  if (facilitator.platformId === null || cleanCell(facilitator.platformId) === "") {
    found.push(refusals.facilitatorWithoutPlatformId(facilitatorName || facilitator.id));
  } else if (!PLATFORM_ID.test(cleanCell(facilitator.platformId))) {
    found.push(refusals.invalidPlatformId("IDFacilitatore"));
  }
  if (point.platformId === null || cleanCell(point.platformId) === "") {
    found.push(refusals.pointWithoutPlatformId(pointName || point.id));
  } else if (!PLATFORM_ID.test(cleanCell(point.platformId))) {
    found.push(refusals.invalidPlatformId("IDSede"));
  }
  if (facilitatorName === "") found.push(refusals.missingName("NominativoFacilitatore"));
  if (pointName === "") found.push(refusals.missingName("NominativoSede"));
  set("IDFacilitatore", facilitator.platformId ?? "");
  set("NominativoFacilitatore", facilitatorName);
  set("IDSede", point.platformId ?? "");
  set("NominativoSede", pointName);
  const an = (rule: ExportRules["an1"]) => (typeof rule === "function" ? rule(row) : (rule ?? DEFAULT_AN));
  set("AN1", an(rules.an1));
  set("AN2", an(rules.an2));

  // The service.
  const dateOk = isLocalDate(record.date);
  if (!dateOk) found.push(refusals.invalidDate());
  else if (record.date < rules.project.start || record.date > rules.project.end) {
    found.push(refusals.dateOutsideProject(record.date, rules.project.start, rules.project.end));
  }
  set("SE1", dateOk ? record.date : "");
  const duration = formatDuration(record.durationMinutes);
  if (duration === null) found.push(refusals.invalidDuration());
  set("SE2", duration ?? "");
  const codes = (column: CodedFieldName & FacilitaColumn, values: readonly (string | number)[]): string[] => {
    const checked = canonicalCodes(column, values);
    if (checked.ok) return checked.codes;
    found.push(refusals.invalidAnswer(column));
    return [];
  };
  const serviceTypes = codes("SE3", record.serviceTypes);
  if (record.serviceTypes.length === 0) found.push(refusals.missingServiceType());
  const competences = codes("SE5", record.competences);
  if (record.competences.length === 0) found.push(refusals.missingCompetences());
  const areas = codes("SE4", [...record.areas, ...areasOfCompetences(competences.map(Number))]);
  let publicServices = codes("SE6", record.publicServices);
  // Empty means none of them; "none of them" next to a real one is dropped.
  if (publicServices.length === 0) publicServices = ["S"];
  else if (publicServices.length > 1) publicServices = publicServices.filter((code) => code !== "S");
  set("SE3", serviceTypes.join(":"));
  set("SE4", areas.join(":"));
  set("SE5", competences.join(":"));
  set("SE6", publicServices.join(":"));
  set("SE7", cutText(cleanCell(record.description ?? "")));
  set("ES3", codes("ES3", record.wouldReturn).join(":"));
  set("ES6", record.rating === null ? "" : codes("ES6", [record.rating]).join(""));

  // The citizen.
  const profile = citizen.profile;
  let identity = "";
  if (profile === null) {
    found.push(refusals.noProfile());
  } else {
    const single = (column: CodedFieldName & FacilitaColumn, value: string | null, required: boolean) => {
      if (value === null || value.trim() === "") {
        if (required) found.push(refusals.missingAnswer(column));
        return "";
      }
      return codes(column, [value]).join("");
    };
    const reference = dateOk ? record.date : rules.project.start;
    let ageBand = "";
    let sexFromCode: "F" | "M" | null = null;
    if (profile.fiscalCode !== null && profile.fiscalCode.trim() !== "") {
      const checked = fiscalCodeForMonitoring(profile.fiscalCode, reference, { minorsEnabled: rules.minorsEnabled });
      if (checked.ok) {
        identity = identifierText({ kind: "fiscal_code", code: checked.code });
        ageBand = checked.ageBand;
        sexFromCode = checked.sex;
        set("AN3", checked.code);
        set("AN4", "NO");
      } else if (checked.problem === "minor") found.push(refusals.minor());
      else found.push(refusals.invalidFiscalCode(WHY_FISCAL_CODE[checked.problem]));
    } else if (profile.document !== null) {
      const number = checkDocumentNumber(profile.document.number);
      const type = single("AN5", profile.document.type, true);
      if (!number.ok) found.push(refusals.invalidDocumentNumber());
      else if (type !== "") {
        identity = identifierText({ kind: "document", type: profile.document.type, number: number.number });
        if (!rules.exportDocumentOnly) found.push(refusals.documentOnly());
        set("AN3", "");
        set("AN4", "SI");
        set("AN5", type);
        set("AN6", number.number);
      }
      const stated = single("AN8", profile.ageBand, true);
      if (stated === "E" && !rules.minorsEnabled) found.push(refusals.minor("AN8"));
      ageBand = stated;
    } else {
      found.push(refusals.noIdentity());
    }
    set("AN8", ageBand);
    // The platform itself stores the sex read from the code; a stated answer wins.
    const gender = single("AN7", profile.gender, sexFromCode === null);
    set("AN7", gender !== "" ? gender : sexFromCode === "F" ? "A" : sexFromCode === "M" ? "B" : "");
    set("AN9", single("AN9", profile.education, true));
    set("AN10", single("AN10", profile.employment, true));
    set("AN11", single("AN11", profile.citizenship, true));
    const province = cleanCell(profile.province ?? "");
    if (province === "") found.push(refusals.missingAnswer("AN12"));
    set("AN12", province);
    set("PR1", profile.firstTime === null ? "" : profile.firstTime ? "SI" : "NO");
    set("PR2", codes("PR2", profile.previousServices).join(":"));
    set("ES1", codes("ES1", profile.heardFrom).join(":"));
    set("ES2", codes("ES2", profile.reasons).join(":"));
    set("ES4", cutText(cleanCell(profile.interests ?? "")));
    set("ES5", codes("ES5", profile.problemSolving).join(":"));
  }
  // AN14 and AN17 (contact data) are dropped by the platform: never exported.

  if (found.length > 0) return { ok: false, refusals: dedupe(found) };

  const out = FACILITA_COLUMNS.map((column) => cells.get(column) ?? "");
  for (const column of MANDATORY_COLUMNS) {
    if (column === "AN3" && rules.exportDocumentOnly) continue;
    if ((out[COLUMN_INDEX.get(column) ?? 0] ?? "") === "") found.push(refusals.missingAnswer(column));
  }
  if (found.length > 0) return { ok: false, refusals: dedupe(found) };

  const duplicateKey = createHash("sha256")
    .update(`${identity}|${out[COLUMN_INDEX.get("IDSede") ?? 0]}|${record.date}|${serviceTypes.join(":")}`)
    .digest("base64url");
  return { ok: true, cells: out, duplicateKey };
}

function dedupe(list: Refusal[]): Refusal[] {
  const seen = new Set<string>();
  return list.filter((refusal) => {
    const key = `${refusal.reason}|${refusal.column ?? ""}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
