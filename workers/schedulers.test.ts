import { describe, expect, it } from "vitest";
import { SCHEDULERS } from "./schedulers.js";

describe("schedulers", () => {
  it("runs hourly as a workers' scheduler, only where WhatsApp is on", () => {
    const prune = SCHEDULERS.find((s) => s.id === "prune-whatsapp");
    expect(prune?.pattern).toBe("40 * * * *");
    const deps = (chores: object) => ({ chores }) as never;
    expect(prune?.enabled(deps({}))).toBe(false);
    expect(prune?.enabled(deps({ pruneWhatsApp: async () => ({ sent: 0, inbound: 0 }) }))).toBe(true);
  });
});
