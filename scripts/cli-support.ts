/** What the admin commands share: output, the database they work on, and running as a command. */
import { realpath } from "node:fs/promises";
import { pathToFileURL } from "node:url";
import type { Config } from "../app/config.js";
import { type DatabaseLocation, locateDatabase } from "../app/db/database-location.js";
import { migrateDeploy } from "../app/db/migrate.js";
import { createPrisma, type Db } from "../app/db/prisma-client.js";
import type { Log } from "../core/log.js";

export interface CliOutput {
  out(text: string): void;
  err(text: string): void;
}

/** Warnings and errors of the database set-up go to stderr as plain lines; the rest is quiet. */
export function cliLog(output: CliOutput): Log {
  const noop = () => {};
  const write = (fieldsOrMessage: Record<string, unknown> | string, message?: string) => {
    output.err(`${typeof fieldsOrMessage === "string" ? fieldsOrMessage : (message ?? "")}\n`);
  };
  const log: Log = { debug: noop, info: noop, warn: write, error: write, child: () => log };
  return log;
}

/** "127.0.0.1:5432/sportello": where the data goes, without credentials. */
export function describeDatabase(url: string, kind: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.host}${parsed.pathname} (${kind})`;
  } catch {
    return kind;
  }
}

/**
 * Runs `work` on the database the app would use (migrated first), closing everything after. A
 * database error becomes one plain line on stderr and exit code 1.
 */
export async function withCliDatabase(
  settings: Config,
  output: CliOutput,
  failure: string,
  work: (db: Db, database: DatabaseLocation, applied: string[]) => Promise<number>,
): Promise<number> {
  const database = await locateDatabase(settings, cliLog(output));
  try {
    const { applied } = await migrateDeploy(database.url);
    const db = createPrisma(database.url, { poolMax: database.poolMax });
    try {
      return await work(db, database, applied);
    } finally {
      await db.$disconnect();
    }
  } catch (error) {
    output.err(`${failure}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    await database.close();
  }
}

/** Runs `command` with the process's arguments when the module is the one started by node. */
export async function runAsCommand(
  moduleUrl: string,
  command: (args: readonly string[], output: CliOutput) => Promise<number>,
): Promise<void> {
  const started = process.argv[1];
  if (started === undefined) return;
  if (moduleUrl !== pathToFileURL(await realpath(started).catch(() => started)).href) return;
  const stdio: CliOutput = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };
  try {
    process.exitCode = await command(process.argv.slice(2), stdio);
  } catch (error) {
    stdio.err(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}

/** A point named by its id or its code, as admins type it. */
export async function findPoint(db: Db, idOrCode: string) {
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(idOrCode);
  return db.point.findFirst({
    where: uuid ? { id: idOrCode } : { code: idOrCode },
    select: { id: true, code: true, name: true },
  });
}
