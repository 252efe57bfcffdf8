/**
 * A service given to one citizen, in the national platform's terms (facilita-csv.md, SE1-SE7,
 * ES3, ES6). Written once per source: the key below is unique in the database, so a job that
 * runs twice, or two facilitators closing the same session, leave one record.
 */
import type { LocalDate } from "../points/types.js";

export type Programme = "RFD" | "SCD";

/** What the record is for: a booking, a walk-in entry, or one citizen's attendance of a course session. */
export type ServiceSource =
  | { kind: "booking"; bookingId: string }
  | { kind: "walk_in"; walkInId: string }
  | { kind: "course"; sessionId: string; citizenId: string };

export function sourceKeyOf(source: ServiceSource): string {
  switch (source.kind) {
    case "booking":
      return `booking:${source.bookingId}`;
    case "walk_in":
      return `walk_in:${source.walkInId}`;
    case "course":
      return `course:${source.sessionId}:${source.citizenId}`;
  }
}

export interface ServiceRecord {
  id: string;
  source: ServiceSource;
  citizenId: string;
  pointId: string;
  siteId: string | null;
  facilitatorId: string;
  programme: Programme;
  /** SE1: Europe/Rome calendar date. */
  serviceDate: LocalDate;
  startedAt: Date;
  /** SE2, whole minutes (1-5999). */
  durationMinutes: number;
  /** SE3 codes, canonical order. */
  serviceTypes: string[];
  /** SE4 codes as recorded (the export adds the areas of the competences). */
  areas: string[];
  /** SE5 codes. */
  competences: number[];
  /** SE6 codes; empty means none of these. */
  publicServices: string[];
  /** SE7, at most 600 characters. */
  description: string | null;
  /** ES6, 1-5. */
  rating: number | null;
  /** ES3 codes. */
  wouldReturn: string[];
  ratedAt: Date | null;
  createdAt: Date;
}

/** What the repository writes: every field already checked and canonical. */
export type NewServiceRecord = Omit<ServiceRecord, "id" | "rating" | "wouldReturn" | "ratedAt" | "createdAt">;
