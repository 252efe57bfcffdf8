import { z } from "zod";
import { AREAS } from "./digcomp.js";

/**
 * DigCompSAT's bands over a percentage: low 0-29, foundation 30-47, intermediate 48-80,
 * advanced 81-100 (shared/reference/digcomp.md). Said to citizens as "primi passi", "base",
 * "intermedio", "avanzato".
 */
export const BANDS = ["low", "foundation", "intermediate", "advanced"] as const;
export type Band = (typeof BANDS)[number];

export function bandOf(pct: number): Band {
  if (pct >= 81) return "advanced";
  if (pct >= 48) return "intermediate";
  if (pct >= 30) return "foundation";
  return "low";
}

export function bandRank(band: Band): number {
  return BANDS.indexOf(band);
}

const pct = z.number().int().min(0).max(100);

/** A scored test, as stored with the citizen's answers (the JSON column is read back through this). */
export const resultSchema = z.object({
  areas: z.array(z.object({ area: z.enum(AREAS), pct, band: z.enum(BANDS) })).length(AREAS.length),
  overall: z.object({ pct, band: z.enum(BANDS) }),
  /** Per SE5 competence code, in the bank's order. */
  competences: z.array(
    z.object({ se5: z.number().int().min(1).max(13), area: z.enum(AREAS), pct, band: z.enum(BANDS) }),
  ),
  /** Up to three SE5 codes, weakest first; never one at "advanced". */
  weakest: z.array(z.number().int().min(1).max(13)).max(3),
  /** The screening limited the test to the basic items. */
  basicOnly: z.boolean(),
  /** Screening answers, e.g. { device: "daily", internet: "sometimes" }. */
  screening: z.record(z.string(), z.string()),
});

export type AssessmentResult = z.output<typeof resultSchema>;
