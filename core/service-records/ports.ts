import type { LocalDate } from "../points/types.js";
import type { NewServiceRecord, ServiceRecord } from "./service-record.js";

/** Where service records are kept (PostgreSQL, app/db/repositories/service-record-repository.ts). */
export interface ServiceRecordRepository {
  /**
   * Writes the record unless one with the same source exists (INSERT … ON CONFLICT DO NOTHING on
   * the source key). Returns the record that is stored and whether this call wrote it.
   */
  createOnce(record: NewServiceRecord): Promise<{ record: ServiceRecord; created: boolean }>;
  findById(id: string): Promise<ServiceRecord | null>;
  /** By source key (see sourceKeyOf). */
  findBySourceKey(sourceKey: string): Promise<ServiceRecord | null>;
  /**
   * Sets ES6 and ES3 only when the record has no rating yet (one UPDATE … WHERE rating IS NULL).
   * Returns the stored record and whether this call set them; null when there is no such record.
   */
  setFeedbackOnce(
    id: string,
    feedback: { rating: number; wouldReturn: string[]; at: Date },
  ): Promise<{ record: ServiceRecord; updated: boolean } | null>;
  /** Records of a point with a service date between two local dates (included), oldest first. */
  listForPoint(pointId: string, from: LocalDate, to: LocalDate): Promise<ServiceRecord[]>;
}
