import type { DocumentType } from "../../../core/monitoring/person-key.js";
import type { MonitoringProfileRepository } from "../../../core/monitoring/ports.js";
import { EMPTY_ANSWERS, type StoredProfile } from "../../../core/monitoring/profile.js";
import { isUuid } from "../../../core/validation.js";
import type { Prisma, MonitoringProfile as ProfileRow } from "../generated/client.js";
import type { DbClient } from "./prisma-types.js";

function toProfile(row: ProfileRow): StoredProfile {
  return {
    citizenId: row.citizenId,
    state: row.state,
    filledBy: row.filledBy,
    hasFiscalCode: row.fiscalCodeSealed !== null,
    noFiscalCode: row.noFiscalCode,
    documentType: (row.documentType as DocumentType | null) ?? null,
    hasDocument: row.documentNumberSealed !== null,
    fiscalCodeHash: row.fiscalCodeHash,
    documentHash: row.documentHash,
    gender: row.gender,
    ageBand: row.ageBand,
    education: row.education,
    employment: row.employment,
    citizenship: row.citizenship,
    province: row.province,
    firstTime: row.firstTime,
    previousServices: row.previousServices,
    heardFrom: row.heardFrom,
    reasons: row.reasons,
    completedAt: row.completedAt,
  };
}

export function prismaMonitoringProfileRepository(db: DbClient): MonitoringProfileRepository {
  return {
    async find(citizenId) {
      if (!isUuid(citizenId)) return null;
      const row = await db.monitoringProfile.findUnique({ where: { citizenId } });
      return row ? toProfile(row) : null;
    },

    async save(citizenId, patch, by) {
      const data: Prisma.MonitoringProfileUncheckedUpdateInput = {
        filledBy: by.kind,
        facilitatorId: by.kind === "facilitator" ? by.facilitatorId : undefined,
      };
      const { fiscalCode, document, ...plain } = patch;
      Object.assign(data, plain);
      if (fiscalCode) {
        // one identifier per person: a codice fiscale replaces a document given before
        Object.assign(data, {
          fiscalCodeSealed: fiscalCode.sealed,
          fiscalCodeKeyId: fiscalCode.keyId,
          fiscalCodeHash: fiscalCode.hash,
          documentType: null,
          documentNumberSealed: null,
          documentKeyId: null,
          documentHash: null,
        });
      }
      if (document) {
        Object.assign(data, {
          documentType: document.type,
          documentNumberSealed: document.sealed,
          documentKeyId: document.keyId,
          documentHash: document.hash,
          fiscalCodeSealed: null,
          fiscalCodeKeyId: null,
          fiscalCodeHash: null,
        });
      }
      const create = { ...(data as Prisma.MonitoringProfileUncheckedCreateInput), citizenId, filledBy: by.kind };
      const row = await db.monitoringProfile.upsert({ where: { citizenId }, create, update: data });
      return toProfile(row);
    },

    async citizensWithPersonKey(personKey) {
      const rows = await db.monitoringProfile.findMany({
        where: { OR: [{ fiscalCodeHash: personKey }, { documentHash: personKey }], state: { not: "erased" } },
        select: { citizenId: true },
        orderBy: { createdAt: "asc" },
      });
      return rows.map((row) => row.citizenId);
    },

    async erase(citizenId, token) {
      if (!isUuid(citizenId)) return;
      await db.monitoringProfile.updateMany({
        where: { citizenId },
        data: {
          state: "erased",
          fiscalCodeSealed: null,
          fiscalCodeKeyId: null,
          // the counting key: one random token, so past services still count this person once
          fiscalCodeHash: token,
          documentType: null,
          documentNumberSealed: null,
          documentKeyId: null,
          documentHash: null,
          noFiscalCode: false,
          // every answer of core's profile wiped (core/monitoring/profile.ts keeps the list)
          ...EMPTY_ANSWERS,
          interests: null,
          problemSolving: [],
          facilitatorId: null,
        },
      });
    },

    async sealedBatch(afterCitizenId, limit) {
      const rows = await db.monitoringProfile.findMany({
        where: {
          ...(afterCitizenId ? { citizenId: { gt: afterCitizenId } } : {}),
          OR: [{ fiscalCodeSealed: { not: null } }, { documentNumberSealed: { not: null } }],
        },
        select: { citizenId: true, fiscalCodeSealed: true, documentNumberSealed: true },
        orderBy: { citizenId: "asc" },
        take: limit,
      });
      return rows.map((row) => ({
        citizenId: row.citizenId,
        fiscalCode: row.fiscalCodeSealed,
        documentNumber: row.documentNumberSealed,
      }));
    },

    async replaceSealed(citizenId, values) {
      let replaced = false;
      if (values.fiscalCode) {
        const { count } = await db.monitoringProfile.updateMany({
          where: { citizenId, fiscalCodeSealed: values.fiscalCode.from },
          data: { fiscalCodeSealed: values.fiscalCode.sealed, fiscalCodeKeyId: values.fiscalCode.keyId },
        });
        replaced ||= count > 0;
      }
      if (values.documentNumber) {
        const { count } = await db.monitoringProfile.updateMany({
          where: { citizenId, documentNumberSealed: values.documentNumber.from },
          data: { documentNumberSealed: values.documentNumber.sealed, documentKeyId: values.documentNumber.keyId },
        });
        replaced ||= count > 0;
      }
      return replaced;
    },
  };
}
