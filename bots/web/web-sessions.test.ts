import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { type WebSessionRecord, type WebSessionStore, webSessions } from "./web-sessions.js";

function memoryStore() {
  const records = new Map<string, { record: WebSessionRecord; ttl: number }>();
  const store: WebSessionStore = {
    find: async (key) => records.get(key)?.record ?? null,
    create: async (key, record, ttl) => {
      records.set(key, { record, ttl });
    },
    touch: async (key, ttl) => {
      const entry = records.get(key);
      if (entry) entry.ttl = ttl;
      return entry !== undefined;
    },
    replace: async (oldKey, newKey, record, ttl) => {
      if (!records.delete(oldKey)) return false;
      records.set(newKey, { record, ttl });
      return true;
    },
  };
  return { store, records };
}

const withCookie = (cookie: string) => ({ headers: { cookie } }) as IncomingMessage;

describe("web sessions", () => {
  it("open a server-minted session that the cookie names, stored under a hash of the token", async () => {
    const { store, records } = memoryStore();
    const sessions = webSessions({ store, secure: false });
    const session = await sessions.open();
    expect(session.token).not.toBe(session.chatId);
    expect([...records.keys()]).not.toContain(session.token);
    expect([...records.values()]).toEqual([{ record: { chatId: session.chatId, consented: false }, ttl: 86_400 }]);
    const cookie = sessions.cookie(session).split(";")[0] ?? "";
    expect(await sessions.resolve(withCookie(cookie))).toEqual({ session, stale: false });
    expect(await sessions.chatIdOf(withCookie(cookie))).toBe(session.chatId);
    expect(await sessions.resolve(withCookie(`sportello_chat=${"x".repeat(43)}`))).toEqual({ stale: true });
    expect(await sessions.resolve(withCookie("other=1"))).toEqual({ stale: false });
  });

  it("renew, rotate on consent keeping the chat, rotate on erasure with a new chat", async () => {
    const { store, records } = memoryStore();
    const sessions = webSessions({ store, secure: true });
    const anonymous = await sessions.open();
    expect(await sessions.settle(anonymous, false)).toBe(anonymous);

    const consented = await sessions.settle(anonymous, true);
    expect(consented).toMatchObject({ chatId: anonymous.chatId, consented: true });
    expect(consented?.token).not.toBe(anonymous.token);
    expect([...records.values()]).toEqual([{ record: { chatId: anonymous.chatId, consented: true }, ttl: 2_592_000 }]);
    expect(sessions.cookie(consented ?? anonymous)).toMatch(
      /^__Host-sportello_chat=[\w-]{43}; Path=\/; Max-Age=2592000;/,
    );
    // the old token is gone: renewing it fails, rotating it again fails
    expect(await sessions.settle(anonymous, false)).toBeUndefined();
    expect(await sessions.settle(anonymous, true)).toBeUndefined();

    const erased = await sessions.settle(consented ?? anonymous, false);
    expect(erased?.consented).toBe(false);
    expect(erased?.chatId).not.toBe(anonymous.chatId);
    expect(erased?.token).not.toBe(consented?.token);
    expect(records.size).toBe(1);
  });
});
