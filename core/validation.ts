import { z } from "zod";
import { isLocalDate } from "./time/local-date.js";
import { validationError } from "./time/validation-error.js";

/** A real calendar date written "YYYY-MM-DD" (2026-02-30 is refused). */
export const localDateSchema = z.string().refine(isLocalDate, "must be a real YYYY-MM-DD date");

const UUID = z.string().uuid();

/** True for a well-formed UUID: check ids before they reach a `::uuid` cast. */
export function isUuid(value: string): boolean {
  return UUID.safeParse(value).success;
}

/**
 * Validates the input of a domain operation. A failure names the fields (never their values,
 * which may be personal) in the internal message and says a short kind sentence to the user.
 */
export function parseInput<S extends z.ZodType>(schema: S, raw: unknown, operation: string): z.output<S> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const fields = [...new Set(result.error.issues.map((issue) => issue.path.join(".") || "(input)"))];
  throw validationError(
    `${operation}: invalid ${fields.join(", ")}`,
    "Non ho capito alcuni dati. Riprova, per favore.",
    {
      fields,
    },
  );
}
