import type { ServiceRecordRepository } from "../../../core/service-records/ports.js";
import { type ServiceRecord, type ServiceSource, sourceKeyOf } from "../../../core/service-records/service-record.js";
import { isUuid } from "../../../core/validation.js";
import type { ServiceRecord as ServiceRecordRow } from "../generated/client.js";
import { fromLocalDate, toLocalDate } from "./mapping.js";
import type { DbClient } from "./prisma-types.js";

function sourceOf(row: ServiceRecordRow): ServiceSource {
  switch (row.sourceKind) {
    case "booking":
      return { kind: "booking", bookingId: row.bookingId ?? "" };
    case "course":
      return { kind: "course", sessionId: row.courseSessionId ?? "", citizenId: row.citizenId };
    case "walk_in":
      return { kind: "walk_in", walkInId: row.sourceKey.slice("walk_in:".length) };
  }
}

function toRecord(row: ServiceRecordRow): ServiceRecord {
  return {
    id: row.id,
    source: sourceOf(row),
    citizenId: row.citizenId,
    pointId: row.pointId,
    siteId: row.siteId,
    facilitatorId: row.facilitatorId,
    programme: row.programme,
    serviceDate: toLocalDate(row.serviceDate),
    startedAt: row.startedAt,
    durationMinutes: row.durationMinutes,
    serviceTypes: row.serviceTypes,
    areas: row.areas,
    competences: row.competences,
    publicServices: row.publicServices,
    description: row.description,
    rating: row.rating,
    wouldReturn: row.wouldReturn,
    ratedAt: row.ratedAt,
    createdAt: row.createdAt,
  };
}

export function prismaServiceRecordRepository(db: DbClient): ServiceRecordRepository {
  return {
    async createOnce(input) {
      const sourceKey = sourceKeyOf(input.source);
      // ON CONFLICT (source_key) DO NOTHING: a second writer neither fails nor aborts its transaction
      const { count } = await db.serviceRecord.createMany({
        skipDuplicates: true,
        data: [
          {
            sourceKey,
            sourceKind: input.source.kind,
            bookingId: input.source.kind === "booking" ? input.source.bookingId : null,
            courseSessionId: input.source.kind === "course" ? input.source.sessionId : null,
            citizenId: input.citizenId,
            pointId: input.pointId,
            siteId: input.siteId,
            facilitatorId: input.facilitatorId,
            programme: input.programme,
            serviceDate: fromLocalDate(input.serviceDate),
            startedAt: input.startedAt,
            durationMinutes: input.durationMinutes,
            serviceTypes: input.serviceTypes,
            areas: input.areas,
            competences: input.competences,
            publicServices: input.publicServices,
            description: input.description,
            wouldReturn: [],
          },
        ],
      });
      const row = await db.serviceRecord.findUniqueOrThrow({ where: { sourceKey } });
      return { record: toRecord(row), created: count === 1 };
    },

    async findById(id) {
      if (!isUuid(id)) return null;
      const row = await db.serviceRecord.findUnique({ where: { id } });
      return row ? toRecord(row) : null;
    },

    async findBySourceKey(sourceKey) {
      const row = await db.serviceRecord.findUnique({ where: { sourceKey } });
      return row ? toRecord(row) : null;
    },

    async setFeedbackOnce(id, feedback) {
      if (!isUuid(id)) return null;
      const { count } = await db.serviceRecord.updateMany({
        where: { id, rating: null },
        data: { rating: feedback.rating, wouldReturn: feedback.wouldReturn, ratedAt: feedback.at },
      });
      const row = await db.serviceRecord.findUnique({ where: { id } });
      return row ? { record: toRecord(row), updated: count === 1 } : null;
    },

    async listForPoint(pointId, from, to) {
      if (!isUuid(pointId)) return [];
      const rows = await db.serviceRecord.findMany({
        where: { pointId, serviceDate: { gte: fromLocalDate(from), lte: fromLocalDate(to) } },
        orderBy: [{ serviceDate: "asc" }, { startedAt: "asc" }],
      });
      return rows.map(toRecord);
    },
  };
}
