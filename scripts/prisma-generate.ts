/**
 * Generates the Prisma client into app/db/generated (kept out of git) when the schema or the
 * Prisma version changed since the last generation. Run by postinstall, start and test, because
 * dependencies' own install scripts do not run on npm 11 without approval.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const schemaPath = "prisma/schema.prisma";
const hashPath = "app/db/generated/.schema-hash";
const prismaVersion = (require("prisma/package.json") as { version: string }).version;
const hash = createHash("sha256").update(readFileSync(schemaPath)).update(prismaVersion).digest("hex");

if (existsSync(hashPath) && readFileSync(hashPath, "utf8") === hash && !process.argv.includes("--force")) {
  process.exit(0);
}

const result = spawnSync(process.execPath, [require.resolve("prisma/build/index.js"), "generate"], {
  stdio: ["ignore", "pipe", "pipe"],
  env: {
    ...process.env,
    // generate never connects, but the CLI needs a resolvable URL or it tries to download an engine
    DATABASE_URL: process.env.DATABASE_URL || "postgresql://generate@127.0.0.1:5432/generate",
    CHECKPOINT_DISABLE: "1",
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
  },
  encoding: "utf8",
});
if (result.status !== 0) {
  process.stderr.write(`prisma generate failed:\n${result.stdout}\n${result.stderr}\n`);
  process.exit(result.status ?? 1);
}
writeFileSync(hashPath, hash);
process.stdout.write(`Prisma client generated (prisma ${prismaVersion})\n`);
