/** `npm run db:migrate`: applies pending migrations to the configured (or local/embedded) database. */
import { loadConfig } from "../app/config.js";
import { describeDatabase, runAsCommand, withCliDatabase } from "./cli-support.js";

await runAsCommand(import.meta.url, (_args, output) =>
  withCliDatabase(loadConfig(), output, "Migrazione non riuscita", async (_db, database, applied) => {
    const where = describeDatabase(database.url, database.kind);
    output.out(
      applied.length > 0
        ? `${where}: applied ${applied.join(", ")}\n`
        : `${where}: no pending migrations, the schema is up to date\n`,
    );
    return 0;
  }),
);
