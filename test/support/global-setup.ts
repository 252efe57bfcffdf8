import type { TestProject } from "vitest/node";
import { createRunTemplate, dropRunDatabases, dropStaleRunDatabases, newRunId } from "./test-databases.js";
import { testEnv } from "./test-env.js";
import { connectTestRedis, deleteKeys, redisPrefix } from "./test-redis.js";

declare module "vitest" {
  export interface ProvidedContext {
    testRunId: string;
  }
}

/**
 * Once per `vitest run`: a migrated template database for this run; at the end, every database
 * and Redis key of this run is removed. Databases left by crashed runs are dropped after 6 hours.
 */
export default async function setup(project: TestProject) {
  const runId = newRunId();
  try {
    await dropStaleRunDatabases();
  } catch (error) {
    throw new Error(
      `The tests need PostgreSQL at ${testEnv.TEST_DATABASE_URL.replace(/\/\/[^@/]*@/, "//")} (set TEST_DATABASE_URL, see README "Tests"): ${(error as Error).message}`,
    );
  }
  await createRunTemplate(runId);
  project.provide("testRunId", runId);

  return async () => {
    await dropRunDatabases(runId);
    const redis = connectTestRedis();
    try {
      await deleteKeys(redis, redisPrefix(runId));
    } finally {
      redis.disconnect();
    }
  };
}
