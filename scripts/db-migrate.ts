/** `npm run db:migrate`: applies pending migrations to the configured (or local/embedded) database. */
import { loadConfig } from "../app/config.js";
import { locateDatabase } from "../app/db/database-location.js";
import { migrateDeploy } from "../app/db/migrate.js";
import { createLogger } from "../app/logger.js";

const config = loadConfig();
const log = createLogger(config.log);
const database = await locateDatabase(config, log);
try {
  const { applied } = await migrateDeploy(database.url);
  log.info({ applied }, applied.length ? "Migrations applied" : "No pending migrations");
} finally {
  await database.close();
}
