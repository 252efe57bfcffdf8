import { randomBytes } from "node:crypto";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, inject } from "vitest";
import { type Config, parseConfig } from "../../app/config.js";
import { createPrisma, type Db } from "../../app/db/prisma-client.js";
import { createDatabaseFromTemplate, dropDatabase } from "./test-databases.js";
import { testEnv } from "./test-env.js";
import { connectTestRedis, deleteKeys, redisPrefix } from "./test-redis.js";

export interface IntegrationContext {
  /** Prisma client on this file's own migrated database. */
  db: Db;
  databaseName: string;
  databaseUrl: string;
  /** Redis connection; keys of this file are `<redisPrefix>:<key>` (also the BullMQ prefix). */
  redis: Redis;
  redisPrefix: string;
  runId: string;
  /** A full app Config pointing at this file's database and key space. */
  config(overrides?: Record<string, string>): Config;
}

/**
 * One line of set-up for an integration test file:
 *
 *   const it_ = useIntegration();
 *   test("...", async () => { await it_.db.organisation.count(); });
 *
 * Gives the file its own database (copied from the run's migrated template) and its own Redis
 * key prefix, and removes both after the file's tests.
 */
export function useIntegration(): IntegrationContext {
  const context = {} as IntegrationContext;
  beforeAll(async () => {
    const runId = inject("testRunId");
    const database = await createDatabaseFromTemplate(runId);
    const prefix = redisPrefix(runId, randomBytes(4).toString("hex"));
    Object.assign(context, {
      runId,
      databaseName: database.name,
      databaseUrl: database.url,
      // 200 concurrent transactions queue for 20 connections: on a loaded machine that wait passes 5 s
      db: createPrisma(database.url, { poolMax: 20, connectionTimeoutMillis: 60_000 }),
      redis: connectTestRedis(),
      redisPrefix: prefix,
      config: (overrides: Record<string, string> = {}) =>
        parseConfig({
          NODE_ENV: "test",
          LOG_LEVEL: "silent",
          PORT: "0",
          DATABASE_URL: database.url,
          REDIS_URL: testEnv.TEST_REDIS_URL,
          REDIS_PREFIX: prefix,
          DEMO_SEED: "false",
          ...overrides,
        }),
    } satisfies IntegrationContext);
  });
  afterAll(async () => {
    if (!context.db) return;
    await context.db.$disconnect();
    await deleteKeys(context.redis, context.redisPrefix);
    context.redis.disconnect();
    await dropDatabase(context.databaseName);
  });
  return context;
}
