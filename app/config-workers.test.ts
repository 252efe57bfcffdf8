import { describe, expect, it } from "vitest";
import { SportelloError } from "../core/errors.js";
import { parseConfig } from "./config.js";

const refusal = (env: Record<string, string>) => {
  try {
    parseConfig(env);
  } catch (error) {
    return error instanceof SportelloError ? error.message : String(error);
  }
  return "accepted";
};

describe("workers, reminders and admin settings", () => {
  it("default to reminders the day before and 2 hours before, quiet 21:00-08:00, 30 Telegram messages a second", () => {
    const config = parseConfig({});
    expect(config.workersEnabled).toBe(true);
    expect(config.messaging.reminderOffsets.map((o) => o.token)).toEqual(["1d", "2h"]);
    expect(config.messaging.quietHours).toEqual({ start: "21:00", end: "08:00" });
    expect(config.workers).toMatchObject({
      telegramPerSecond: 30,
      telegramChatGapMs: 1000,
      leaseMs: 120_000,
      timeZone: "Europe/Rome",
    });
    expect(config.admin.token).toBeUndefined();
  });

  it("read other offsets, no quiet hours, WORKERS=off and an admin token", () => {
    const config = parseConfig({
      REMINDER_OFFSETS: "3h, 2d",
      REMINDER_QUIET_HOURS: "off",
      WORKERS: "off",
      ADMIN_TOKEN: "a-long-random-admin-secret-0123456789",
      TELEGRAM_MAX_PER_SECOND: "100",
    });
    expect(config.messaging.reminderOffsets.map((o) => o.token)).toEqual(["2d", "3h"]);
    expect(config.messaging.quietHours).toBeNull();
    expect(config.workersEnabled).toBe(false);
    expect(config.workers.telegramPerSecond).toBe(100);
    expect(parseConfig({ REMINDER_OFFSETS: "off" }).messaging.reminderOffsets).toEqual([]);
  });

  it("refuse bad values naming the variable, and never echo the admin token", () => {
    expect(refusal({ REMINDER_OFFSETS: "domani" })).toContain('REMINDER_OFFSETS must be durations like "1d,2h"');
    expect(refusal({ REMINDER_QUIET_HOURS: "21-8" })).toContain("REMINDER_QUIET_HOURS must be a range");
    expect(refusal({ TELEGRAM_CHAT_GAP_MS: "200" })).toContain("TELEGRAM_CHAT_GAP_MS must be between 1000");
    expect(refusal({ RECONCILE_EVERY_MINUTES: "10", MESSAGE_LOOKAHEAD_MINUTES: "10" })).toContain(
      "RECONCILE_EVERY_MINUTES must be shorter than MESSAGE_LOOKAHEAD_MINUTES",
    );
    expect(refusal({ MESSAGE_LEASE_SECONDS: "40" })).toContain(
      "MESSAGE_LEASE_SECONDS must be longer than the longest send",
    );
    const short = refusal({ ADMIN_TOKEN: "secret" });
    expect(short).toContain("ADMIN_TOKEN must be 24-256 printable characters");
    expect(short).not.toContain('"secret"');
  });
});
