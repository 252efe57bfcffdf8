import { SportelloError } from "../errors.js";

/**
 * A `SportelloError` with code "validation": `message` is internal English (never the offending
 * value, which may be user text), `userMessage` short plain Italian.
 */
export function validationError(
  message: string,
  userMessage: string,
  details?: Record<string, unknown>,
): SportelloError {
  return new SportelloError({ code: "validation", message, userMessage, details });
}
