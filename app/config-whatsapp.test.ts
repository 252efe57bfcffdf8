import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseConfig } from "./config.js";

describe("config: WhatsApp", () => {
  it("is off by default, with the documented sending defaults", () => {
    expect(parseConfig({}).whatsapp).toEqual({
      enabled: false,
      session: "default",
      sending: { intervalMs: 1_000, jitterMs: 1_500, brakeFactor: 4, brakeMs: 15 * 60_000 },
      logLevel: "warn",
      pushWaitMs: 30_000,
    });
  });

  it("reads every setting", () => {
    const config = parseConfig({
      WHATSAPP_ENABLED: "true",
      WHATSAPP_SESSION: "torino-centro",
      WHATSAPP_SEND_INTERVAL_MS: "2000",
      WHATSAPP_SEND_JITTER_MS: "0",
      WHATSAPP_BRAKE_MINUTES: "60",
      WHATSAPP_LOG_LEVEL: "error",
      WHATSAPP_PUSH_WAIT_SECONDS: "45",
    });
    expect(config.whatsapp).toEqual({
      enabled: true,
      session: "torino-centro",
      sending: { intervalMs: 2_000, jitterMs: 0, brakeFactor: 4, brakeMs: 3_600_000 },
      logLevel: "error",
      pushWaitMs: 45_000,
    });
  });

  it("names a bad setting and why", () => {
    expect(() => parseConfig({ WHATSAPP_SEND_INTERVAL_MS: "10" })).toThrow(
      /WHATSAPP_SEND_INTERVAL_MS must be at least 250/,
    );
    expect(() => parseConfig({ WHATSAPP_SESSION: "Torino Centro" })).toThrow(/WHATSAPP_SESSION must be 1-40 lowercase/);
    expect(() => parseConfig({ WHATSAPP_PUSH_WAIT_SECONDS: "120" })).toThrow(
      /WHATSAPP_PUSH_WAIT_SECONDS must be shorter than MESSAGE_LEASE_SECONDS \(120\)/,
    );
    expect(() => parseConfig({ WHATSAPP_ENABLED: "forse" })).toThrow(/WHATSAPP_ENABLED must be "true" or "false"/);
  });

  it("documents every WhatsApp variable in .env.example", () => {
    const example = readFileSync(".env.example", "utf8");
    const source = readFileSync("app/config.ts", "utf8");
    const names = [...source.matchAll(/\b(WHATSAPP_[A-Z_]+):/g)].map((m) => m[1]);
    expect(names.length).toBeGreaterThanOrEqual(6);
    for (const name of names) expect(example).toMatch(new RegExp(`^${name}=`, "m"));
  });
});
