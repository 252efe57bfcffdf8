import { z } from "zod";
import { isLocalTime } from "../time/local-time.js";

/**
 * How long before an appointment a reminder goes: whole days ("1d": the same wall-clock time that
 * many local days before, so 23 or 25 hours across a DST change) or hours/minutes ("2h", "90m":
 * real elapsed time). The token names the reminder in its dedupe key.
 */
export interface ReminderOffset {
  token: string;
  days: number;
  minutes: number;
}

const OFFSET = /^(\d{1,3})([dhm])$/;

/** "1d,2h" → the offsets, longest first; throws on anything else. */
export function parseReminderOffsets(text: string): ReminderOffset[] {
  const tokens = text
    .split(",")
    .map((t) => t.trim().toLowerCase())
    .filter(Boolean);
  const offsets = tokens.map((token) => {
    const match = OFFSET.exec(token);
    if (!match) throw new Error(`"${token}" is not a duration like 1d, 2h or 90m`);
    const value = Number(match[1]);
    if (value === 0) throw new Error(`"${token}" must be more than zero`);
    return match[2] === "d"
      ? { token, days: value, minutes: 0 }
      : { token, days: 0, minutes: match[2] === "h" ? value * 60 : value };
  });
  if (new Set(offsets.map((o) => o.token)).size !== offsets.length) throw new Error("the same offset is listed twice");
  return offsets.sort((a, b) => b.days * 1440 + b.minutes - (a.days * 1440 + a.minutes));
}

const localTime = z.string().refine(isLocalTime, "must be HH:MM");

export const messagingPolicySchema = z.object({
  /** Reminders before each booking; empty: no reminders. */
  reminderOffsets: z
    .array(z.object({ token: z.string(), days: z.number().int().min(0), minutes: z.number().int().min(0) }))
    .default(parseReminderOffsets("1d,2h")),
  /** Local hours when no reminder is delivered (start ≤ t < end, across midnight when start > end); null: none. */
  quietHours: z.object({ start: localTime, end: localTime }).nullable().default({ start: "21:00", end: "08:00" }),
  /** A remote booking still unconfirmed this many hours before its start goes to the point's capo team. */
  escalationHours: z.number().int().min(1).max(72).default(3),
});

export type MessagingPolicy = z.output<typeof messagingPolicySchema>;

export const DEFAULT_MESSAGING_POLICY: MessagingPolicy = messagingPolicySchema.parse({});
