import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { silentLog } from "../../core/log.js";
import { startEmbedded } from "./database-location.js";
import { migrateDeploy } from "./migrate.js";
import { createPrisma } from "./prisma-client.js";

describe("embedded PostgreSQL fallback", () => {
  it("serves the wire protocol, takes our migrations and keeps data on disk", async () => {
    const dir = await mkdtemp(join(tmpdir(), "sportello-pglite-"));
    try {
      const first = await startEmbedded(dir, silentLog);
      expect(first.kind).toBe("embedded");
      await migrateDeploy(first.url);
      const db = createPrisma(first.url, { poolMax: first.poolMax });
      await db.organisation.create({ data: { name: "kept" } });
      await db.$disconnect();
      await first.close();

      const second = await startEmbedded(dir, silentLog);
      const again = createPrisma(second.url, { poolMax: second.poolMax });
      expect((await again.organisation.findMany()).map((o) => o.name)).toEqual(["kept"]);
      await again.$disconnect();
      await second.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
