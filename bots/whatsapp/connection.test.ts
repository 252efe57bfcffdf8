import { describe, expect, it } from "vitest";
import { silentLog } from "../../core/log.js";
import { fakeBaileys } from "../../test/support/fake-baileys/fake-socket.js";
import { linkedStorage, manualTimers, settle } from "../../test/support/fake-baileys/helpers.js";
import { memoryWhatsAppStorage } from "../../test/support/fake-baileys/memory-storage.js";
import { type ConnectionStatus, createWhatsAppConnection, type OperatorAlert } from "./connection.js";
import { processNumberLock } from "./number-lock.js";
import type { WhatsAppSocket } from "./socket.js";

const SESSION = "main";
const HOUR = 60 * 60 * 1000;

async function setup(
  options: { storage?: Awaited<ReturnType<typeof linkedStorage>>; lock?: ReturnType<typeof processNumberLock> } = {},
) {
  const storage = options.storage ?? (await linkedStorage(SESSION));
  const fake = fakeBaileys();
  const timers = manualTimers();
  const lock = options.lock ?? processNumberLock();
  const alerts: OperatorAlert[] = [];
  const statuses: ConnectionStatus[] = [];
  const attached: WhatsAppSocket[] = [];
  const connection = createWhatsAppConnection({
    session: SESSION,
    storage,
    lock,
    makeSocket: fake.factory,
    log: silentLog,
    timers,
    backoff: { initialMs: 2_000, maxMs: 300_000, random: () => 1 },
    onAlert: (a) => alerts.push(a),
    onStatus: (s) => statuses.push(s),
    onSocket: (s) => attached.push(s),
  });
  /** Reconnect delays waiting (the hourly prune is not one). */
  const retries = () => timers.pending().filter((ms) => ms !== HOUR);
  return { storage, fake, timers, lock, alerts, statuses, attached, connection, retries };
}

async function opened(options: Parameters<typeof setup>[0] = {}) {
  const s = await setup(options);
  await s.connection.start();
  s.fake.latest().open();
  return s;
}

describe("WhatsApp connection", () => {
  it("builds a socket with the session's creds and the shared retry cache, and is healthy once open", async () => {
    const s = await setup();
    await s.connection.start();
    expect(s.fake.sockets).toHaveLength(1);
    expect(s.connection.status()).toMatchObject({ phase: "connecting", healthy: false, linked: true });
    const socket = s.fake.latest();
    expect(socket.input.auth.creds.registered).toBe(true);
    socket.open();
    expect(s.connection.status()).toMatchObject({ phase: "open", healthy: true, detail: "connected" });
    expect(s.connection.socket()).toBe(socket);
    // the retry counters live outside the socket: the next socket gets the same cache
    await socket.close(515);
    expect(s.fake.sockets[1]?.input.msgRetryCounterCache).toBe(socket.input.msgRetryCounterCache);
    expect(JSON.stringify(s.connection.status())).not.toMatch(/393330000000|@lid|@s\.whatsapp\.net/);
  });

  it("re-attaches the handlers on every new socket", async () => {
    const s = await opened();
    await s.fake.latest().close(428);
    s.timers.fire();
    await s.fake.latest().close(515);
    expect(s.fake.sockets).toHaveLength(3);
    expect(s.attached).toEqual(s.fake.sockets);
    // the connection's own listeners are on the newest socket too
    s.fake.latest().open();
    expect(s.connection.status().phase).toBe("open");
  });

  it("saves the whole creds on creds.update, and finishes the write before reconnecting", async () => {
    const s = await opened();
    const order: string[] = [];
    const save = s.storage.auth.saveCreds;
    s.storage.auth.saveCreds = async (session, creds) => {
      await new Promise((resolve) => setTimeout(resolve, 30));
      await save(session, creds);
      order.push("creds saved");
    };
    const first = s.fake.latest();
    first.ev.emit("creds.update", { accountSyncCounter: 41 });
    await first.close(515);
    order.push(`socket ${s.fake.sockets.length}`);
    await expect.poll(() => s.fake.sockets.length).toBe(2);
    const stored = JSON.parse(s.storage.sessions.get(SESSION) ?? "{}");
    expect(stored.accountSyncCounter).toBe(41);
    expect(stored.registered).toBe(true); // the whole creds, not the update alone
    expect(stored.noiseKey.private.type).toBe("Buffer");
    expect(order).toEqual(["socket 1", "creds saved"]);
  });

  it("515 (restart required): reconnects at once, no backoff", async () => {
    const s = await opened();
    await s.fake.latest().close(515);
    await settle();
    expect(s.fake.sockets).toHaveLength(2);
    expect(s.retries()).toEqual([]);
    expect(s.alerts).toEqual([]);
  });

  it("401 (logged out): deletes creds and keys, tells the operator, does not reconnect; takes up a new link by itself", async () => {
    const s = await opened();
    await s.fake.latest().input.auth.keys.set({ session: { x: Buffer.from("1") } });
    expect(s.storage.keys.size).toBe(1);
    await s.fake.latest().close(401);
    await settle();
    expect(s.storage.sessions.has(SESSION)).toBe(false);
    expect(s.storage.keys.size).toBe(0);
    expect(s.connection.status()).toMatchObject({ phase: "logged_out", healthy: false, linked: false });
    expect(s.alerts).toEqual([expect.objectContaining({ phase: "logged_out", code: 401 })]);
    expect(s.alerts[0]?.message).toContain("npm run whatsapp:link");
    // the lock is free for the linking command meanwhile
    const other = await s.lock.acquire(SESSION);
    expect(other.acquired).toBe(true);
    if (other.acquired) await other.lock.release();

    s.timers.fire(); // looks again: still nothing linked
    await settle();
    expect(s.fake.sockets).toHaveLength(1);
    expect(s.connection.status().phase).toBe("logged_out");
    expect(s.storage.sessions.has(SESSION)).toBe(true); // a fresh, unregistered session

    // someone links the number with whatsapp:link: the next look connects
    const relinked = await linkedStorage(SESSION);
    s.storage.sessions.set(SESSION, relinked.sessions.get(SESSION) ?? "");
    s.timers.fire();
    await settle();
    expect(s.fake.sockets).toHaveLength(2);
    s.fake.latest().open();
    expect(s.connection.status()).toMatchObject({ phase: "open", linked: true });
  });

  it("440 (replaced): stops, tells the operator, never loops, keeps the lock from standby processes", async () => {
    const s = await opened();
    await s.fake.latest().close(440);
    await settle();
    expect(s.connection.status()).toMatchObject({ phase: "replaced", healthy: false });
    expect(s.alerts).toEqual([expect.objectContaining({ phase: "replaced", code: 440 })]);
    expect(s.retries()).toEqual([]);
    s.timers.fire();
    await settle();
    expect(s.fake.sockets).toHaveLength(1);
    expect((await s.lock.acquire(SESSION)).acquired).toBe(false);
    await s.connection.stop();
    expect((await s.lock.acquire(SESSION)).acquired).toBe(true);
  });

  for (const code of [428, 408, 503]) {
    it(`${code}: reconnects with a growing backoff, quietly`, async () => {
      const s = await opened();
      await s.fake.latest().close(code);
      await settle();
      expect(s.connection.status()).toMatchObject({ phase: "reconnecting", failures: 1 });
      expect(s.connection.status().nextAttemptAt).toBeDefined();
      expect(s.retries()).toEqual([2_000]);
      expect(s.fake.sockets).toHaveLength(1);
      s.timers.fire();
      expect(s.fake.sockets).toHaveLength(2);
      await s.fake.latest().close(code); // fails again before opening
      await settle();
      expect(s.retries()).toEqual([4_000]);
      s.timers.fire();
      await s.fake.latest().close(code);
      await settle();
      expect(s.retries()).toEqual([8_000]);
      expect(s.alerts).toEqual([]);
      expect(s.connection.status().lastDisconnect?.code).toBe(code);
    });
  }

  it("caps the backoff, and resets it after a connection that stayed open", async () => {
    let clock = Date.parse("2026-12-01T10:00:00Z");
    const storage = await linkedStorage(SESSION);
    const fake = fakeBaileys();
    const timers = manualTimers();
    const connection = createWhatsAppConnection({
      session: SESSION,
      storage,
      lock: processNumberLock(),
      makeSocket: fake.factory,
      log: silentLog,
      timers,
      now: () => new Date(clock),
      backoff: { initialMs: 2_000, maxMs: 10_000, random: () => 1 },
    });
    await connection.start();
    const delays: number[] = [];
    for (let i = 0; i < 5; i++) {
      await fake.latest().close(408);
      await settle();
      delays.push(...timers.pending().filter((ms) => ms !== HOUR));
      timers.fire();
    }
    expect(delays).toEqual([2_000, 4_000, 8_000, 10_000, 10_000]);
    fake.latest().open();
    clock += 61_000;
    await fake.latest().close(408);
    await settle();
    expect(timers.pending().filter((ms) => ms !== HOUR)).toEqual([2_000]);
    expect(connection.status().failures).toBe(1);
  });

  it("500: backs off, and tells the operator once when it persists", async () => {
    const s = await opened();
    for (let i = 0; i < 6; i++) {
      await s.fake.latest().close(500);
      await settle();
      s.timers.fire();
    }
    expect(s.fake.sockets).toHaveLength(7);
    expect(s.alerts).toHaveLength(1);
    expect(s.alerts[0]).toMatchObject({ phase: "reconnecting", code: 500 });
    expect(s.alerts[0]?.message).toContain("5 times in a row");
  });

  for (const code of [403, 411]) {
    it(`${code}: stops and tells the operator (often before a ban)`, async () => {
      const s = await opened();
      await s.fake.latest().close(code);
      await settle();
      expect(s.connection.status().phase).toBe("blocked");
      expect(s.alerts).toEqual([expect.objectContaining({ phase: "blocked", code })]);
      s.timers.fire();
      await settle();
      expect(s.fake.sockets).toHaveLength(1);
    });
  }

  it("405: stops and says to upgrade Baileys", async () => {
    const s = await opened();
    await s.fake.latest().close(405);
    await settle();
    expect(s.connection.status().phase).toBe("outdated");
    expect(s.alerts[0]?.message).toContain("upgrade @whiskeysockets/baileys");
    s.timers.fire();
    expect(s.fake.sockets).toHaveLength(1);
  });

  it("an error without a status code counts as a transient drop", async () => {
    const s = await opened();
    await s.fake.latest().end(new Error("socket hang up"));
    await settle();
    expect(s.connection.status()).toMatchObject({ phase: "reconnecting", failures: 1 });
    expect(s.connection.status().lastDisconnect?.code).toBeUndefined();
  });

  it("without a linked number: makes no socket, says how to link, frees the lock and looks again", async () => {
    const storage = memoryWhatsAppStorage();
    const s = await setup({ storage });
    await s.connection.start();
    expect(s.fake.sockets).toHaveLength(0);
    expect(s.connection.status()).toMatchObject({ phase: "not_linked", linked: false });
    expect(s.alerts[0]?.message).toContain("npm run whatsapp:link -- --phone <number>");
    expect(s.retries()).toEqual([60_000]);
    expect((await s.lock.acquire(SESSION)).acquired).toBe(true);
  });

  it("a second process for the same number is refused with a clear message and waits in standby", async () => {
    const lock = processNumberLock();
    const first = await opened({ lock });
    const second = await setup({ lock, storage: first.storage });
    await second.connection.start();
    expect(second.fake.sockets).toHaveLength(0);
    expect(second.connection.status().phase).toBe("standby");
    expect(second.connection.status().detail).toContain(
      'WhatsApp session "main" is already in use by another Sportello process',
    );
    expect(second.alerts).toHaveLength(1);
    // the first stops: the standby one takes the number at its next look
    await first.connection.stop();
    second.timers.fire();
    await settle();
    expect(second.fake.sockets).toHaveLength(1);
  });

  it("closes the socket when the lock is lost, then takes the lock again before reconnecting", async () => {
    let lose: (error: Error) => void = () => {};
    let refuse = false;
    const lock = {
      async acquire() {
        if (refuse) return { acquired: false as const, holder: "another host" };
        return {
          acquired: true as const,
          lock: {
            onLost: (listener: (error: Error) => void) => {
              lose = listener;
            },
            release: async () => {},
          },
        };
      },
    };
    const s = await opened({ lock });
    const socket = s.fake.latest();
    refuse = true;
    lose(new Error("connection terminated"));
    await settle();
    expect(socket.ended).toBe(true);
    expect(s.connection.status().phase).toBe("standby");
    s.timers.fire();
    await settle();
    expect(s.fake.sockets).toHaveLength(1); // still refused
    refuse = false;
    s.timers.fire();
    await settle();
    expect(s.fake.sockets).toHaveLength(2);
  });

  it("stop() closes the socket without logging out or reconnecting, and frees the lock", async () => {
    const s = await opened();
    const socket = s.fake.latest();
    await s.connection.stop();
    expect(socket.ended).toBe(true);
    expect(socket.endedWith).toBeUndefined();
    expect(s.connection.status()).toMatchObject({ phase: "stopped", healthy: false });
    expect(s.retries()).toEqual([]);
    expect(s.storage.sessions.has(SESSION)).toBe(true);
    expect((await s.lock.acquire(SESSION)).acquired).toBe(true);
  });

  it("answers Baileys' getMessage from the copies of sent messages", async () => {
    const s = await opened();
    const socket = s.fake.latest();
    const sent = await socket.sendMessage("123@lid", { text: "Ciao" });
    await s.connection.sent.remember(sent);
    const found = await socket.input.getMessage({ id: sent?.key.id ?? "", remoteJid: "123@lid", fromMe: true });
    expect(found?.conversation).toBe("Ciao");
    expect(await socket.input.getMessage({ id: "unknown" })).toBeUndefined();
  });

  it("shows WhatsApp's reach-out restriction in the status while it lasts", async () => {
    const s = await opened();
    const until = new Date("2026-12-02T10:00:00Z");
    s.fake.latest().reachoutLock(until);
    expect(s.connection.status().reachoutLockedUntil).toBe(until.toISOString());
    expect(s.alerts[0]?.message).toContain("restricts this number");
    s.fake.latest().reachoutLock(undefined);
    expect(s.connection.status().reachoutLockedUntil).toBeUndefined();
  });
});
