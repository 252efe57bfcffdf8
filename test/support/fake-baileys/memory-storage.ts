import type { WhatsAppStorage } from "../../../bots/whatsapp/storage.js";

/**
 * The WhatsApp storage in memory, for unit tests of the connection and the pipeline (the
 * PostgreSQL one is tested on its own, in app/db/repositories/whatsapp-auth-storage.test.ts).
 */
export function memoryWhatsAppStorage(): WhatsAppStorage & {
  sessions: Map<string, string>;
  keys: Map<string, string>;
  sentCopies: Map<string, { content: Uint8Array; expiresAt: Date }>;
  inboundIds: Map<string, Date>;
} {
  const sessions = new Map<string, string>();
  const keys = new Map<string, string>();
  const sentCopies = new Map<string, { content: Uint8Array; expiresAt: Date }>();
  const inboundIds = new Map<string, Date>();
  const keyOf = (...parts: string[]) => parts.join("\u0000");
  const dropPrefix = (map: Map<string, unknown>, session: string) => {
    for (const key of [...map.keys()]) if (key.startsWith(`${session}\u0000`)) map.delete(key);
  };
  return {
    sessions,
    keys,
    sentCopies,
    inboundIds,
    auth: {
      loadCreds: async (session) => sessions.get(session),
      async createSession(session, creds) {
        if (!sessions.has(session)) sessions.set(session, creds);
        return sessions.get(session) ?? creds;
      },
      async saveCreds(session, creds) {
        if (sessions.has(session)) sessions.set(session, creds);
      },
      async readKeys(session, type, ids) {
        const found = new Map<string, string>();
        for (const id of ids) {
          const value = keys.get(keyOf(session, type, id));
          if (value !== undefined) found.set(id, value);
        }
        return found;
      },
      async writeKeys(session, changes) {
        if (!sessions.has(session)) return;
        for (const change of changes) {
          if (change.value === null) keys.delete(keyOf(session, change.type, change.id));
          else keys.set(keyOf(session, change.type, change.id), change.value);
        }
      },
      async clearKeys(session) {
        dropPrefix(keys, session);
      },
      async deleteSession(session) {
        sessions.delete(session);
        dropPrefix(keys, session);
        dropPrefix(sentCopies, session);
        dropPrefix(inboundIds, session);
      },
    },
    sent: {
      async remember(session, messageId, content, expiresAt) {
        sentCopies.set(keyOf(session, messageId), { content, expiresAt });
      },
      async find(session, messageId, now) {
        const copy = sentCopies.get(keyOf(session, messageId));
        return copy && copy.expiresAt > now ? copy.content : undefined;
      },
      async prune(now) {
        let n = 0;
        for (const [key, copy] of sentCopies) if (copy.expiresAt <= now && sentCopies.delete(key)) n++;
        return n;
      },
    },
    inbound: {
      async claim(session, messageId, at) {
        const key = keyOf(session, messageId);
        if (inboundIds.has(key)) return false;
        inboundIds.set(key, at);
        return true;
      },
      async prune(before) {
        let n = 0;
        for (const [key, at] of inboundIds) if (at < before && inboundIds.delete(key)) n++;
        return n;
      },
    },
  };
}
