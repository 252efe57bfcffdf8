import { describe, expect, it, onTestFinished } from "vitest";
import { createPrisma } from "../../app/db/prisma-client.js";
import { useIntegration } from "../support/integration.js";
import {
  createDatabaseFromTemplate,
  createRunTemplate,
  dropRunDatabases,
  listRunDatabases,
  newRunId,
} from "../support/test-databases.js";
import { deleteKeys, redisPrefix } from "../support/test-redis.js";

describe("test isolation", () => {
  const ctx = useIntegration();

  it("gives another run its own databases, and its clean-up leaves ours alone", async () => {
    await ctx.db.organisation.create({ data: { name: "only in this run" } });

    const otherRun = newRunId();
    expect(otherRun).not.toBe(ctx.runId);
    onTestFinished(async () => {
      await dropRunDatabases(otherRun); // also when an assertion below fails
    });
    await createRunTemplate(otherRun);
    const other = await createDatabaseFromTemplate(otherRun);
    expect(other.name).not.toBe(ctx.databaseName);
    const otherDb = createPrisma(other.url);
    try {
      expect(await otherDb.organisation.count()).toBe(0);
      await otherDb.organisation.create({ data: { name: "only in the other run" } });
    } finally {
      await otherDb.$disconnect();
    }

    expect(await ctx.db.organisation.findMany({ select: { name: true } })).toEqual([{ name: "only in this run" }]);

    const dropped = await dropRunDatabases(otherRun);
    expect(dropped.sort()).toEqual([other.name, `sportello_t_${otherRun}_tpl`].sort());
    expect(await listRunDatabases(otherRun)).toEqual([]);
    expect(await listRunDatabases(ctx.runId)).toContain(ctx.databaseName);
    expect(await ctx.db.organisation.count()).toBe(1);
  });

  it("keeps Redis keys of each run apart and clears only its own", async () => {
    const otherPrefix = redisPrefix(newRunId(), "x");
    await ctx.redis.set(`${ctx.redisPrefix}:k`, "ours");
    await ctx.redis.set(`${otherPrefix}:k`, "theirs");
    expect(await deleteKeys(ctx.redis, otherPrefix)).toBe(1);
    expect(await ctx.redis.get(`${ctx.redisPrefix}:k`)).toBe("ours");
    expect(await ctx.redis.get(`${otherPrefix}:k`)).toBeNull();
  });
});
