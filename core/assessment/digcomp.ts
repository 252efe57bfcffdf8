/**
 * DigComp 2.2 as the national monitoring platform codes it (shared/reference/digcomp.md): five
 * areas (field SE4, letters A-E) and 21 competences, of which 13 have their own SE5 code.
 */

export const AREAS = ["A", "B", "C", "D", "E"] as const;
export type AreaCode = (typeof AREAS)[number];

/** DigComp area number (1-5) of each SE4 letter. */
export const AREA_NUMBER: Record<AreaCode, number> = { A: 1, B: 2, C: 3, D: 4, E: 5 };

/** The 21 DigComp 2.2 competences. */
export const DIGCOMP_COMPETENCES = [
  "1.1",
  "1.2",
  "1.3",
  "2.1",
  "2.2",
  "2.3",
  "2.4",
  "2.5",
  "2.6",
  "3.1",
  "3.2",
  "3.3",
  "3.4",
  "4.1",
  "4.2",
  "4.3",
  "4.4",
  "5.1",
  "5.2",
  "5.3",
  "5.4",
] as const;
export type DigCompCompetence = (typeof DIGCOMP_COMPETENCES)[number];

/** SE5 codes 1-13; the area follows from the code (1-3 A, 4-9 B, 10 C, 11-12 D, 13 E). */
export const SE5_CODES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13] as const;

export function areaOfSe5(code: number): AreaCode | undefined {
  if (!Number.isInteger(code) || code < 1 || code > 13) return undefined;
  if (code <= 3) return "A";
  if (code <= 9) return "B";
  if (code === 10) return "C";
  if (code <= 12) return "D";
  return "E";
}

export function areaOfDigComp(competence: string): AreaCode | undefined {
  const area = AREAS[Number(competence.split(".")[0]) - 1];
  return DIGCOMP_COMPETENCES.includes(competence as DigCompCompetence) ? area : undefined;
}
