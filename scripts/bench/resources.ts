/**
 * The benchmark's own resources: a fresh migrated database with the demo network, a Redis key
 * prefix of its own, and CPU readings of the processes involved (Linux /proc). Everything created
 * here is removed by `cleanup()`, also after a failure.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { Redis } from "ioredis";
import pg from "pg";
import { seedDemoDataIfEmpty } from "../../app/db/demo-seed.js";
import { migrateDeploy } from "../../app/db/migrate.js";
import { createPrisma } from "../../app/db/prisma-client.js";
import { silentLog } from "../../core/log.js";
import { createDatabase, databaseUrlOn, dropDatabaseOn } from "../../test/support/admin-db.js";
import { deleteKeys } from "../../test/support/test-redis.js";

/** The URL of database `name` on the server of `adminUrl`. */
export const databaseUrl = databaseUrlOn;

export interface BenchDatabase {
  name: string;
  url: string;
  /** Points of the demo network. */
  points: number;
  setupMs: number;
}

/** Creates `name`, applies every migration and seeds the demo network (Torino area). */
export async function createBenchDatabase(adminUrl: string, name: string): Promise<BenchDatabase> {
  const started = performance.now();
  await createDatabase(adminUrl, name);
  const url = databaseUrl(adminUrl, name);
  await migrateDeploy(url);
  const db = createPrisma(url, { poolMax: 2 });
  try {
    await seedDemoDataIfEmpty(db, silentLog);
    const points = await db.point.count({ where: { active: true } });
    return { name, url, points, setupMs: performance.now() - started };
  } finally {
    await db.$disconnect();
  }
}

export const dropBenchDatabase = dropDatabaseOn;

/** Deletes every key under `<prefix>:`; returns how many. */
export async function deleteRedisKeys(redisUrl: string, prefix: string): Promise<number> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1, lazyConnect: true });
  redis.on("error", () => {});
  try {
    await redis.connect();
    return await deleteKeys(redis, prefix);
  } finally {
    redis.disconnect();
  }
}

// ---- Other processes' CPU, for the split -----------------------------------------------------------------------

let ticksPerSecond: number | undefined;

function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** CPU time (user + system) of a process so far, in ms; undefined when it cannot be read (not Linux, gone). */
export function processCpuMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // fields[0] is field 3 (state): utime is field 14, stime field 15
    const ticks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(ticks) ? (ticks * 1000) / clockTicks() : undefined;
  } catch {
    return undefined;
  }
}

/** Busy and total CPU time of the whole machine so far (all cores), in ms; undefined when unreadable. */
export function machineCpuMs(): { busy: number; total: number } | undefined {
  try {
    const line = readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "";
    const values = line.trim().split(/\s+/).slice(1).map(Number);
    const total = values.reduce((a, b) => a + b, 0);
    const idle = (values[3] ?? 0) + (values[4] ?? 0);
    return { busy: ((total - idle) * 1000) / clockTicks(), total: (total * 1000) / clockTicks() };
  } catch {
    return undefined;
  }
}

/** Reads what PostgreSQL and Redis did for the benchmark: backend pids of its database, Redis' pid, xacts. */
export class ServerProbe {
  private constructor(
    private readonly client: pg.Client,
    private readonly database: string,
    readonly redisPid: number | undefined,
  ) {}

  static async open(adminUrl: string, database: string, redisUrl: string): Promise<ServerProbe> {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    let redisPid: number | undefined;
    const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1, lazyConnect: true });
    redis.on("error", () => {});
    try {
      await redis.connect();
      const info = await redis.info("server");
      const pid = /process_id:(\d+)/.exec(info)?.[1];
      redisPid = pid ? Number(pid) : undefined;
    } catch {
      redisPid = undefined;
    } finally {
      redis.disconnect();
    }
    return new ServerProbe(client, database, redisPid);
  }

  /** Transactions committed or rolled back in the benchmark's database (each statement outside a transaction is one). */
  async transactions(): Promise<number> {
    await this.client.query("SELECT pg_stat_force_next_flush()").catch(() => {});
    const { rows } = await this.client.query<{ n: string }>(
      "SELECT (xact_commit + xact_rollback)::text AS n FROM pg_stat_database WHERE datname = $1",
      [this.database],
    );
    return Number(rows[0]?.n ?? Number.NaN);
  }

  /** Server processes currently connected to the benchmark's database. */
  async backendPids(): Promise<number[]> {
    const { rows } = await this.client.query<{ pid: number }>(
      "SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
      [this.database],
    );
    return rows.map((r) => r.pid);
  }

  async close(): Promise<void> {
    await this.client.end().catch(() => {});
  }
}
