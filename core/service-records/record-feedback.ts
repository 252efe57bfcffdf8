import { z } from "zod";
import { SportelloError } from "../errors.js";
import { canonicalCodes } from "../monitoring/codes.js";
import type { CoreDeps } from "../ports.js";
import { validationError } from "../time/validation-error.js";
import { parseInput } from "../validation.js";
import type { ServiceRecord } from "./service-record.js";

const feedbackInput = z.object({
  recordId: z.string().uuid(),
  /** ES6 */
  rating: z.number().int().min(1).max(5),
  /** ES3 */
  wouldReturn: z.array(z.string()).default([]),
});

/**
 * The citizen's answer to "Com'è andata?" (ES6) and "Torneresti?" (ES3), stored on the record.
 * The first answer stays: a second tap on an old button returns `stored: false`.
 */
export async function recordServiceFeedback(
  deps: Pick<CoreDeps, "transaction" | "clock">,
  raw: z.input<typeof feedbackInput>,
): Promise<{ record: ServiceRecord; stored: boolean }> {
  const input = parseInput(feedbackInput, raw, "recordServiceFeedback");
  const checked = canonicalCodes("ES3", input.wouldReturn);
  if (!checked.ok) throw validationError(`recordServiceFeedback: ES3 ${checked.problem}`, "Non ho capito la risposta.");
  return deps.transaction(async (repos) => {
    const result = await repos.serviceRecords.setFeedbackOnce(input.recordId, {
      rating: input.rating,
      wouldReturn: checked.codes,
      at: deps.clock.now(),
    });
    if (!result) {
      throw new SportelloError({
        code: "not_found",
        message: "recordServiceFeedback: no such record",
        userMessage: "Non trovo più questo incontro. Grazie lo stesso!",
      });
    }
    return { record: result.record, stored: result.updated };
  });
}
