import pg from "pg";
import { describe, expect, it } from "vitest";
import { lockRefusal } from "../../bots/whatsapp/number-lock.js";
import { useIntegration } from "../../test/support/integration.js";
import { lockKey, postgresNumberLock } from "./whatsapp-number-lock.js";

describe("one WhatsApp socket per number: the PostgreSQL advisory lock", () => {
  const ctx = useIntegration();

  it("refuses a second holder of the same session, naming the first; other sessions are free", async () => {
    const first = await postgresNumberLock(ctx.databaseUrl).acquire("main");
    const second = await postgresNumberLock(ctx.databaseUrl).acquire("main");
    const other = await postgresNumberLock(ctx.databaseUrl).acquire("other");
    expect(first.acquired).toBe(true);
    expect(other.acquired).toBe(true);
    expect(second.acquired).toBe(false);
    if (second.acquired) throw new Error("unreachable");
    expect(second.holder).toMatch(new RegExp(`^sportello whatsapp .+ pid ${process.pid}, since \\d{4}-`));
    expect(lockRefusal("main", second.holder)).toContain('WhatsApp session "main" is already in use');

    if (first.acquired) await first.lock.release();
    const third = await postgresNumberLock(ctx.databaseUrl).acquire("main");
    expect(third.acquired).toBe(true);
    if (third.acquired) await third.lock.release();
    if (other.acquired) await other.lock.release();
  });

  it("tells the holder when its connection is gone, and the number is free for another", async () => {
    const held = await postgresNumberLock(ctx.databaseUrl, { heartbeatMs: 100 }).acquire("dropped");
    if (!held.acquired) throw new Error("expected the lock");
    const lost = new Promise<Error>((resolve) => held.lock.onLost(resolve));
    const admin = new pg.Client({ connectionString: ctx.databaseUrl });
    await admin.connect();
    try {
      const { high, low } = lockKey("dropped");
      await admin.query(
        `SELECT pg_terminate_backend(pid) FROM pg_locks
          WHERE locktype = 'advisory' AND classid::bigint = $1 AND objid::bigint = $2`,
        [high, low],
      );
    } finally {
      await admin.end();
    }
    expect((await lost).message).toBeTruthy();
    const next = await postgresNumberLock(ctx.databaseUrl).acquire("dropped");
    expect(next.acquired).toBe(true);
    if (next.acquired) await next.lock.release();
    await held.lock.release(); // harmless after the loss
  });

  it("derives a stable key per session", () => {
    expect(lockKey("main")).toEqual(lockKey("main"));
    expect(lockKey("main").key).not.toBe(lockKey("other").key);
  });
});
