import { describe, expect, it } from "vitest";
import { memoryWhatsAppStorage } from "../../test/support/fake-baileys/memory-storage.js";
import { INBOUND_MEMORY_MS, pruneWhatsAppLogs } from "./prune.js";

const DAY = 24 * 60 * 60 * 1000;

describe("pruning WhatsApp's message logs", () => {
  it("deletes expired copies and ids older than 30 days, keeps the rest, and says how many", async () => {
    const storage = memoryWhatsAppStorage();
    const now = new Date("2026-12-02T10:00:00Z");
    await storage.sent.remember("main", "OLD", new Uint8Array([1]), new Date(now.getTime() - 1));
    await storage.sent.remember("main", "NEW", new Uint8Array([2]), new Date(now.getTime() + DAY));
    await storage.inbound.claim("main", "IN-OLD", new Date(now.getTime() - INBOUND_MEMORY_MS - 1));
    await storage.inbound.claim("main", "IN-NEW", new Date(now.getTime() - DAY));
    expect(await pruneWhatsAppLogs(storage, now)).toEqual({ sent: 1, inbound: 1 });
    expect(await storage.sent.find("main", "NEW", now)).toEqual(new Uint8Array([2]));
    expect(await storage.inbound.claim("main", "IN-NEW", now)).toBe(false); // still remembered
    expect(await storage.inbound.claim("main", "IN-OLD", now)).toBe(true); // forgotten
  });
});
