import { z } from "zod";
import { databaseUrlOn } from "./admin-db.js";

/** Where the test suite finds its services; overridable for machines with other set-ups. */
const schema = z.object({
  TEST_DATABASE_URL: z.string().url().default("postgresql://postgres@127.0.0.1:5432/postgres"),
  TEST_REDIS_URL: z.string().url().default("redis://127.0.0.1:6379"),
});

export const testEnv = schema.parse({
  TEST_DATABASE_URL: process.env.TEST_DATABASE_URL || undefined,
  TEST_REDIS_URL: process.env.TEST_REDIS_URL || undefined,
});

/** Every database a test run creates starts with this, followed by the run id. */
export const TEST_DATABASE_PREFIX = "sportello_t_";

export function databaseUrl(name: string): string {
  return databaseUrlOn(testEnv.TEST_DATABASE_URL, name);
}
