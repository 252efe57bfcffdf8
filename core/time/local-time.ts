import type { LocalTime } from "../points/types.js";
import { validationError } from "./validation-error.js";

/** Exactly two digits, a colon, two digits: "09:00" yes, "9:00" and "09:00:00" no. */
const LOCAL_TIME = /^(\d{2}):(\d{2})$/;

export interface TimeParts {
  hour: number;
  minute: number;
}

function toParts(value: string): TimeParts | null {
  const match = LOCAL_TIME.exec(value);
  if (!match) return null;
  const hour = Number(match[1]);
  const minute = Number(match[2]);
  if (hour > 23 || minute > 59) return null;
  return { hour, minute };
}

/** True for a time of day written exactly "HH:MM", from "00:00" to "23:59" ("24:00" is false). */
export function isLocalTime(value: unknown): value is LocalTime {
  return typeof value === "string" && toParts(value) !== null;
}

/** Hour and minute of an "HH:MM" time; throws a validation error otherwise. */
export function parseLocalTime(value: string): TimeParts {
  const parts = toParts(value);
  if (!parts) {
    throw validationError(
      "invalid local time (expected HH:MM from 00:00 to 23:59)",
      "Orario non valido: scrivilo come HH:MM, per esempio 09:30.",
    );
  }
  return parts;
}

/** Minutes since midnight on the wall clock ("09:30" → 570). Not real elapsed time on DST days. */
export function minutesOfDay(time: LocalTime): number {
  const { hour, minute } = parseLocalTime(time);
  return hour * 60 + minute;
}

/** True when the time falls on the 15-minute booking grid (:00, :15, :30, :45). */
export function isOnQuarterHour(time: LocalTime): boolean {
  return minutesOfDay(time) % 15 === 0;
}
