import type { z } from "zod";
import { SportelloError } from "./errors.js";

/**
 * Validates the input of a domain operation. A failure names the fields (never their values,
 * which may be personal) in the internal message and says a short kind sentence to the user.
 */
export function parseInput<S extends z.ZodType>(schema: S, raw: unknown, operation: string): z.output<S> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const fields = [...new Set(result.error.issues.map((issue) => issue.path.join(".") || "(input)"))];
  throw new SportelloError({
    code: "validation",
    message: `${operation}: invalid ${fields.join(", ")}`,
    userMessage: "Non ho capito alcuni dati. Riprova, per favore.",
    details: { fields },
  });
}
