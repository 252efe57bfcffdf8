import { loadAuthState } from "../../../bots/whatsapp/auth-state.js";
import { baileysLogger } from "../../../bots/whatsapp/baileys-logger.js";
import type { Timers } from "../../../bots/whatsapp/connection.js";
import type { SocketInput } from "../../../bots/whatsapp/socket.js";
import type { WhatsAppStorage } from "../../../bots/whatsapp/storage.js";
import { ttlCache } from "../../../bots/whatsapp/ttl-cache.js";
import { silentLog } from "../../../core/log.js";
import { memoryWhatsAppStorage } from "./memory-storage.js";

/** The linked number of the fake sessions, and its LID. */
export const OWN_PHONE = "393330000000";
export const OWN_LID = "999000999000999";

/** A storage holding a session already linked (creds registered), as after `whatsapp:link`. */
export async function linkedStorage(session: string) {
  const storage = memoryWhatsAppStorage();
  const auth = await loadAuthState(storage.auth, session, baileysLogger(silentLog, "silent"));
  auth.state.creds.registered = true;
  auth.state.creds.me = { id: `${OWN_PHONE}:3@s.whatsapp.net`, lid: `${OWN_LID}:3@lid`, name: "Sportello" };
  await auth.saveCreds();
  return storage;
}

/** Timers the test fires by hand; it sees every delay asked for. */
export function manualTimers(): Timers & {
  pending(): number[];
  fire(): void;
} {
  const waiting = new Map<number, { run: () => void; ms: number }>();
  let next = 0;
  return {
    set(run, ms) {
      waiting.set(++next, { run, ms });
      return next;
    },
    clear(handle) {
      waiting.delete(handle as number);
    },
    /** The delays of the timers still waiting, oldest first. */
    pending: () => [...waiting.values()].map((t) => t.ms),
    /** Runs every timer waiting now (not those they set). */
    fire() {
      const due = [...waiting.entries()];
      for (const [handle] of due) waiting.delete(handle);
      for (const [, timer] of due) timer.run();
    },
  };
}

/** Lets pending promise chains (storage calls, handlers) run. */
export async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setImmediate(resolve));
}

/** What the connection would give a socket, for tests that drive a fake socket without a connection. */
export async function socketInput(storage: WhatsAppStorage, session = "main"): Promise<SocketInput> {
  const logger = baileysLogger(silentLog, "silent");
  const auth = await loadAuthState(storage.auth, session, logger);
  return {
    auth: auth.state,
    logger,
    getMessage: async () => undefined,
    msgRetryCounterCache: ttlCache({ ttlMs: 60_000, max: 100 }),
  };
}
