/**
 * What the export reads: one service record joined with its citizen's monitoring profile, its
 * facilitator and its point, as plain objects. Part B's repository builds these from the tables
 * (decrypting the codice fiscale or document number only here, while the file is written) and
 * streams them ordered by service date.
 */
import type { LocalDate } from "../../points/types.js";
import type { DocumentType } from "../person-key.js";

export type Programme = "RFD" | "SCD";

/** The citizen's answers for monitoring (all optional: the profile may be skipped or half done). */
export interface MonitoringProfile {
  /** Decrypted codice fiscale, as stored (normalised). */
  fiscalCode: string | null;
  /** Only when there is no codice fiscale. */
  document: { type: DocumentType; number: string } | null;
  /** AN7 */
  gender: string | null;
  /** AN8 as the citizen said it; ignored when a codice fiscale gives the age. */
  ageBand: string | null;
  /** AN9 */
  education: string | null;
  /** AN10 */
  employment: string | null;
  /** AN11 */
  citizenship: string | null;
  /** AN12: province of residence, as text (sigla or name). */
  province: string | null;
  /** PR1 */
  firstTime: boolean | null;
  /** PR2 */
  previousServices: readonly string[];
  /** ES1 */
  heardFrom: readonly string[];
  /** ES2 */
  reasons: readonly string[];
  /** ES4: what they would like to learn (free text). */
  interests: string | null;
  /** ES5 */
  problemSolving: readonly string[];
}

export interface ServiceRecordForExport {
  id: string;
  /** SE1, Europe/Rome calendar date of the service. */
  date: LocalDate;
  /** SE2, whole minutes. */
  durationMinutes: number;
  /** SE3 */
  serviceTypes: readonly string[];
  /** SE4 as recorded; the areas of the competences are always added. */
  areas: readonly string[];
  /** SE5 */
  competences: readonly number[];
  /** SE6; empty means "none of these" (S). */
  publicServices: readonly string[];
  /** SE7 */
  description: string | null;
  /** SCD when the facilitator was a Servizio Civile Digitale volunteer. */
  programme: Programme;
  /** ES6, 1-5 */
  rating: number | null;
  /** ES3 */
  wouldReturn: readonly string[];
}

export interface ExportRow {
  record: ServiceRecordForExport;
  citizen: {
    id: string;
    /** Set once the citizen asked to erase their data: such records are never exported. */
    erased: boolean;
    profile: MonitoringProfile | null;
  };
  facilitator: { id: string; name: string; platformId: string | null };
  point: {
    id: string;
    name: string;
    /** The point's name as registered on the platform, when it differs (the platform matches on it). */
    platformName: string | null;
    platformId: string | null;
  };
}
