import { randomBytes } from "node:crypto";
import type pg from "pg";
import { migrateDeploy } from "../../app/db/migrate.js";
import { createDatabase, dropDatabaseOn, withAdmin as withAdminOn } from "./admin-db.js";
import { databaseUrl, TEST_DATABASE_PREFIX, testEnv } from "./test-env.js";

/** A run id sorts by time: `<base36 ms>_<random>`; databases are `sportello_t_<runId>_<name>`. */
export function newRunId(): string {
  return `${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
}

export function templateName(runId: string): string {
  return `${TEST_DATABASE_PREFIX}${runId}_tpl`;
}

const withAdmin = <T>(work: (client: pg.Client) => Promise<T>) => withAdminOn(testEnv.TEST_DATABASE_URL, work);

/** Creates an empty database and applies every migration: the template of one test run. */
export async function createRunTemplate(runId: string): Promise<string> {
  const name = templateName(runId);
  await createDatabase(testEnv.TEST_DATABASE_URL, name);
  await migrateDeploy(databaseUrl(name));
  return name;
}

/** A fresh, migrated database for one test file, copied from the run's template. */
export async function createDatabaseFromTemplate(runId: string): Promise<{ name: string; url: string }> {
  const name = `${TEST_DATABASE_PREFIX}${runId}_${randomBytes(4).toString("hex")}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      await createDatabase(testEnv.TEST_DATABASE_URL, name, templateName(runId));
      return { name, url: databaseUrl(name) };
    } catch (error) {
      // "source database is being accessed by other users": another file is copying it too
      if ((error as { code?: string }).code !== "55006" || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 100));
    }
  }
}

export async function dropDatabase(name: string): Promise<void> {
  await dropDatabaseOn(testEnv.TEST_DATABASE_URL, name);
}

export async function listRunDatabases(runId: string): Promise<string[]> {
  return withAdmin(async (admin) => {
    const { rows } = await admin.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE starts_with(datname, $1) ORDER BY datname",
      [`${TEST_DATABASE_PREFIX}${runId}_`],
    );
    return rows.map((row) => row.datname);
  });
}

/** Drops every database of one run (and only of that run). */
export async function dropRunDatabases(runId: string): Promise<string[]> {
  const names = await listRunDatabases(runId);
  for (const name of names) await dropDatabase(name);
  return names;
}

/** Drops databases left by runs that crashed more than `olderThanMs` ago. */
export async function dropStaleRunDatabases(olderThanMs = 6 * 60 * 60 * 1000): Promise<void> {
  const names = await withAdmin(async (admin) => {
    const { rows } = await admin.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE starts_with(datname, $1)",
      [TEST_DATABASE_PREFIX],
    );
    return rows.map((row) => row.datname);
  });
  const cutoff = Date.now() - olderThanMs;
  for (const name of names) {
    // only names this helper makes: sportello_t_<base36 ms>_<6 hex>_…
    const run = /^sportello_t_([0-9a-z]{8,})_[0-9a-f]{6}_/.exec(name);
    const started = run ? Number.parseInt(run[1] ?? "", 36) : Number.NaN;
    if (Number.isFinite(started) && started < cutoff) await dropDatabase(name);
  }
}
