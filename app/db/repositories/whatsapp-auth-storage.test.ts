import {
  addTransactionCapability,
  Curve,
  initAuthCreds,
  proto,
  type SignalDataSet,
  type SignalDataTypeMap,
} from "@whiskeysockets/baileys";
import { describe, expect, it } from "vitest";
import { loadAuthState, serialize, storageKeyStore } from "../../../bots/whatsapp/auth-state.js";
import { baileysLogger } from "../../../bots/whatsapp/baileys-logger.js";
import { silentLog } from "../../../core/log.js";
import { useIntegration } from "../../../test/support/integration.js";
import { prismaWhatsAppAuthStorage } from "./whatsapp-auth-storage.js";
import { prismaWhatsAppInboundLog, prismaWhatsAppSentLog } from "./whatsapp-message-logs.js";

const logger = baileysLogger(silentLog, "silent");

describe("WhatsApp auth state in PostgreSQL", () => {
  const ctx = useIntegration();
  const storage = () => prismaWhatsAppAuthStorage(ctx.db);
  const rows = (session: string) => ctx.db.whatsappAuthKey.count({ where: { session } });

  it("starts a new session from initAuthCreds, stores it at once, and reads the same creds back", async () => {
    const first = await loadAuthState(storage(), "round-trip", logger);
    expect(first.registered()).toBe(false);
    expect(await ctx.db.whatsappSession.count({ where: { name: "round-trip" } })).toBe(1);

    first.state.creds.registered = true;
    first.state.creds.me = { id: "393331234567:7@s.whatsapp.net", lid: "123456789012345:7@lid" };
    first.state.creds.routingInfo = Buffer.from([1, 2, 3, 250]);
    await Promise.all([first.saveCreds(), first.saveCreds(), first.saveCreds()]);
    await first.flush();

    const again = await loadAuthState(storage(), "round-trip", logger);
    expect(again.registered()).toBe(true);
    const creds = again.state.creds;
    // Buffers and Uint8Arrays come back as Buffers, byte for byte
    expect(Buffer.isBuffer(creds.noiseKey.private)).toBe(true);
    expect(Buffer.from(creds.noiseKey.private).equals(Buffer.from(first.state.creds.noiseKey.private))).toBe(true);
    expect(Buffer.from(creds.signedPreKey.signature)).toEqual(Buffer.from(first.state.creds.signedPreKey.signature));
    expect(creds.routingInfo).toEqual(Buffer.from([1, 2, 3, 250]));
    expect(creds.me).toEqual(first.state.creds.me);
    expect(creds.advSecretKey).toBe(first.state.creds.advSecretKey);
  });

  it("round-trips every key type, returns only the ids found, and deletes on null", async () => {
    const keys = storageKeyStore(storage(), "keys");
    await storage().createSession("keys", serialize(initAuthCreds()));
    const pair = Curve.generateKeyPair();
    const syncKey = proto.Message.AppStateSyncKeyData.fromObject({
      keyData: Buffer.from("sync-key-data"),
      fingerprint: { rawId: 7, currentIndex: 1, deviceIndexes: [0, 1] },
      timestamp: 1_733_000_000,
    });
    const data: SignalDataSet = {
      "pre-key": { "1": pair, "2": Curve.generateKeyPair() },
      session: { "393331234567.0": Buffer.from("session-record") },
      "sender-key-memory": { "group@g.us": { "393331234567:1@s.whatsapp.net": true } },
      "app-state-sync-key": { AAAAAQ: syncKey },
      "lid-mapping": { "393331234567": "123456789012345", "123456789012345_reverse": "393331234567" },
      "device-list": { "393331234567": ["0", "7"] },
      tctoken: { "123456789012345@lid": { token: Buffer.from("tc"), timestamp: "1733000000" } },
      "identity-key": { "123456789012345.0": new Uint8Array([9, 8, 7]) },
    };
    await keys.set(data);

    const preKeys = await keys.get("pre-key", ["1", "2", "3"]);
    expect(Object.keys(preKeys).sort()).toEqual(["1", "2"]);
    expect(Buffer.from(preKeys["1"]?.private ?? [])).toEqual(Buffer.from(pair.private));
    expect(await keys.get("lid-mapping", ["123456789012345_reverse", "__index"])).toEqual({
      "123456789012345_reverse": "393331234567",
    });
    expect(await keys.get("device-list", ["393331234567"])).toEqual({ "393331234567": ["0", "7"] });
    expect(await keys.get("sender-key-memory", ["group@g.us"])).toEqual({
      "group@g.us": { "393331234567:1@s.whatsapp.net": true },
    });
    const tc = await keys.get("tctoken", ["123456789012345@lid"]);
    expect(tc["123456789012345@lid"]?.token).toEqual(Buffer.from("tc"));
    expect(Buffer.from((await keys.get("identity-key", ["123456789012345.0"]))["123456789012345.0"] ?? [])).toEqual(
      Buffer.from([9, 8, 7]),
    );
    // app-state-sync-key comes back as the protobuf class Baileys expects
    const sync = (await keys.get("app-state-sync-key", ["AAAAAQ"])).AAAAAQ;
    expect(sync).toBeInstanceOf(proto.Message.AppStateSyncKeyData);
    expect(Buffer.from(sync?.keyData ?? [])).toEqual(Buffer.from("sync-key-data"));
    expect(sync?.fingerprint?.deviceIndexes).toEqual([0, 1]);

    // null deletes, in the same call as an update of another type
    await keys.set({ "pre-key": { "1": null }, session: { "393331234567.0": Buffer.from("newer") } });
    expect(Object.keys(await keys.get("pre-key", ["1", "2"]))).toEqual(["2"]);
    expect((await keys.get("session", ["393331234567.0"]))["393331234567.0"]).toEqual(Buffer.from("newer"));
    expect(await keys.get("pre-key", [])).toEqual({});
  });

  it("is idempotent: the same write twice (a retried commit) leaves the same rows", async () => {
    const keys = storageKeyStore(storage(), "idem");
    await storage().createSession("idem", serialize(initAuthCreds()));
    const data: SignalDataSet = {
      "pre-key": Object.fromEntries(Array.from({ length: 812 }, (_, i) => [String(i + 1), Curve.generateKeyPair()])),
      session: { a: Buffer.from("x"), b: null },
    };
    await keys.set(data);
    await keys.set(data);
    await Promise.all([keys.set(data), keys.set(data), keys.set(data)]);
    expect(await rows("idem")).toBe(813);
    // deleting what is already gone is no error
    await keys.set({ session: { b: null, never: null } });
    expect(await rows("idem")).toBe(813);
  });

  it("keeps every key when many set() calls run at once, one per type, as makeWASocket commits them", async () => {
    await storage().createSession("concurrent", serialize(initAuthCreds()));
    // Baileys' own transaction layer, over the same store the socket uses
    const keys = addTransactionCapability(storageKeyStore(storage(), "concurrent"), logger, {
      maxCommitRetries: 1,
      delayBetweenTriesMs: 10,
    });
    const types = ["pre-key", "session", "sender-key", "identity-key", "device-list", "lid-mapping"] as const;
    const value = (type: (typeof types)[number], n: number): SignalDataTypeMap[typeof type] =>
      type === "pre-key"
        ? Curve.generateKeyPair()
        : type === "device-list"
          ? [String(n)]
          : type === "lid-mapping"
            ? `lid-${n}`
            : Buffer.from(`${type}-${n}`);
    const ROUNDS = 40;
    // many transactions at once, each touching several types: Baileys commits each type's
    // mutations with its own concurrent set() call
    await Promise.all(
      Array.from({ length: ROUNDS }, (_, round) =>
        keys.transaction(async () => {
          for (const type of types) {
            await keys.set({ [type]: { [`${round}-a`]: value(type, round), [`${round}-b`]: value(type, round) } });
          }
        }, `tx-${round}`),
      ),
    );
    // and plain concurrent calls on overlapping ids
    const raw = storageKeyStore(storage(), "concurrent");
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        raw.set({ session: { shared: Buffer.from(`v${i}`) }, "sender-key": { [`extra-${i}`]: Buffer.from("k") } }),
      ),
    );
    expect(await rows("concurrent")).toBe(ROUNDS * types.length * 2 + 1 + 30);
    const sessions = await raw.get(
      "session",
      Array.from({ length: ROUNDS }, (_, round) => `${round}-a`),
    );
    expect(Object.keys(sessions)).toHaveLength(ROUNDS);
    expect(sessions["17-a"]).toEqual(Buffer.from("session-17"));
    const shared = (await raw.get("session", ["shared"])).shared;
    expect(shared && /^v\d+$/.test(Buffer.from(shared).toString())).toBe(true);
  });

  it("keeps sessions apart", async () => {
    await storage().createSession("one", serialize(initAuthCreds()));
    await storage().createSession("two", serialize(initAuthCreds()));
    await storageKeyStore(storage(), "one").set({ session: { x: Buffer.from("1") } });
    await storageKeyStore(storage(), "two").set({ session: { x: Buffer.from("2") } });
    expect((await storageKeyStore(storage(), "one").get("session", ["x"])).x).toEqual(Buffer.from("1"));
    expect((await storageKeyStore(storage(), "two").get("session", ["x"])).x).toEqual(Buffer.from("2"));
  });

  it("deletes the session whole on logout: creds, keys, sent copies and inbound ids; nothing comes back", async () => {
    const auth = await loadAuthState(storage(), "logout", logger);
    await auth.state.keys.set({ session: { x: Buffer.from("1") }, "pre-key": { "1": Curve.generateKeyPair() } });
    await prismaWhatsAppSentLog(ctx.db).remember("logout", "M1", new Uint8Array([1]), new Date(Date.now() + 60_000));
    await prismaWhatsAppInboundLog(ctx.db).claim("logout", "IN1", new Date());
    await prismaWhatsAppAuthStorage(ctx.db).createSession("other", serialize(initAuthCreds()));

    await storage().deleteSession("logout");
    expect(await storage().loadCreds("logout")).toBeUndefined();
    expect(await rows("logout")).toBe(0);
    expect(await ctx.db.whatsappSentMessage.count({ where: { session: "logout" } })).toBe(0);
    expect(await ctx.db.whatsappInboundMessage.count({ where: { session: "logout" } })).toBe(0);
    expect(await storage().loadCreds("other")).toBeDefined();

    // a socket still closing may write once more: it resurrects nothing
    await auth.saveCreds();
    await storageKeyStore(storage(), "logout").set({ session: { late: Buffer.from("1") } });
    expect(await storage().loadCreds("logout")).toBeUndefined();
    expect(await rows("logout")).toBe(0);

    // a new link starts from fresh creds
    const fresh = await loadAuthState(storage(), "logout", logger);
    expect(fresh.registered()).toBe(false);
    expect(fresh.state.creds.advSecretKey).not.toBe(auth.state.creds.advSecretKey);
  });

  it("clears only the keys when Baileys asks keys.clear()", async () => {
    const auth = await loadAuthState(storage(), "clear-keys", logger);
    await auth.state.keys.set({ session: { x: Buffer.from("1") } });
    await auth.state.keys.clear?.();
    expect(await rows("clear-keys")).toBe(0);
    expect(await storage().loadCreds("clear-keys")).toBeDefined();
    expect(await auth.state.keys.get("session", ["x"])).toEqual({});
  });

  it("lets two processes create the same new session at once, both ending with the same creds", async () => {
    const [a, b] = await Promise.all([
      loadAuthState(prismaWhatsAppAuthStorage(ctx.db), "race", logger),
      loadAuthState(prismaWhatsAppAuthStorage(ctx.db), "race", logger),
    ]);
    expect(a.state.creds.advSecretKey).toBe(b.state.creds.advSecretKey);
  });
});

describe("WhatsApp message logs in PostgreSQL", () => {
  const ctx = useIntegration();

  it("keeps sent copies until they expire, then prunes them", async () => {
    await prismaWhatsAppAuthStorage(ctx.db).createSession("s", serialize(initAuthCreds()));
    const sent = prismaWhatsAppSentLog(ctx.db);
    const now = new Date("2026-12-01T10:00:00Z");
    const bytes = proto.Message.encode({ conversation: "Ciao" }).finish();
    await sent.remember("s", "A", bytes, new Date(now.getTime() + 60_000));
    await sent.remember("s", "B", bytes, new Date(now.getTime() - 1));
    const found = await sent.find("s", "A", now);
    expect(proto.Message.decode(found ?? new Uint8Array()).conversation).toBe("Ciao");
    expect(await sent.find("s", "B", now)).toBeUndefined();
    expect(await sent.find("s", "nope", now)).toBeUndefined();
    expect(await sent.prune(now)).toBe(1);
    expect(await ctx.db.whatsappSentMessage.count()).toBe(1);
  });

  it("claims an inbound id once, even when claimed many times at once", async () => {
    await prismaWhatsAppAuthStorage(ctx.db).createSession("in", serialize(initAuthCreds()));
    const inbound = prismaWhatsAppInboundLog(ctx.db);
    const at = new Date("2026-12-01T10:00:00Z");
    const claims = await Promise.all(Array.from({ length: 20 }, () => inbound.claim("in", "MSG", at)));
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await inbound.claim("in", "OTHER", at)).toBe(true);
    expect(await inbound.prune(new Date(at.getTime() + 1))).toBe(2);
    expect(await inbound.claim("in", "MSG", at)).toBe(true);
  });
});
