import { createHash } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { ANONYMOUS_TTL_SECONDS, CONVERSATION_TTL_SECONDS } from "../../core/conversation/engine.js";
import { clearedSessionCookie, newToken, readSessionCookie, sessionCookie } from "./session-cookie.js";

/** What the server keeps of a web chat session. */
export interface WebSessionRecord {
  /** The stable web chat id: the engine's `userId` for channel "web" (and the citizen's channel identity once they consent). */
  chatId: string;
  /** Whether, at the last check, this chat belonged to a citizen who accepted the privacy notice. */
  consented: boolean;
}

/**
 * Where web chat sessions live (Redis in production). Keys are hashes of the cookie's token:
 * the store never holds a token a browser could present.
 */
export interface WebSessionStore {
  find(key: string): Promise<WebSessionRecord | null>;
  create(key: string, record: WebSessionRecord, ttlSeconds: number): Promise<void>;
  /** Keeps a session alive; false when it no longer exists (expired, or replaced meanwhile). */
  touch(key: string, ttlSeconds: number): Promise<boolean>;
  /** Atomically: if `oldKey` exists, deletes it and stores `record` under `newKey`. False when `oldKey` was gone. */
  replace(oldKey: string, newKey: string, record: WebSessionRecord, ttlSeconds: number): Promise<boolean>;
}

export interface WebSession extends WebSessionRecord {
  /** The cookie's value: random, minted by the server, replaced on consent and on erasure. */
  token: string;
}

export interface ResolvedSession {
  session?: WebSession;
  /** A cookie of ours came with the request but names no live session (invented, expired, rotated away). */
  stale: boolean;
}

export interface WebSessions {
  /** The live session a request's cookie names. The only read: nothing is written. */
  resolve(req: IncomingMessage): Promise<ResolvedSession>;
  /**
   * The stable web chat id of a request, or undefined without a live session. This is the id
   * under which the engine knows the chat (`ChatIdentity.userId` for channel "web"): use it to
   * find what belongs to the person on this page (e.g. messages sent while it was closed).
   */
  chatIdOf(req: IncomingMessage): Promise<string | undefined>;
  /** A new session: fresh token, fresh chat id, anonymous. */
  open(): Promise<WebSession>;
  /**
   * After a turn: renews the session, or, when the chat's consent changed, replaces its token
   * (the old one stops working). On consent the chat id stays; on erasure the chat gets a new
   * one too. Returns the session whose cookie to send, or undefined when another request
   * replaced the token meanwhile (then no cookie must be sent: it would bring back a dead token).
   */
  settle(session: WebSession, consentedNow: boolean): Promise<WebSession | undefined>;
  cookie(session: WebSession): string;
  clearCookie(): string;
}

const keyOf = (token: string) => createHash("sha256").update(token).digest("base64url");
const ttlOf = (consented: boolean) => (consented ? CONVERSATION_TTL_SECONDS : ANONYMOUS_TTL_SECONDS);

export function webSessions(options: { store: WebSessionStore; secure: boolean }): WebSessions {
  const { store, secure } = options;

  const sessions: WebSessions = {
    async resolve(req) {
      const { token, present } = readSessionCookie(req, { secure });
      if (!token) return { stale: present };
      const record = await store.find(keyOf(token));
      return record ? { session: { ...record, token }, stale: false } : { stale: true };
    },

    async chatIdOf(req) {
      return (await sessions.resolve(req)).session?.chatId;
    },

    async open() {
      const session: WebSession = { token: newToken(), chatId: newToken(), consented: false };
      await store.create(keyOf(session.token), { chatId: session.chatId, consented: false }, ttlOf(false));
      return session;
    },

    async settle(session, consentedNow) {
      if (consentedNow === session.consented) {
        return (await store.touch(keyOf(session.token), ttlOf(consentedNow))) ? session : undefined;
      }
      // consent given: same chat, new token; erasure: nothing of the old chat is kept, not even its id
      const next: WebSession = {
        token: newToken(),
        chatId: consentedNow ? session.chatId : newToken(),
        consented: consentedNow,
      };
      const replaced = await store.replace(
        keyOf(session.token),
        keyOf(next.token),
        { chatId: next.chatId, consented: next.consented },
        ttlOf(next.consented),
      );
      return replaced ? next : undefined;
    },

    cookie: (session) => sessionCookie(session.token, { secure, maxAgeSeconds: ttlOf(session.consented) }),
    clearCookie: () => clearedSessionCookie({ secure }),
  };
  return sessions;
}
