import { describe, expect, it } from "vitest";
import { SportelloError } from "../core/errors.js";
import { parseConfig } from "./config.js";

function errorOf(env: Record<string, string>): SportelloError {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof SportelloError) return error;
    throw error;
  }
  throw new Error("expected parseConfig to throw");
}

describe("parseConfig", () => {
  it("gives working defaults for an empty environment", () => {
    const config = parseConfig({});
    expect(config.http.port).toBe(3000);
    expect(config.timeZone).toBe("Europe/Rome");
    expect(config.redis.url).toBe("redis://127.0.0.1:6379");
    expect(config.database.url).toBeUndefined();
    expect(config.telegram.token).toBeUndefined();
    expect(config.webChat.enabled).toBe(true);
    expect(config.booking).toEqual({
      minNoticeMinutes: 120,
      horizonDays: 30,
      maxOpenBookings: 3,
      changeMinNoticeMinutes: 60,
      waitlistOfferMinutes: 120,
    });
  });

  it("trusts no proxy by default, and parses a list of addresses and CIDR ranges", () => {
    const plain = parseConfig({});
    expect(plain.http.trustedProxies).toEqual([]);
    expect(plain.webChat).toEqual({ enabled: true, newSessionsPerHour: 60, messagesPerMinute: 300 });
    expect(parseConfig({ TRUSTED_PROXY: " 127.0.0.1, ::1 ,10.0.0.0/8," }).http.trustedProxies).toEqual([
      "127.0.0.1",
      "::1",
      "10.0.0.0/8",
    ]);
    const error = errorOf({ TRUSTED_PROXY: "127.0.0.1, nginx" });
    expect(error.message).toContain(
      'TRUSTED_PROXY must list IP addresses or CIDR ranges: "nginx" is not an IP address',
    );
    expect(() => parseConfig({ WEB_CHAT_NEW_SESSIONS_PER_HOUR: "0" })).toThrow(/WEB_CHAT_NEW_SESSIONS_PER_HOUR/);
    expect(() => parseConfig({ WEB_CHAT_MESSAGES_PER_MINUTE: "many" })).toThrow(/WEB_CHAT_MESSAGES_PER_MINUTE/);
  });

  it("rejects a booking rule out of range", () => {
    expect(() => parseConfig({ BOOKING_HORIZON_DAYS: "0" })).toThrow(/BOOKING_HORIZON_DAYS/);
  });

  it("treats empty values as unset", () => {
    expect(parseConfig({ PORT: "", TELEGRAM_BOT_TOKEN: " " }).http.port).toBe(3000);
  });

  it("rejects a bad port naming the variable and the value", () => {
    const error = errorOf({ PORT: "eighty" });
    expect(error.code).toBe("config_invalid");
    expect(error.message).toContain("PORT must be a whole number");
    expect(error.message).toContain('"eighty"');
  });

  it("lists every bad variable at once", () => {
    const error = errorOf({ PORT: "70000", TIME_ZONE: "Mars/Olympus", LOG_LEVEL: "loud" });
    expect(error.message).toContain("PORT must be between 0 (any free port) and 65535");
    expect(error.message).toContain("TIME_ZONE must be an IANA time zone");
    expect(error.message).toContain("LOG_LEVEL");
    expect(error.details?.variables).toEqual(["PORT", "TIME_ZONE", "LOG_LEVEL"]);
  });

  it("rejects a non-postgres DATABASE_URL without echoing it", () => {
    const error = errorOf({ DATABASE_URL: "mysql://root:hunter2@db/x" });
    expect(error.message).toContain("DATABASE_URL must be a URL like postgresql://");
    expect(error.message).not.toContain("hunter2");
  });

  it("never echoes a malformed bot token", () => {
    const error = errorOf({ TELEGRAM_BOT_TOKEN: "secret-but-wrong" });
    expect(error.message).toContain("TELEGRAM_BOT_TOKEN does not look like a token");
    expect(error.message).not.toContain("secret-but-wrong");
  });

  it("requires a webhook secret in webhook mode", () => {
    const error = errorOf({
      TELEGRAM_BOT_TOKEN: `123456:${"A".repeat(35)}`,
      PUBLIC_URL: "https://sportello.example.org",
    });
    expect(error.message).toContain("TELEGRAM_WEBHOOK_SECRET is required");
  });

  it("parses booleans and strips a trailing slash from the API root", () => {
    const config = parseConfig({ DEMO_SEED: "no", TELEGRAM_API_ROOT: "http://127.0.0.1:8081/" });
    expect(config.demoSeed).toBe(false);
    expect(config.telegram.apiRoot).toBe("http://127.0.0.1:8081");
    expect(() => parseConfig({ DEMO_SEED: "maybe" })).toThrow(/DEMO_SEED must be "true" or "false"/);
  });
});
