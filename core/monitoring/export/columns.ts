/** The national platform's bulk-upload file (facilita-csv.md, release 1.59.0). */

/** All 33 columns, in this order, in every row. */
export const FACILITA_COLUMNS = [
  "IDFacilitatore",
  "NominativoFacilitatore",
  "IDSede",
  "NominativoSede",
  "AN1",
  "AN2",
  "AN3",
  "AN4",
  "AN5",
  "AN6",
  "AN7",
  "AN8",
  "AN9",
  "AN10",
  "AN11",
  "AN12",
  "AN14",
  "AN17",
  "PR1",
  "PR2",
  "SE1",
  "SE2",
  "SE3",
  "SE4",
  "SE5",
  "SE6",
  "SE7",
  "ES1",
  "ES2",
  "ES3",
  "ES4",
  "ES5",
  "ES6",
] as const;

export type FacilitaColumn = (typeof FACILITA_COLUMNS)[number];

/** The columns that may be empty: identity documents, contact data, the questionnaire's optional parts. */
const OPTIONAL_COLUMNS: ReadonlySet<FacilitaColumn> = new Set<FacilitaColumn>([
  "AN5",
  "AN6",
  "AN14",
  "AN17",
  "PR1",
  "PR2",
  "SE7",
  "ES1",
  "ES2",
  "ES3",
  "ES4",
  "ES5",
  "ES6",
]);

/**
 * Columns that must not be empty (facilita-csv.md): IDFacilitatore, NominativoFacilitatore, IDSede,
 * NominativoSede, AN1-AN4, AN7-AN12, SE1-SE6.
 */
export const MANDATORY_COLUMNS: readonly FacilitaColumn[] = FACILITA_COLUMNS.filter(
  (column) => !OPTIONAL_COLUMNS.has(column),
);

/** At most this many data rows per file. */
export const MAX_ROWS_PER_FILE = 9000;

/** SE7 and ES4 are cut at this many characters. */
export const FREE_TEXT_LIMIT = 600;
