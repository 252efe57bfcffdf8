/**
 * `npm run db:migration -- <name>`: writes prisma/migrations/<timestamp>_<name>/migration.sql
 * with the SQL that turns the schema of the previous migration into prisma/schema.prisma.
 *
 * Works offline: each migration folder keeps a copy of the schema it produces (schema.prisma),
 * which is the "from" side of the next diff, so no database state is read. The CLI still opens a
 * connection, so the database `npm start` would use is located (configured, local or embedded).
 * `prisma migrate dev` is not used: the JavaScript schema engine cannot run it (README).
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadConfig } from "../app/config.js";
import { locateDatabase } from "../app/db/database-location.js";
import { runPrismaCli } from "../app/db/migrate.js";
import { createLogger } from "../app/logger.js";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  process.stderr.write("Usage: npm run db:migration -- <name_in_snake_case>\n");
  process.exit(2);
}

const root = "prisma/migrations";
const previous = readdirSync(root, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort()
  .at(-1);
const from = previous ? join(root, previous, "schema.prisma") : undefined;
if (from && !existsSync(from)) {
  process.stderr.write(`${from} is missing: every migration folder must keep the schema it produces.\n`);
  process.exit(1);
}

const config = loadConfig();
const database = await locateDatabase(config, createLogger({ ...config.log, level: "warn" }));
let result: Awaited<ReturnType<typeof runPrismaCli>>;
try {
  result = await runPrismaCli(
    [
      "migrate",
      "diff",
      ...(from ? ["--from-schema-datamodel", from] : ["--from-empty"]),
      "--to-schema-datamodel",
      "prisma/schema.prisma",
      "--script",
    ],
    database.url,
  );
} finally {
  await database.close();
}
if (result.code !== 0) {
  process.stderr.write(result.output);
  process.exit(result.code);
}
const sql = result.output.replace(/^Loaded Prisma config.*\n+/m, "").trim();
if (sql === "" || sql.includes("This is an empty migration")) {
  process.stdout.write("prisma/schema.prisma has no changes since the last migration: nothing written.\n");
  process.exit(0);
}

const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const dir = join(root, `${stamp}_${name}`);
mkdirSync(dir);
writeFileSync(join(dir, "migration.sql"), `${sql}\n`);
copyFileSync("prisma/schema.prisma", join(dir, "schema.prisma"));
process.stdout.write(`Written ${dir}/migration.sql: review it, then run npm run db:migrate (or npm start).\n`);
