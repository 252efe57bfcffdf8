import { z } from "zod";
import { canonicalCodes } from "../monitoring/codes.js";
import { validationError } from "../time/validation-error.js";

/**
 * What a facilitator says when closing a session, in the national platform's codes: duration
 * (SE2, minutes), service types (SE3), competences (SE5), public services (SE6), a note (SE7).
 */
export const closingSchema = z.object({
  durationMinutes: z.number().int().min(1).max(600),
  serviceTypes: z.array(z.string()).min(1),
  competences: z.array(z.number().int()).default([]),
  publicServices: z.array(z.string()).default([]),
  note: z.string().max(2000).nullable().default(null),
});

export type ClosingDetails = z.output<typeof closingSchema>;

/** The codes checked and made canonical now, so a worker never meets a bad one later. */
export function checkedClosing(details: ClosingDetails): ClosingDetails {
  const check = (field: "SE3" | "SE5" | "SE6", values: readonly (string | number)[]) => {
    const result = canonicalCodes(field, values);
    if (!result.ok) throw validationError(`closing: ${field} ${result.problem}`, "Uno dei codici non è valido.");
    return result.codes;
  };
  return {
    ...details,
    serviceTypes: check("SE3", details.serviceTypes),
    competences: check("SE5", details.competences).map(Number),
    publicServices: check("SE6", details.publicServices),
  };
}
