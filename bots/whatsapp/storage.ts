/**
 * What the WhatsApp channel needs to keep, declared here and implemented in app/ (PostgreSQL via
 * Prisma, `app/db/repositories/whatsapp-*.ts`). Values are already serialized strings or bytes:
 * the storage never interprets them. A "session" is one linked number.
 */

/** One key change: `value` null deletes the key. */
export interface KeyChange {
  type: string;
  id: string;
  value: string | null;
}

export interface AuthStorage {
  /** The session's serialized credentials, or undefined when it has none (never linked, or logged out). */
  loadCreds(session: string): Promise<string | undefined>;
  /**
   * Creates the session with these credentials unless it already exists, and returns the
   * credentials stored (the existing ones if another process created it first).
   */
  createSession(session: string, creds: string): Promise<string>;
  /** Replaces the credentials of an existing session; does nothing if it was deleted meanwhile. */
  saveCreds(session: string, creds: string): Promise<void>;
  /** The stored values of these keys of one type; ids not stored are absent. */
  readKeys(session: string, type: string, ids: readonly string[]): Promise<Map<string, string>>;
  /**
   * Applies every change at once: durable when it resolves, all or nothing, and idempotent (the
   * same call twice leaves the same rows). Calls may run concurrently.
   */
  writeKeys(session: string, changes: readonly KeyChange[]): Promise<void>;
  /** Deletes the session's keys only (Baileys' `keys.clear()`); the credentials stay. */
  clearKeys(session: string): Promise<void>;
  /** Deletes the session whole: credentials, keys, sent-message copies, inbound guard. */
  deleteSession(session: string): Promise<void>;
}

/** Copies of messages we sent, for Baileys' retries (`getMessage`). */
export interface SentMessageLog {
  remember(session: string, messageId: string, content: Uint8Array, expiresAt: Date): Promise<void>;
  /** The copy, if still kept and not expired at `now`. */
  find(session: string, messageId: string, now: Date): Promise<Uint8Array | undefined>;
  /** Deletes copies expired at `now`; returns how many. */
  prune(now: Date): Promise<number>;
}

/** The persistent half of inbound de-duplication. */
export interface InboundLog {
  /** Records the message id; true the first time, false when it was recorded before. */
  claim(session: string, messageId: string, at: Date): Promise<boolean>;
  /** Forgets ids recorded before `before`; returns how many. */
  prune(before: Date): Promise<number>;
}

export interface WhatsAppStorage {
  auth: AuthStorage;
  sent: SentMessageLog;
  inbound: InboundLog;
}
