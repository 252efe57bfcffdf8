import { mkdir } from "node:fs/promises";
import { resolve } from "node:path";
import pg from "pg";
import type { Log } from "../../core/log.js";
import type { Config } from "../config.js";

export type DatabaseKind = "configured" | "local" | "embedded";

export interface DatabaseLocation {
  url: string;
  kind: DatabaseKind;
  /** Pool size suited to this database. */
  poolMax: number;
  close(): Promise<void>;
}

/** Where we look for a PostgreSQL when DATABASE_URL is not set. */
export const LOCAL_POSTGRES = { host: "127.0.0.1", port: 5432, user: "postgres", database: "sportello" };

async function localPostgresAnswers(log: Log): Promise<boolean> {
  const client = new pg.Client({
    host: LOCAL_POSTGRES.host,
    port: LOCAL_POSTGRES.port,
    user: LOCAL_POSTGRES.user,
    database: "postgres",
    connectionTimeoutMillis: 1_500,
  });
  try {
    await client.connect();
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [LOCAL_POSTGRES.database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${LOCAL_POSTGRES.database}"`);
    return true;
  } catch (error) {
    const code = (error as { code?: string }).code;
    // a server that answers but refuses us is worth saying: the embedded database is not what one expects then
    if (code && code !== "ECONNREFUSED" && code !== "ETIMEDOUT") {
      log.warn(
        { code, host: LOCAL_POSTGRES.host, port: LOCAL_POSTGRES.port },
        "A PostgreSQL answers on 127.0.0.1:5432 but refused us: set DATABASE_URL to use it (see .env.example)",
      );
    }
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

export async function startEmbedded(dataDir: string, log: Log): Promise<DatabaseLocation> {
  const [{ PGlite }, { PGLiteSocketServer }] = await Promise.all([
    import("@electric-sql/pglite"),
    import("@electric-sql/pglite-socket"),
  ]);
  const directory = resolve(dataDir);
  await mkdir(directory, { recursive: true });
  const db = await PGlite.create(directory);
  // PGlite is one session: keep two sockets (migrations CLI, then the app's single connection).
  const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port: 0, maxConnections: 2 });
  await server.start();
  const address = server.getServerConn();
  log.warn(
    { dataDir: directory },
    "No DATABASE_URL and no local PostgreSQL: using the embedded PostgreSQL (PGlite). Fine for a try-out, not for production.",
  );
  return {
    url: `postgresql://postgres@${address}/postgres`,
    kind: "embedded",
    poolMax: 1,
    async close() {
      await server.stop();
      await db.close();
    },
  };
}

/**
 * DATABASE_URL if set; otherwise a local PostgreSQL on 127.0.0.1:5432 (database `sportello`,
 * created if missing); otherwise an embedded PostgreSQL with its data under EMBEDDED_DB_DIR.
 */
export async function locateDatabase(config: Config, log: Log): Promise<DatabaseLocation> {
  const noop = async () => {};
  if (config.database.url) {
    return { url: config.database.url, kind: "configured", poolMax: 10, close: noop };
  }
  if (await localPostgresAnswers(log)) {
    const { host, port, user, database } = LOCAL_POSTGRES;
    log.info({ host, port, database }, "No DATABASE_URL: using the local PostgreSQL");
    return { url: `postgresql://${user}@${host}:${port}/${database}`, kind: "local", poolMax: 10, close: noop };
  }
  return startEmbedded(config.database.embeddedDir, log);
}
