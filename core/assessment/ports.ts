import type { LocalDate } from "../points/types.js";
import type { AnswerRecord } from "./flow.js";
import type { AssessmentResult } from "./result.js";

/** A finished self-assessment to keep (only for a citizen who gave consent). */
export interface NewAssessment {
  citizenId: string;
  /** Item bank version the answers refer to. */
  bankVersion: string;
  /** Language the citizen finished in. */
  language: string;
  /** Local day (Europe/Rome) it was finished. */
  takenOn: LocalDate;
  completedAt: Date;
  /** Every answer, screening included, in the order given. */
  answers: AnswerRecord[];
  /** The result as scored when it was finished (later bank versions do not change it). */
  result: AssessmentResult;
}

export interface StoredAssessment extends NewAssessment {
  id: string;
}

/** Where results are kept (PostgreSQL, app/db/repositories/assessment-repository.ts). */
export interface AssessmentRepository {
  /** One result per citizen and day: a retake on the same day replaces that day's result. */
  saveForDay(assessment: NewAssessment): Promise<StoredAssessment>;
  /** The latest result, or the latest taken before a day. */
  latestForCitizen(citizenId: string, options?: { before?: LocalDate }): Promise<StoredAssessment | null>;
  /** The latest result of each citizen who has one. */
  latestForCitizens(citizenIds: readonly string[]): Promise<Map<string, StoredAssessment>>;
  /** Erasure: every result of the citizen. Returns how many. */
  deleteForCitizen(citizenId: string): Promise<number>;
}
