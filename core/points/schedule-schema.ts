import { z } from "zod";
import { isLocalDate } from "../time/local-date.js";
import { isLocalTime, minutesOfDay } from "../time/local-time.js";
import { validationError } from "../time/validation-error.js";
import type { PointSchedule } from "./types.js";

/** The booking grid unit: opening times must fall on it. */
export const GRID_MINUTES = 15;

const localDate = z.string().refine(isLocalDate, { error: "must be a real date written YYYY-MM-DD" });
const localTime = z
  .string()
  .refine(isLocalTime, { error: "must be a time written HH:MM (00:00-23:59)", abort: true })
  .refine((t) => minutesOfDay(t) % GRID_MINUTES === 0, { error: "must be on the 15-minute grid (:00 :15 :30 :45)" });

interface Span {
  opens: string;
  closes: string;
}

/** Minutes of a well-formed window, or null (its own issues are reported elsewhere). */
function minutes(span: Span): { from: number; to: number } | null {
  if (!isLocalTime(span.opens) || !isLocalTime(span.closes)) return null;
  const from = minutesOfDay(span.opens);
  const to = minutesOfDay(span.closes);
  return from < to ? { from, to } : null;
}

function opensBeforeCloses(span: Span, ctx: z.RefinementCtx): void {
  if (isLocalTime(span.opens) && isLocalTime(span.closes) && minutesOfDay(span.opens) >= minutesOfDay(span.closes)) {
    ctx.addIssue({ code: "custom", message: "opens must be before closes", path: ["closes"] });
  }
}

/** Reports, on the later item, every pair of items (of the same group) whose hours overlap. */
function noOverlaps(items: Array<{ span: Span; path: PropertyKey[] }>, ctx: z.RefinementCtx, what: string): void {
  for (let i = 0; i < items.length; i++) {
    for (let j = i + 1; j < items.length; j++) {
      const a = items[i];
      const b = items[j];
      const ma = a && minutes(a.span);
      const mb = b && minutes(b.span);
      if (b && ma && mb && ma.from < mb.to && mb.from < ma.to) {
        ctx.addIssue({ code: "custom", message: `${what} overlap`, path: b.path });
      }
    }
  }
}

const span = z.object({ opens: localTime, closes: localTime }).superRefine(opensBeforeCloses);

const openingWindow = z
  .object({ weekday: z.literal([1, 2, 3, 4, 5, 6, 7]), shift: z.literal([1, 2]), opens: localTime, closes: localTime })
  .superRefine(opensBeforeCloses);

const specialHours = z
  .object({ date: localDate, windows: z.array(span).max(2, { error: "at most two windows a day" }) })
  .superRefine((special, ctx) => {
    noOverlaps(
      special.windows.map((w, i) => ({ span: w, path: ["windows", i] })),
      ctx,
      "special windows",
    );
  });

const closure = z.object({ from: localDate, to: localDate, reason: z.string() }).superRefine((c, ctx) => {
  if (isLocalDate(c.from) && isLocalDate(c.to) && c.from > c.to) {
    ctx.addIssue({ code: "custom", message: "closure ends before it starts", path: ["to"] });
  }
});

const localHoliday = z
  .object({ month: z.int().min(1).max(12), day: z.int().min(1).max(31), name: z.string().trim().min(1) })
  .superRefine((h, ctx) => {
    // Any year: 29 February is allowed (it then applies in leap years only).
    if (!isLocalDate(`2024-${String(h.month).padStart(2, "0")}-${String(h.day).padStart(2, "0")}`)) {
      ctx.addIssue({ code: "custom", message: "no such day in that month", path: ["day"] });
    }
  });

const visit = z
  .object({
    id: z.string().min(1),
    siteId: z.string().min(1),
    date: localDate,
    opens: localTime,
    closes: localTime,
  })
  .superRefine(opensBeforeCloses);

/** The zod schema of a `PointSchedule` with every rule of `validateSchedule`. */
export const pointScheduleSchema = z
  .object({
    kind: z.enum(["fixed", "itinerant"]),
    weekly: z.array(openingWindow),
    special: z.array(specialHours),
    closures: z.array(closure),
    localHolidays: z.array(localHoliday),
    visits: z.array(visit),
  })
  .superRefine((schedule, ctx) => {
    for (let weekday = 1; weekday <= 7; weekday++) {
      const day = schedule.weekly.map((w, i) => ({ w, i })).filter(({ w }) => w.weekday === weekday);
      if (day.length > 2) {
        ctx.addIssue({ code: "custom", message: `more than two shifts on weekday ${weekday}`, path: ["weekly"] });
      }
      const shifts = new Set<number>();
      for (const { w, i } of day) {
        if (shifts.has(w.shift)) {
          ctx.addIssue({
            code: "custom",
            message: `shift ${w.shift} twice on weekday ${weekday}`,
            path: ["weekly", i],
          });
        }
        shifts.add(w.shift);
      }
      noOverlaps(
        day.map(({ w, i }) => ({ span: w, path: ["weekly", i] })),
        ctx,
        `shifts of weekday ${weekday}`,
      );
      const first = day.find(({ w }) => w.shift === 1);
      const second = day.find(({ w }) => w.shift === 2);
      const m1 = first && minutes(first.w);
      const m2 = second && minutes(second.w);
      if (second && m1 && m2 && m1.from > m2.from) {
        ctx.addIssue({ code: "custom", message: "shift 1 must come before shift 2", path: ["weekly", second.i] });
      }
    }

    const specialDates = new Set<string>();
    schedule.special.forEach((s, i) => {
      if (specialDates.has(s.date))
        ctx.addIssue({ code: "custom", message: "special hours twice", path: ["special", i] });
      specialDates.add(s.date);
    });

    const visitIds = new Set<string>();
    schedule.visits.forEach((v, i) => {
      if (visitIds.has(v.id))
        ctx.addIssue({ code: "custom", message: "duplicate visit id", path: ["visits", i, "id"] });
      visitIds.add(v.id);
    });
    for (const date of new Set(schedule.visits.map((v) => v.date))) {
      noOverlaps(
        schedule.visits.flatMap((v, i) => (v.date === date ? [{ span: v, path: ["visits", i] }] : [])),
        ctx,
        "visits on the same date",
      );
    }
  });

/**
 * Checks a schedule and returns it typed (unknown keys dropped): real dates, "HH:MM" times on the
 * 15-minute grid, opens < closes, at most two non-overlapping weekly shifts a weekday (shift 1
 * first, each shift number once), at most two non-overlapping windows per special date and one
 * entry per date, closures with from ≤ to, local holidays that exist, visits with ids, unique ids
 * and no overlap on the same date. Throws a "validation" SportelloError listing every problem.
 */
export function validateSchedule(input: unknown): PointSchedule {
  const result = pointScheduleSchema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({
    path: issue.path.map(String).join("."),
    message: issue.message,
  }));
  throw validationError(
    `invalid point schedule: ${issues.map((i) => `${i.path || "(root)"}: ${i.message}`).join("; ")}`,
    "Gli orari del punto non sono validi: usa HH:MM a quarti d'ora, con l'apertura prima della chiusura e turni che non si sovrappongono.",
    { issues },
  );
}
