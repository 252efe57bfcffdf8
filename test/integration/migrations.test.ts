import { existsSync, readdirSync, readFileSync } from "node:fs";
import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { migrateDeploy, runPrismaCli } from "../../app/db/migrate.js";
import { createDatabase } from "../support/admin-db.js";
import { dropDatabase } from "../support/test-databases.js";
import { databaseUrl, TEST_DATABASE_PREFIX, testEnv } from "../support/test-env.js";

const migrationDirs = readdirSync("prisma/migrations", { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

describe("migrations", () => {
  const name = `${TEST_DATABASE_PREFIX}${inject("testRunId")}_empty`;
  afterAll(() => dropDatabase(name));

  it("apply to an empty database, and a second deploy finds nothing to do", async () => {
    await createDatabase(testEnv.TEST_DATABASE_URL, name);

    const first = await migrateDeploy(databaseUrl(name));
    expect(first.applied).toEqual(migrationDirs);

    const client = new pg.Client({ connectionString: databaseUrl(name) });
    await client.connect();
    try {
      const applied = await client.query<{ migration_name: string }>(
        "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name",
      );
      expect(applied.rows.map((row) => row.migration_name)).toEqual(migrationDirs);
      const tables = await client.query("SELECT 1 FROM information_schema.tables WHERE table_name = 'organisation'");
      expect(tables.rowCount).toBe(1);
    } finally {
      await client.end();
    }

    const second = await migrateDeploy(databaseUrl(name));
    expect(second.applied).toEqual([]);
    const status = await runPrismaCli(["migrate", "status"], databaseUrl(name));
    expect(status.output).toContain("Database schema is up to date!");
    expect(status.code).toBe(0);
  });
});

describe("migration files", () => {
  it("keep no semicolon inside comments (the JavaScript schema engine splits statements on it)", () => {
    for (const dir of migrationDirs) {
      const sql = readFileSync(`prisma/migrations/${dir}/migration.sql`, "utf8");
      const bad = sql.split("\n").filter((line) => /--[^\n]*;/.test(line));
      expect(bad, dir).toEqual([]);
    }
  });

  it("each keep beside them the schema they produce, the last one equal to prisma/schema.prisma", () => {
    const last = migrationDirs.at(-1);
    for (const dir of migrationDirs) expect(existsSync(`prisma/migrations/${dir}/schema.prisma`), dir).toBe(true);
    expect(readFileSync(`prisma/migrations/${last}/schema.prisma`, "utf8")).toBe(
      readFileSync("prisma/schema.prisma", "utf8"),
    );
  });
});
