/**
 * Validation of the platform's codes (facilita-csv.md): a single-valued field holds one code; a
 * multi-valued one holds codes joined with ":" and no spaces at all ("A:B", never "A: B"); the
 * platform refuses unknown codes and any space inside a multi-valued field.
 */
import { CODED_FIELDS, type CodedFieldName } from "./answer-options.js";

export type CodeProblem = "empty" | "spaces" | "empty_part" | "unknown_code" | "repeated_code" | "not_multi";

export type CodeCheck = { ok: true; codes: string[] } | { ok: false; problem: CodeProblem; code?: string };

const order = new Map<CodedFieldName, Map<string, number>>(
  Object.values(CODED_FIELDS).map((field) => [
    field.field,
    new Map(field.options.map((option, i) => [option.code, i])),
  ]),
);

const positionOf = (field: CodedFieldName, code: string): number | undefined => order.get(field)?.get(code);

export function isCode(field: CodedFieldName, code: string): boolean {
  return positionOf(field, code) !== undefined;
}

/**
 * Reads a field's value as it appears in the file: "A:C" for a multi-valued field, "B" for a
 * single one. Strict, like the platform: no spaces, no empty parts, no repeats, known codes only.
 */
export function parseCodeText(field: CodedFieldName, text: string): CodeCheck {
  if (text === "") return { ok: false, problem: "empty" };
  if (/\s/.test(text)) return { ok: false, problem: "spaces" };
  const parts = text.split(":");
  if (parts.length > 1 && !CODED_FIELDS[field].multi) return { ok: false, problem: "not_multi" };
  const seen = new Set<string>();
  for (const part of parts) {
    if (part === "") return { ok: false, problem: "empty_part" };
    if (!isCode(field, part)) return { ok: false, problem: "unknown_code", code: part.slice(0, 10) };
    if (seen.has(part)) return { ok: false, problem: "repeated_code", code: part };
    seen.add(part);
  }
  return { ok: true, codes: parts };
}

/**
 * Codes held by a record, made canonical: each checked, repeats dropped, in the platform's order
 * (so "13, 4, 4" becomes ["4", "13"]). Numbers are taken for SE5 and ES6.
 */
export function canonicalCodes(field: CodedFieldName, codes: readonly (string | number)[]): CodeCheck {
  const unique = [...new Set(codes.map((code) => String(code).trim()))];
  if (unique.length > 1 && !CODED_FIELDS[field].multi) return { ok: false, problem: "not_multi" };
  for (const code of unique) {
    if (!isCode(field, code)) return { ok: false, problem: "unknown_code", code: code.slice(0, 10) };
  }
  unique.sort((a, b) => (positionOf(field, a) ?? 0) - (positionOf(field, b) ?? 0));
  return { ok: true, codes: unique };
}

/** The value written in the file: canonical codes joined with ":"; throws on a bad code (a bug upstream). */
export function joinCodes(field: CodedFieldName, codes: readonly (string | number)[]): string {
  const checked = canonicalCodes(field, codes);
  if (!checked.ok) throw new Error(`${field}: ${checked.problem}${checked.code ? ` (${checked.code})` : ""}`);
  return checked.codes.join(":");
}

/** SE4 follows from SE5: competences 1-3 are area A, 4-9 B, 10 C, 11-12 D, 13 E. */
export function areaOfCompetence(competence: number): "A" | "B" | "C" | "D" | "E" | null {
  if (!Number.isInteger(competence) || competence < 1 || competence > 13) return null;
  if (competence <= 3) return "A";
  if (competence <= 9) return "B";
  if (competence === 10) return "C";
  if (competence <= 12) return "D";
  return "E";
}

/** The SE4 areas of a set of SE5 competences, in order, without repeats (unknown competences skipped). */
export function areasOfCompetences(competences: readonly number[]): string[] {
  const areas = new Set<string>();
  for (const competence of competences) {
    const area = areaOfCompetence(competence);
    if (area) areas.add(area);
  }
  return [...areas].sort();
}

/** The chat label of a code in a language; undefined when the code is not one of the field's. */
export function labelOf(field: CodedFieldName, code: string, language: "it" | "en" = "it"): string | undefined {
  return CODED_FIELDS[field].options.find((option) => option.code === code)?.label[language];
}
