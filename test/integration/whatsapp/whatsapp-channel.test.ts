import type { AnyMessageContent } from "@whiskeysockets/baileys";
import { afterEach, describe, expect, it } from "vitest";
import { prismaWhatsAppStorage } from "../../../app/db/repositories/whatsapp-storage.js";
import { postgresNumberLock } from "../../../app/db/whatsapp-number-lock.js";
import { createWhatsApp } from "../../../app/whatsapp-setup.js";
import { loadAuthState } from "../../../bots/whatsapp/auth-state.js";
import { baileysLogger } from "../../../bots/whatsapp/baileys-logger.js";
import type { WhatsAppStorage } from "../../../bots/whatsapp/storage.js";
import { type WhatsAppChannel, whatsappChannel } from "../../../bots/whatsapp/whatsapp-channel.js";
import it_ from "../../../core/conversation/messages/it.json" with { type: "json" };
import { silentLog } from "../../../core/log.js";
import { testEngine } from "../../support/engine-chat.js";
import { fakeBaileys, incomingMessage } from "../../support/fake-baileys/fake-socket.js";
import { OWN_LID, OWN_PHONE } from "../../support/fake-baileys/helpers.js";
import { testCore } from "../../support/fixtures.js";
import { useIntegration } from "../../support/integration.js";

const IT: Record<string, string> = it_;
const text = (content: AnyMessageContent) => ("text" in content ? content.text : "");

describe("WhatsApp channel: the real adapter, engine and PostgreSQL, driven by the fake socket", () => {
  const ctx = useIntegration();
  const channels: WhatsAppChannel[] = [];
  afterEach(async () => {
    for (const channel of channels.splice(0)) await channel.stop();
  });

  async function linked(session: string) {
    const storage = prismaWhatsAppStorage(ctx.db);
    const auth = await loadAuthState(storage.auth, session, baileysLogger(silentLog, "silent"));
    auth.state.creds.registered = true;
    auth.state.creds.me = { id: `${OWN_PHONE}:3@s.whatsapp.net`, lid: `${OWN_LID}:3@lid` };
    await auth.saveCreds();
    return storage;
  }

  /** A channel on the test's database and engine, over a new fake socket, started. */
  async function channelOn(session: string, storage: WhatsAppStorage) {
    const fake = fakeBaileys();
    const channel = whatsappChannel({
      session,
      storage,
      lock: postgresNumberLock(ctx.databaseUrl),
      engine: testEngine(ctx, testCore(ctx.db)),
      log: silentLog,
      makeSocket: fake.factory,
      sending: { intervalMs: 5, jitterMs: 0 },
    });
    channels.push(channel);
    await channel.start();
    return { fake, channel };
  }

  async function running(session: string) {
    const storage = await linked(session);
    const { fake, channel } = await channelOn(session, storage);
    fake.latest().open();
    return { storage, fake, channel };
  }

  it("greets a first-time writer, asks with numbered choices, and goes on when they type a number", async () => {
    const { fake, channel } = await running("journey");
    const socket = fake.latest();
    expect(channel.status()).toMatchObject({ phase: "open", healthy: true });

    socket.receive([incomingMessage({ conversation: "ciao" }, { id: "M1" })]);
    await expect.poll(() => socket.sent.length).toBeGreaterThan(0);
    const first = socket.sent.map((s) => text(s.content)).join("\n");
    expect(first).toContain(IT["welcome.greeting"]?.split("\n")[0]);
    expect(first).toMatch(/\n1\. Italiano\n2\. English\n\n_Rispondi con il numero\._/);
    // answered on the chat id as received, with "typing…" around the answer
    expect(socket.sent.every((s) => s.jid === "123456789012345@lid")).toBe(true);
    await expect.poll(() => socket.presences.map((p) => p.type).at(-1)).toBe("paused");
    expect(socket.presences[0]?.type).toBe("composing");

    const before = socket.sent.length;
    socket.receive([incomingMessage({ conversation: "1" }, { id: "M2" })]);
    await expect.poll(() => socket.sent.length).toBeGreaterThan(before);
    const privacy = socket.sent
      .slice(before)
      .map((s) => text(s.content))
      .join("\n");
    expect(privacy).toContain(IT["privacy.short"]?.split("\n")[0]);

    // accepting keys the citizen on the LID
    const accepted = socket.sent.length;
    socket.receive([incomingMessage({ conversation: "1" }, { id: "M3" })]);
    await expect.poll(() => socket.sent.length).toBeGreaterThan(accepted);
    const identity = await ctx.db.channelIdentity.findFirst({ where: { channel: "whatsapp" } });
    expect(identity?.externalId).toBe("123456789012345@lid");
  });

  it("answers a sticker kindly, once, even when it is delivered again after a restart", async () => {
    const first = await running("again");
    const sticker = incomingMessage({ stickerMessage: {} }, { id: "STICKER", lid: "424242" });
    first.fake.latest().receive([sticker]);
    await expect.poll(() => first.fake.latest().sent.length).toBeGreaterThan(0);
    const answered = first.fake
      .latest()
      .sent.map((s) => text(s.content))
      .join("\n");
    expect(answered.length).toBeGreaterThan(0);
    await first.channel.stop();
    channels.splice(channels.indexOf(first.channel), 1);

    // a new process: the same message comes again in an offline batch, with a new one
    const { fake } = await channelOn("again", first.storage);
    fake.latest().open();
    fake
      .latest()
      .receive([sticker, incomingMessage({ stickerMessage: {} }, { id: "STICKER2", lid: "424242" })], "append");
    await expect.poll(() => fake.latest().sent.length).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 100));
    // one answer only: to the new sticker
    expect(
      fake
        .latest()
        .sent.map((s) => text(s.content))
        .join("\n"),
    ).toContain(IT["hint.unsupported"]);
    const unsupportedAnswers = fake
      .latest()
      .sent.filter((s) => text(s.content).includes(IT["hint.unsupported"] ?? "-"));
    expect(unsupportedAnswers).toHaveLength(1);
  });

  it("a second process with the same number stays off, saying why", async () => {
    await running("shared");
    const { fake, channel: second } = await channelOn("shared", prismaWhatsAppStorage(ctx.db));
    expect(fake.sockets).toHaveLength(0);
    expect(second.status()).toMatchObject({ phase: "standby", healthy: false });
    expect(second.status().detail).toContain(
      'WhatsApp session "shared" is already in use by another Sportello process',
    );
  });

  it("is built from the configuration only when WHATSAPP_ENABLED is on", async () => {
    const setup = {
      db: ctx.db,
      database: { url: ctx.databaseUrl, kind: "configured" as const },
      engine: testEngine(ctx, testCore(ctx.db)),
      log: silentLog,
      makeSocket: fakeBaileys().factory,
    };
    expect(createWhatsApp(ctx.config(), setup)).toBeUndefined();
    const channel = createWhatsApp(ctx.config({ WHATSAPP_ENABLED: "true", WHATSAPP_SESSION: "from-config" }), setup);
    expect(channel).toBeDefined();
    if (!channel) return;
    channels.push(channel);
    await channel.start();
    // nothing linked yet: it says how to link, and /healthz would show it
    expect(channel.status()).toMatchObject({ session: "from-config", phase: "not_linked", healthy: false });
  });
});
