import type { AuthStorage, KeyChange } from "../../../bots/whatsapp/storage.js";
import { PG, pgErrorCode } from "./pg-error.js";
import type { DbClient } from "./prisma-types.js";

const RETRIES = 3;

/** The last change of each (type, id), sorted: concurrent writers then lock rows in one order. */
function settle(changes: readonly KeyChange[]): KeyChange[] {
  const byKey = new Map<string, KeyChange>();
  for (const change of changes) byKey.set(`${change.type}\u0000${change.id}`, change);
  return [...byKey.values()].sort((a, b) =>
    a.type === b.type ? (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) : a.type < b.type ? -1 : 1,
  );
}

/**
 * Baileys' auth state in PostgreSQL: `whatsapp_session` holds the credentials, `whatsapp_auth_key`
 * one row per (session, type, id). A key write is one SQL statement (deletes and upserts
 * together), so it is atomic, durable once it returns, and the same write twice is harmless.
 */
export function prismaWhatsAppAuthStorage(db: DbClient): AuthStorage {
  return {
    async loadCreds(session) {
      const row = await db.whatsappSession.findUnique({ where: { name: session }, select: { creds: true } });
      return row?.creds;
    },

    async createSession(session, creds) {
      await db.whatsappSession.createMany({ data: [{ name: session, creds }], skipDuplicates: true });
      const row = await db.whatsappSession.findUniqueOrThrow({ where: { name: session }, select: { creds: true } });
      return row.creds;
    },

    async saveCreds(session, creds) {
      await db.whatsappSession.updateMany({ where: { name: session }, data: { creds } });
    },

    async readKeys(session, type, ids) {
      if (ids.length === 0) return new Map();
      const rows = await db.whatsappAuthKey.findMany({
        where: { session, type, keyId: { in: [...ids] } },
        select: { keyId: true, value: true },
      });
      return new Map(rows.map((row) => [row.keyId, row.value]));
    },

    async writeKeys(session, changes) {
      const settled = settle(changes);
      if (settled.length === 0) return;
      const deletes = settled.filter((c) => c.value === null);
      const upserts = settled.filter((c) => c.value !== null);
      for (let attempt = 1; ; attempt++) {
        try {
          // a session deleted meanwhile (logout) takes no new keys: the insert finds no session row
          await db.$executeRaw`
            WITH deleted AS (
              DELETE FROM whatsapp_auth_key k
              USING unnest(${deletes.map((c) => c.type)}::text[], ${deletes.map((c) => c.id)}::text[]) AS d(t, i)
              WHERE k.session = ${session} AND k.type = d.t AND k.key_id = d.i
              RETURNING 1
            )
            INSERT INTO whatsapp_auth_key (session, type, key_id, value, updated_at)
            SELECT s.name, u.t, u.i, u.v, now()
            FROM unnest(${upserts.map((c) => c.type)}::text[], ${upserts.map((c) => c.id)}::text[],
                        ${upserts.map((c) => c.value)}::text[]) AS u(t, i, v)
            JOIN whatsapp_session s ON s.name = ${session}
            ORDER BY u.t, u.i
            ON CONFLICT (session, type, key_id) DO UPDATE SET value = EXCLUDED.value, updated_at = EXCLUDED.updated_at`;
          return;
        } catch (error) {
          const code = pgErrorCode(error);
          // the session was deleted between our check and the insert: nothing to keep
          if (code === PG.foreignKeyViolation) return;
          const retriable = code === PG.deadlockDetected || code === PG.serializationFailure;
          if (!retriable || attempt >= RETRIES) throw error;
        }
      }
    },

    async clearKeys(session) {
      await db.whatsappAuthKey.deleteMany({ where: { session } });
    },

    async deleteSession(session) {
      // the foreign keys cascade: keys, sent-message copies and inbound ids go with it
      await db.whatsappSession.deleteMany({ where: { name: session } });
    },
  };
}
