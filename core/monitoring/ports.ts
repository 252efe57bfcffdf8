/**
 * Where monitoring data is kept (PostgreSQL: app/db/repositories/monitoring-*.ts). Identifiers
 * cross these ports sealed (identifier-crypto.ts); only the export opens them, row by row.
 */
import type { LocalDate } from "../points/types.js";
import type { CourseSessionFact, NoShowFact, Period, ServiceFact } from "./counting/figures.js";
import type { ExportRow, MonitoringProfile } from "./export/export-row.js";
import type { Milestone, PointTarget } from "./milestones.js";
import type { DocumentType } from "./person-key.js";
import type { ProfileActor, ProfilePatch, StoredProfile } from "./profile.js";

export interface MonitoringProfileRepository {
  find(citizenId: string): Promise<StoredProfile | null>;
  /** Creates or updates the citizen's profile with the patch (one upsert). */
  save(citizenId: string, patch: ProfilePatch, by: ProfileActor): Promise<StoredProfile>;
  /** Citizens whose profile carries this person key (codice fiscale or document hash). */
  citizensWithPersonKey(personKey: string): Promise<string[]>;
  /**
   * Erasure: identifiers, hashes and answers wiped, state "erased"; the counting key becomes
   * `token`, so the person's past services still count them once. No-op without a profile.
   */
  erase(citizenId: string, token: string): Promise<void>;
  /** Sealed values for key rotation, by citizen id, after `afterCitizenId`. */
  sealedBatch(
    afterCitizenId: string | null,
    limit: number,
  ): Promise<Array<{ citizenId: string; fiscalCode: string | null; documentNumber: string | null }>>;
  /**
   * Replaces sealed values (the same plain text under the current key), each only while the
   * stored value is still `from`. True when something was replaced.
   */
  replaceSealed(
    citizenId: string,
    values: {
      fiscalCode?: { from: string; sealed: string; keyId: string };
      documentNumber?: { from: string; sealed: string; keyId: string };
    },
  ): Promise<boolean>;
}

/** An export row as stored: identifiers still sealed (the export service opens them). */
export interface SealedExportRow extends Omit<ExportRow, "citizen"> {
  citizen: {
    id: string;
    erased: boolean;
    profile:
      | (Omit<MonitoringProfile, "fiscalCode" | "document"> & {
          fiscalCodeSealed: string | null;
          document: { type: DocumentType; sealed: string } | null;
        })
      | null;
  };
}

export interface ExportQuery {
  from: LocalDate;
  to: LocalDate;
  pointId?: string;
  /** Re-export on request: records already exported are included. */
  again: boolean;
}

export interface PointNames {
  points: Map<string, { name: string; organisationId: string; active: boolean }>;
  organisations: Map<string, string>;
}

export interface MonitoringRepository {
  /** Rows ordered by service date (then record id), read in batches: memory does not grow with the period. */
  exportRows(query: ExportQuery, batchSize?: number): AsyncIterable<SealedExportRow>;
  /** Marks records as exported by this batch (only those not yet marked). Returns how many. */
  markExported(recordIds: readonly string[], batchId: string, at: Date): Promise<number>;
  /** Counting input for `computeFigures`, for a period, optionally one point. */
  serviceFacts(period: Period, pointId?: string): Promise<ServiceFact[]>;
  courseSessions(period: Period, pointId?: string): Promise<CourseSessionFact[]>;
  noShows(period: Period, pointId?: string): Promise<NoShowFact[]>;
  /** Targets and milestones by point id (points without a target are absent). */
  targets(pointIds?: readonly string[]): Promise<Map<string, PointTarget>>;
  setTarget(
    pointId: string,
    target: { target: number | null; start: LocalDate; milestones: readonly Milestone[] },
  ): Promise<void>;
  names(): Promise<PointNames>;
}
