import {
  type AuthenticationCreds,
  type AuthenticationState,
  BufferJSON,
  initAuthCreds,
  makeCacheableSignalKeyStore,
  proto,
  type SignalDataSet,
  type SignalDataTypeMap,
  type SignalKeyStore,
} from "@whiskeysockets/baileys";
import type { BaileysLogger } from "./baileys-logger.js";
import type { AuthStorage, KeyChange } from "./storage.js";

export const serialize = (value: unknown): string => JSON.stringify(value, BufferJSON.replacer);
export const deserialize = <T>(text: string): T => JSON.parse(text, BufferJSON.reviver) as T;

/**
 * The raw key store over the storage port: `get` answers `{ [id]: value }` for the ids found,
 * `set` turns one Baileys change set (every type at once, `null` deletes) into one atomic write.
 */
export function storageKeyStore(storage: AuthStorage, session: string): SignalKeyStore {
  return {
    async get<T extends keyof SignalDataTypeMap>(type: T, ids: string[]) {
      const found = await storage.readKeys(session, type, ids);
      const out: { [id: string]: SignalDataTypeMap[T] } = {};
      for (const id of ids) {
        const text = found.get(id);
        if (text === undefined) continue;
        let value = deserialize<SignalDataTypeMap[T]>(text);
        // stored as a plain object; Baileys expects the protobuf class for this one
        if (type === "app-state-sync-key" && value) {
          value = proto.Message.AppStateSyncKeyData.fromObject(value as object) as unknown as SignalDataTypeMap[T];
        }
        out[id] = value;
      }
      return out;
    },
    async set(data: SignalDataSet) {
      const changes: KeyChange[] = [];
      for (const [type, entries] of Object.entries(data)) {
        for (const [id, value] of Object.entries(entries ?? {})) {
          changes.push({ type, id, value: value === null || value === undefined ? null : serialize(value) });
        }
      }
      if (changes.length > 0) await storage.writeKeys(session, changes);
    },
    async clear() {
      await storage.clearKeys(session);
    },
  };
}

export interface StoredAuthState {
  /** What `makeWASocket({ auth })` takes: the creds object and the cached key store. */
  state: AuthenticationState;
  /** Saves the whole current creds (`creds.update` handler). Writes run one at a time, the latest wins. */
  saveCreds(): Promise<void>;
  /** Resolves when no creds write is pending (before reconnecting, before stopping). */
  flush(): Promise<void>;
  /** Whether the number is linked (the phone confirmed the pairing). */
  registered(): boolean;
}

/**
 * Loads a session's auth state from the storage, or starts a new one from `initAuthCreds()`
 * (stored at once, so that every key written after belongs to an existing session).
 */
export async function loadAuthState(
  storage: AuthStorage,
  session: string,
  logger: BaileysLogger,
): Promise<StoredAuthState> {
  const stored =
    (await storage.loadCreds(session)) ?? (await storage.createSession(session, serialize(initAuthCreds())));
  const creds = deserialize<AuthenticationCreds>(stored);
  const keys = makeCacheableSignalKeyStore(storageKeyStore(storage, session), logger);

  let writing: Promise<void> | undefined;
  let dirty = false;
  const saveCreds = (): Promise<void> => {
    dirty = true;
    if (!writing) {
      writing = (async () => {
        try {
          while (dirty) {
            dirty = false;
            // serialized when written, not when asked: a write always carries the latest creds
            await storage.saveCreds(session, serialize(creds));
          }
        } finally {
          writing = undefined;
        }
      })();
    }
    return writing;
  };

  return {
    state: { creds, keys },
    saveCreds,
    async flush() {
      while (writing) await writing.catch(() => {});
    },
    registered: () => creds.registered === true,
  };
}
