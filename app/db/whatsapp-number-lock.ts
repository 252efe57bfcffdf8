import { createHash } from "node:crypto";
import { hostname } from "node:os";
import pg from "pg";
import type { HeldNumberLock, NumberLock } from "../../bots/whatsapp/number-lock.js";

/** A 64-bit advisory lock key for a session, and its two 32-bit halves as pg_locks shows them. */
export function lockKey(session: string): { key: string; high: number; low: number } {
  const unsigned = createHash("sha256").update(`sportello:whatsapp:${session}`).digest().readBigUInt64BE(0);
  return {
    key: BigInt.asIntN(64, unsigned).toString(),
    high: Number(unsigned >> 32n),
    low: Number(unsigned & 0xffffffffn),
  };
}

export interface PostgresNumberLockOptions {
  /** How often the held lock's connection is checked. */
  heartbeatMs?: number;
}

/**
 * One WhatsApp socket per number across processes: a PostgreSQL session advisory lock, held on
 * a connection of its own for as long as the socket lives. When that connection drops, the lock
 * is gone (another process may take the number), and the holder is told through `onLost`.
 */
export function postgresNumberLock(databaseUrl: string, options: PostgresNumberLockOptions = {}): NumberLock {
  const heartbeatMs = options.heartbeatMs ?? 30_000;
  return {
    async acquire(session) {
      const { key, high, low } = lockKey(session);
      const client = new pg.Client({
        connectionString: databaseUrl,
        application_name: `sportello whatsapp ${hostname()} pid ${process.pid}`.slice(0, 63),
        keepAlive: true,
        connectionTimeoutMillis: 5_000,
        query_timeout: 10_000,
      });
      // an error before `onLost` is listened to must not crash the process
      let lostListener: ((error: Error) => void) | undefined;
      let lost: Error | undefined;
      let released = false;
      let heartbeat: NodeJS.Timeout | undefined;
      const loseWith = (error: Error) => {
        if (released || lost) return;
        lost = error;
        clearInterval(heartbeat);
        client.end().catch(() => {});
        lostListener?.(error);
      };
      client.on("error", loseWith);
      client.on("end", () => loseWith(new Error("the lock's database connection ended")));
      await client.connect();
      try {
        const got = await client.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1::bigint) AS ok", [key]);
        if (!got.rows[0]?.ok) {
          const holder = await client
            .query<{ application_name: string; backend_start: Date | null }>(
              `SELECT a.application_name, a.backend_start
                 FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
                  AND l.classid::bigint = $1 AND l.objid::bigint = $2 AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
                LIMIT 1`,
              [high, low],
            )
            .then((r) => r.rows[0])
            .catch(() => undefined);
          released = true;
          await client.end().catch(() => {});
          const since = holder?.backend_start ? `, since ${holder.backend_start.toISOString()}` : "";
          return {
            acquired: false,
            holder: holder?.application_name ? `${holder.application_name}${since}` : undefined,
          };
        }
      } catch (error) {
        released = true;
        await client.end().catch(() => {});
        throw error;
      }
      heartbeat = setInterval(() => {
        client.query("SELECT 1").catch((error: Error) => loseWith(error));
      }, heartbeatMs);
      heartbeat.unref();
      const lock: HeldNumberLock = {
        onLost(listener) {
          lostListener = listener;
          if (lost) listener(lost);
        },
        async release() {
          if (released) return;
          released = true;
          clearInterval(heartbeat);
          if (lost) return;
          await client.query("SELECT pg_advisory_unlock($1::bigint)", [key]).catch(() => {});
          await client.end().catch(() => {});
        },
      };
      return { acquired: true, lock };
    },
  };
}
