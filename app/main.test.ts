import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

describe("npm start with a bad setting", () => {
  it("stops before starting anything and names the variable", () => {
    const result = spawnSync(process.execPath, ["--import", "tsx", "app/main.ts"], {
      env: { PATH: process.env.PATH, PORT: "not-a-port", TIME_ZONE: "Nowhere/City" },
      encoding: "utf8",
      timeout: 20_000,
    });
    expect(result.status).toBe(78);
    expect(result.stderr).toContain("Invalid configuration");
    expect(result.stderr).toContain("PORT must be a whole number");
    expect(result.stderr).toContain("TIME_ZONE must be an IANA time zone");
  });
});
