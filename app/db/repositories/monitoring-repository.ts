import type { CourseSessionFact, NoShowFact, ServiceFact } from "../../../core/monitoring/counting/figures.js";
import type { PointTarget } from "../../../core/monitoring/milestones.js";
import type { DocumentType } from "../../../core/monitoring/person-key.js";
import type { MonitoringRepository, SealedExportRow } from "../../../core/monitoring/ports.js";
import { isUuid } from "../../../core/validation.js";
import type { Prisma } from "../generated/client.js";
import { fromLocalDate, toLocalDate } from "./mapping.js";
import type { DbClient } from "./prisma-types.js";

/** Bookings' and courses' local dates: the platform's dates are Italian calendar days. */
const ZONE = "Europe/Rome";
const DEFAULT_BATCH = 2000;

const exportInclude = {
  point: { select: { id: true, name: true, platformName: true, monitoringId: true } },
  facilitator: { select: { id: true, displayName: true, monitoringId: true } },
  citizen: { select: { id: true, erasedAt: true, monitoringProfile: true } },
} satisfies Prisma.ServiceRecordInclude;

type ExportRecord = Prisma.ServiceRecordGetPayload<{ include: typeof exportInclude }>;

function toSealedRow(row: ExportRecord): SealedExportRow {
  const profile = row.citizen.monitoringProfile;
  const erased = row.citizen.erasedAt !== null || profile?.state === "erased";
  return {
    record: {
      id: row.id,
      date: toLocalDate(row.serviceDate),
      durationMinutes: row.durationMinutes,
      serviceTypes: row.serviceTypes,
      areas: row.areas,
      competences: row.competences,
      publicServices: row.publicServices,
      description: row.description,
      programme: row.programme,
      rating: row.rating,
      wouldReturn: row.wouldReturn,
    },
    citizen: {
      id: row.citizen.id,
      erased,
      profile:
        profile && !erased
          ? {
              fiscalCodeSealed: profile.fiscalCodeSealed,
              document:
                profile.documentType && profile.documentNumberSealed
                  ? { type: profile.documentType as DocumentType, sealed: profile.documentNumberSealed }
                  : null,
              gender: profile.gender,
              ageBand: profile.ageBand,
              education: profile.education,
              employment: profile.employment,
              citizenship: profile.citizenship,
              province: profile.province,
              firstTime: profile.firstTime,
              previousServices: profile.previousServices,
              heardFrom: profile.heardFrom,
              reasons: profile.reasons,
              interests: profile.interests,
              problemSolving: profile.problemSolving,
            }
          : null,
    },
    facilitator: {
      id: row.facilitator.id,
      name: row.facilitator.displayName,
      platformId: row.facilitator.monitoringId === null ? null : String(row.facilitator.monitoringId),
    },
    point: {
      id: row.point.id,
      name: row.point.name,
      platformName: row.point.platformName,
      platformId: row.point.monitoringId === null ? null : String(row.point.monitoringId),
    },
  };
}

export function prismaMonitoringRepository(db: DbClient): MonitoringRepository {
  return {
    async *exportRows(query, batchSize = DEFAULT_BATCH) {
      if (query.pointId !== undefined && !isUuid(query.pointId)) return;
      let after: { date: Date; id: string } | null = null;
      for (;;) {
        const where: Prisma.ServiceRecordWhereInput = {
          serviceDate: { gte: fromLocalDate(query.from), lte: fromLocalDate(query.to) },
          ...(query.pointId ? { pointId: query.pointId } : {}),
          ...(query.again ? {} : { exportedAt: null }),
          ...(after
            ? { OR: [{ serviceDate: { gt: after.date } }, { serviceDate: after.date, id: { gt: after.id } }] }
            : {}),
        };
        const rows: ExportRecord[] = await db.serviceRecord.findMany({
          where,
          include: exportInclude,
          orderBy: [{ serviceDate: "asc" }, { id: "asc" }],
          take: batchSize,
        });
        for (const row of rows) yield toSealedRow(row);
        const last = rows.at(-1);
        if (!last || rows.length < batchSize) return;
        after = { date: last.serviceDate, id: last.id };
      }
    },

    async markExported(recordIds, batchId, at) {
      let marked = 0;
      for (let i = 0; i < recordIds.length; i += 5000) {
        const { count } = await db.serviceRecord.updateMany({
          where: { id: { in: recordIds.slice(i, i + 5000) as string[] }, exportedAt: null },
          data: { exportedAt: at, exportBatchId: batchId },
        });
        marked += count;
      }
      return marked;
    },

    async serviceFacts(period, pointId) {
      if (pointId !== undefined && !isUuid(pointId)) return [];
      const rows = await db.$queryRaw<
        Array<{
          id: string;
          source_kind: string;
          source_key: string;
          course_session_id: string | null;
          service_date: Date;
          duration_minutes: number;
          service_types: string[];
          programme: "RFD" | "SCD";
          point_id: string;
          organisation_id: string;
          citizen_id: string;
          fiscal_code_hash: string | null;
          document_hash: string | null;
          rating: number | null;
        }>
      >`
        SELECT r.id, r.source_kind::text AS source_kind, r.source_key, r.course_session_id, r.service_date,
               r.duration_minutes, r.service_types, r.programme::text AS programme, r.point_id,
               p.organisation_id, r.citizen_id, mp.fiscal_code_hash, mp.document_hash, r.rating
        FROM service_record r
        JOIN point p ON p.id = r.point_id
        LEFT JOIN monitoring_profile mp ON mp.citizen_id = r.citizen_id
        WHERE r.service_date BETWEEN ${fromLocalDate(period.from)}::date AND ${fromLocalDate(period.to)}::date
          AND (${pointId ?? null}::uuid IS NULL OR r.point_id = ${pointId ?? null}::uuid)
        ORDER BY r.service_date, r.id`;
      return rows.map(
        (row): ServiceFact => ({
          recordId: row.id,
          serviceRef:
            row.source_kind === "course" && row.course_session_id ? `course:${row.course_session_id}` : row.source_key,
          date: toLocalDate(row.service_date),
          durationMinutes: row.duration_minutes,
          serviceTypes: row.service_types,
          programme: row.programme,
          pointId: row.point_id,
          organisationId: row.organisation_id,
          citizen: { id: row.citizen_id, fiscalCodeHash: row.fiscal_code_hash, documentHash: row.document_hash },
          rating: row.rating,
          groupSessionId: row.source_kind === "course" ? row.course_session_id : null,
        }),
      );
    },

    async courseSessions(period, pointId) {
      if (pointId !== undefined && !isUuid(pointId)) return [];
      // held: its attendance gave at least one service record (a session nobody came to, or whose
      // attendance was never recorded, gives no hours)
      const rows = await db.$queryRaw<
        Array<{ id: string; day: Date; minutes: number; point_id: string; organisation_id: string }>
      >`
        SELECT s.id, (s.starts_at AT TIME ZONE ${ZONE})::date AS day,
               (EXTRACT(EPOCH FROM (s.ends_at - s.starts_at)) / 60)::int AS minutes, s.point_id, p.organisation_id
        FROM course_session s JOIN point p ON p.id = s.point_id
        WHERE s.cancelled_at IS NULL
          AND EXISTS (SELECT 1 FROM service_record r WHERE r.course_session_id = s.id)
          AND (s.starts_at AT TIME ZONE ${ZONE})::date BETWEEN ${fromLocalDate(period.from)}::date AND ${fromLocalDate(period.to)}::date
          AND (${pointId ?? null}::uuid IS NULL OR s.point_id = ${pointId ?? null}::uuid)`;
      return rows.map(
        (row): CourseSessionFact => ({
          sessionId: row.id,
          date: toLocalDate(row.day),
          durationMinutes: row.minutes,
          pointId: row.point_id,
          organisationId: row.organisation_id,
        }),
      );
    },

    async noShows(period, pointId) {
      if (pointId !== undefined && !isUuid(pointId)) return [];
      const rows = await db.$queryRaw<Array<{ id: string; day: Date; point_id: string; organisation_id: string }>>`
        SELECT b.id, (b.starts_at AT TIME ZONE ${ZONE})::date AS day, b.point_id, p.organisation_id
        FROM booking b JOIN point p ON p.id = b.point_id
        WHERE b.status = 'no_show'
          AND (b.starts_at AT TIME ZONE ${ZONE})::date BETWEEN ${fromLocalDate(period.from)}::date AND ${fromLocalDate(period.to)}::date
          AND (${pointId ?? null}::uuid IS NULL OR b.point_id = ${pointId ?? null}::uuid)`;
      return rows.map(
        (row): NoShowFact => ({
          bookingId: row.id,
          date: toLocalDate(row.day),
          pointId: row.point_id,
          organisationId: row.organisation_id,
        }),
      );
    },

    async targets(pointIds) {
      const ids = pointIds?.filter(isUuid);
      const rows = await db.pointTarget.findMany({
        where: ids ? { pointId: { in: ids } } : {},
        include: { point: { select: { milestones: { orderBy: { by: "asc" } } } } },
      });
      return new Map(
        rows.map((row): [string, PointTarget] => [
          row.pointId,
          {
            target: row.target,
            start: toLocalDate(row.start),
            milestones: row.point.milestones.map((m) => ({ by: toLocalDate(m.by), citizens: m.citizens })),
          },
        ]),
      );
    },

    async setTarget(pointId, target) {
      await db.pointTarget.upsert({
        where: { pointId },
        create: { pointId, target: target.target, start: fromLocalDate(target.start) },
        update: { target: target.target, start: fromLocalDate(target.start) },
      });
      await db.pointMilestone.deleteMany({ where: { pointId } });
      if (target.milestones.length > 0) {
        await db.pointMilestone.createMany({
          data: target.milestones.map((m) => ({ pointId, by: fromLocalDate(m.by), citizens: m.citizens })),
        });
      }
    },

    async names() {
      const [points, organisations] = await Promise.all([
        db.point.findMany({ select: { id: true, name: true, organisationId: true, active: true } }),
        db.organisation.findMany({ select: { id: true, name: true } }),
      ]);
      return {
        points: new Map(
          points.map((p) => [p.id, { name: p.name, organisationId: p.organisationId, active: p.active }]),
        ),
        organisations: new Map(organisations.map((o) => [o.id, o.name])),
      };
    },
  };
}
