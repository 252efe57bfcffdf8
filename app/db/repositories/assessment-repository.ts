import { z } from "zod";
import type { AssessmentRepository, StoredAssessment } from "../../../core/assessment/ports.js";
import { resultSchema } from "../../../core/assessment/result.js";
import { isUuid } from "../../../core/validation.js";
import type { Assessment as AssessmentRow, Prisma } from "../generated/client.js";
import { fromLocalDate, toLocalDate } from "./mapping.js";
import type { DbClient } from "./prisma-types.js";

const answersSchema = z.array(z.object({ q: z.string(), a: z.string() }));

/** The JSON columns are read back through core's schemas: a damaged row fails loudly. */
function toAssessment(row: AssessmentRow): StoredAssessment {
  return {
    id: row.id,
    citizenId: row.citizenId,
    bankVersion: row.bankVersion,
    language: row.language,
    takenOn: toLocalDate(row.takenOn),
    completedAt: row.completedAt,
    answers: answersSchema.parse(row.answers),
    result: resultSchema.parse(row.result),
  };
}

export function prismaAssessmentRepository(db: DbClient): AssessmentRepository {
  return {
    async saveForDay(input) {
      const data = {
        bankVersion: input.bankVersion,
        language: input.language,
        completedAt: input.completedAt,
        // plain JSON values, checked again by the schemas above when read
        answers: input.answers as unknown as Prisma.InputJsonValue,
        result: input.result as unknown as Prisma.InputJsonValue,
        overallPct: input.result.overall.pct,
        weakestCompetences: input.result.weakest,
      };
      const takenOn = fromLocalDate(input.takenOn);
      // INSERT … ON CONFLICT (citizen_id, taken_on) DO UPDATE: a retake the same day replaces it
      const row = await db.assessment.upsert({
        where: { citizenId_takenOn: { citizenId: input.citizenId, takenOn } },
        create: { citizenId: input.citizenId, takenOn, ...data },
        update: data,
      });
      return toAssessment(row);
    },

    async latestForCitizen(citizenId, options = {}) {
      if (!isUuid(citizenId)) return null;
      const row = await db.assessment.findFirst({
        where: { citizenId, ...(options.before ? { takenOn: { lt: fromLocalDate(options.before) } } : {}) },
        orderBy: { completedAt: "desc" },
      });
      return row ? toAssessment(row) : null;
    },

    async latestForCitizens(citizenIds) {
      const ids = citizenIds.filter(isUuid);
      if (ids.length === 0) return new Map();
      const rows = await db.assessment.findMany({
        where: { citizenId: { in: ids } },
        orderBy: [{ citizenId: "asc" }, { completedAt: "desc" }],
        distinct: ["citizenId"],
      });
      return new Map(rows.map((row) => [row.citizenId, toAssessment(row)]));
    },

    async deleteForCitizen(citizenId) {
      if (!isUuid(citizenId)) return 0;
      const { count } = await db.assessment.deleteMany({ where: { citizenId } });
      return count;
    },
  };
}
