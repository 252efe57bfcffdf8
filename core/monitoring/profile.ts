/**
 * The citizen's profile for national monitoring (facilita-csv.md AN3-AN12, PR1, PR2, ES1, ES2),
 * as core sees it: never the codice fiscale or document number in clear (those are sealed in the
 * repository's row and opened only by the export), only whether they are there.
 */
import type { DocumentType } from "./person-key.js";

export type ProfileState = "in_progress" | "completed" | "skipped" | "erased";

/** Who gave the answers: the citizen in the chat, or a facilitator while closing a session. */
export type ProfileActor = { kind: "citizen" } | { kind: "facilitator"; facilitatorId: string };

export interface ProfileAnswers {
  /** AN7 */
  gender: string | null;
  /** AN8, asked only without a codice fiscale. */
  ageBand: string | null;
  /** AN9 */
  education: string | null;
  /** AN10 */
  employment: string | null;
  /** AN11 */
  citizenship: string | null;
  /** AN12 */
  province: string | null;
  /** PR1 */
  firstTime: boolean | null;
  /** PR2 */
  previousServices: string[];
  /** ES1 */
  heardFrom: string[];
  /** ES2 */
  reasons: string[];
}

export interface StoredProfile extends ProfileAnswers {
  citizenId: string;
  state: ProfileState;
  filledBy: ProfileActor["kind"];
  hasFiscalCode: boolean;
  /** The person said they have no codice fiscale (AN4 SI). */
  noFiscalCode: boolean;
  documentType: DocumentType | null;
  hasDocument: boolean;
  fiscalCodeHash: string | null;
  documentHash: string | null;
  completedAt: Date | null;
}

/** What the repository writes: sealed values and hashes already computed. */
export interface ProfilePatch extends Partial<ProfileAnswers> {
  fiscalCode?: { sealed: string; keyId: string; hash: string };
  noFiscalCode?: boolean;
  document?: { type: DocumentType; sealed: string; keyId: string; hash: string };
  state?: Exclude<ProfileState, "erased">;
  completedAt?: Date | null;
}

export const EMPTY_ANSWERS: ProfileAnswers = {
  gender: null,
  ageBand: null,
  education: null,
  employment: null,
  citizenship: null,
  province: null,
  firstTime: null,
  previousServices: [],
  heardFrom: [],
  reasons: [],
};

/** The profile's questions, in the order the chat asks them. */
export type ProfileQuestionId =
  | "fiscal_code"
  | "document_type"
  | "document_number"
  | "AN7"
  | "AN8"
  | "AN9"
  | "AN10"
  | "AN11"
  | "AN12"
  | "PR1"
  | "PR2"
  | "ES1"
  | "ES2";

export const PROFILE_QUESTIONS: readonly ProfileQuestionId[] = [
  "fiscal_code",
  "document_type",
  "document_number",
  "AN7",
  "AN8",
  "AN9",
  "AN10",
  "AN11",
  "AN12",
  "PR1",
  "PR2",
  "ES1",
  "ES2",
];

/**
 * The first question without an answer, or null when the profile is complete. `documentType` is
 * the type chosen a moment ago and not stored yet (the number comes next).
 */
export function nextProfileQuestion(
  profile: StoredProfile | null,
  pending: { documentType?: DocumentType } = {},
): ProfileQuestionId | null {
  const p = profile;
  const identified = Boolean(p?.hasFiscalCode || p?.hasDocument);
  if (!identified) {
    if (!p?.noFiscalCode) return "fiscal_code";
    return pending.documentType ? "document_number" : "document_type";
  }
  if (!p) return "fiscal_code";
  if (p.gender === null) return "AN7";
  if (!p.hasFiscalCode && p.ageBand === null) return "AN8";
  if (p.education === null) return "AN9";
  if (p.employment === null) return "AN10";
  if (p.citizenship === null) return "AN11";
  if (p.province === null) return "AN12";
  if (p.firstTime === null) return "PR1";
  if (p.firstTime === false && p.previousServices.length === 0) return "PR2";
  if (p.heardFrom.length === 0) return "ES1";
  if (p.reasons.length === 0) return "ES2";
  return null;
}
