import { z } from "zod";
import { programmeOf } from "../facilitators/roles.js";
import type { CodedFieldName } from "../monitoring/answer-options.js";
import { canonicalCodes } from "../monitoring/codes.js";
import type { CoreDeps, Repositories } from "../ports.js";
import { validationError } from "../time/validation-error.js";
import { localDateAt } from "../time/zoned-time.js";
import { parseInput } from "../validation.js";
import type { ServiceRecord } from "./service-record.js";

/** SE7 is cut here on the platform (never splitting a character). */
export const DESCRIPTION_MAX = 600;

const uuid = z.string().uuid();

const sourceSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("booking"), bookingId: uuid }),
  z.object({ kind: z.literal("walk_in"), walkInId: uuid }),
  z.object({ kind: z.literal("course"), sessionId: uuid, citizenId: uuid }),
]);

const recordInput = z.object({
  source: sourceSchema,
  citizenId: uuid,
  pointId: uuid,
  siteId: uuid.nullable().default(null),
  facilitatorId: uuid,
  /** The facilitator's role at the point: a Servizio Civile Digitale volunteer's work is SCD. */
  facilitatorRole: z.enum(["facilitator", "team_lead", "scd_volunteer"]),
  startedAt: z.date(),
  durationMinutes: z.number().int().min(1).max(5999),
  serviceTypes: z.array(z.string()).min(1),
  areas: z.array(z.string()).default([]),
  competences: z.array(z.number().int()).default([]),
  publicServices: z.array(z.string()).default([]),
  description: z.string().max(20_000).nullable().default(null),
});

export type RecordServiceInput = z.input<typeof recordInput>;

function codes(field: CodedFieldName, values: readonly (string | number)[]): string[] {
  const checked = canonicalCodes(field, values);
  if (!checked.ok) {
    throw validationError(`recordService: ${field} ${checked.problem}`, "Uno dei codici del servizio non è valido.", {
      field,
    });
  }
  return checked.codes;
}

/** Spaces and line breaks made one space, trimmed, cut at 600 characters; empty becomes null. */
export function cleanDescription(text: string | null): string | null {
  if (text === null) return null;
  const clean = [...text.replace(/\s+/g, " ").trim()].slice(0, DESCRIPTION_MAX).join("").trim();
  return clean === "" ? null : clean;
}

/**
 * Writes the one service record of a booking, a walk-in entry or a citizen's attendance of a
 * course session. Idempotent: called again for the same source (a job retried, two facilitators
 * closing the same session) it returns the stored record with `created: false` and changes nothing.
 * Pass `repos` to write inside a transaction already open.
 */
export async function recordService(
  deps: Pick<CoreDeps, "transaction" | "timeZone">,
  raw: RecordServiceInput,
  repos?: Repositories,
): Promise<{ record: ServiceRecord; created: boolean }> {
  const input = parseInput(recordInput, raw, "recordService");
  if (input.source.kind === "course" && input.source.citizenId !== input.citizenId) {
    throw validationError(
      "recordService: course source of another citizen",
      "Questo servizio non è di questa persona.",
    );
  }
  const record = {
    source: input.source,
    citizenId: input.citizenId,
    pointId: input.pointId,
    siteId: input.siteId,
    facilitatorId: input.facilitatorId,
    programme: programmeOf(input.facilitatorRole),
    serviceDate: localDateAt(input.startedAt, deps.timeZone),
    startedAt: input.startedAt,
    durationMinutes: input.durationMinutes,
    serviceTypes: codes("SE3", input.serviceTypes),
    areas: codes("SE4", input.areas),
    competences: codes("SE5", input.competences).map(Number),
    publicServices: codes("SE6", input.publicServices).filter((code) => code !== "S"),
    description: cleanDescription(input.description),
  };
  if (repos) return repos.serviceRecords.createOnce(record);
  return deps.transaction((tx) => tx.serviceRecords.createOnce(record));
}
