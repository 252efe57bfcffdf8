import { proto } from "@whiskeysockets/baileys";
import { describe, expect, it } from "vitest";
import { silentLog } from "../../core/log.js";
import { fakeBaileys, incomingMessage } from "../../test/support/fake-baileys/fake-socket.js";
import { linkedStorage, OWN_LID, OWN_PHONE, socketInput } from "../../test/support/fake-baileys/helpers.js";
import { createInboundPipeline } from "./inbound-pipeline.js";
import type { WhatsAppIncoming } from "./whatsapp-inbound.js";

const me = { id: `${OWN_PHONE}:3@s.whatsapp.net`, lid: `${OWN_LID}:3@lid` };

async function setup(handle?: (m: WhatsAppIncoming) => Promise<void>) {
  const storage = await linkedStorage("main");
  const fake = fakeBaileys();
  const handled: WhatsAppIncoming[] = [];
  const make = () =>
    createInboundPipeline({
      session: "main",
      inboundLog: storage.inbound,
      log: silentLog,
      me: () => me,
      handle:
        handle ??
        (async (m) => {
          handled.push(m);
        }),
    });
  const pipeline = make();
  const input = await socketInput(storage);
  const socket = fake.factory(input);
  pipeline.attach(socket);
  return { storage, fake, socket, pipeline, handled, make, input };
}

const text = (t: string) => ({ conversation: t });
const texts = (handled: WhatsAppIncoming[]) =>
  handled.map((m) => (m.inbound.kind === "text" ? m.inbound.text : m.inbound.kind));

describe("WhatsApp inbound pipeline (through the fake socket's events)", () => {
  it("hands over live (notify) and offline (append) messages of people", async () => {
    const s = await setup();
    s.socket.receive([incomingMessage(text("ciao"), { id: "A" })], "notify");
    s.socket.receive([incomingMessage(text("1"), { id: "B", lid: "777" })], "append");
    await s.pipeline.idle();
    expect(texts(s.handled)).toEqual(["ciao", "1"]);
    expect(s.handled.map((m) => m.identity.userId)).toEqual(["123456789012345@lid", "777@lid"]);
  });

  it("handles the same message once: twice in a batch, in notify then append, and after a restart", async () => {
    const s = await setup();
    const message = incomingMessage(text("ciao"), { id: "DUP" });
    s.socket.receive([message, message], "notify");
    s.socket.receive([message], "append");
    await s.pipeline.idle();
    expect(s.handled).toHaveLength(1);
    // a new process (empty memory) gets it again from WhatsApp: the database remembers it
    const restarted = s.make();
    const again = s.fake.factory(s.input);
    restarted.attach(again);
    again.receive([message], "append");
    again.receive([incomingMessage(text("nuovo"), { id: "NEW" })], "notify");
    await restarted.idle();
    expect(texts(s.handled)).toEqual(["ciao", "nuovo"]);
    expect(restarted.stats().duplicates).toBe(1);
  });

  it("keeps each chat's order, even when a batch comes out of order or the first answer is slow", async () => {
    const order: string[] = [];
    let releaseFirst = () => {};
    const firstDone = new Promise<void>((resolve) => {
      releaseFirst = resolve;
    });
    const s = await setup(async (m) => {
      const t = m.inbound.kind === "text" ? m.inbound.text : "?";
      if (t === "uno") await firstDone;
      order.push(`${m.identity.userId.slice(0, 3)}:${t}`);
    });
    const base = Date.parse("2026-12-01T09:00:00Z");
    s.socket.receive(
      [
        incomingMessage(text("tre"), { at: new Date(base + 3_000) }),
        incomingMessage(text("uno"), { at: new Date(base + 1_000) }),
        incomingMessage(text("due"), { at: new Date(base + 2_000) }),
      ],
      "append",
    );
    // another person is not kept waiting by the slow first chat
    s.socket.receive([incomingMessage(text("altro"), { lid: "555" })], "notify");
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(order).toEqual(["555:altro"]);
    releaseFirst();
    await s.pipeline.idle();
    expect(order).toEqual(["555:altro", "123:uno", "123:due", "123:tre"]);
  });

  it("ignores our own messages, groups, status, newsletters, the number itself, stubs, protocol messages", async () => {
    const s = await setup();
    s.socket.receive(
      [
        incomingMessage(text("eco"), { fromMe: true }),
        incomingMessage(text("gruppo"), { remoteJid: "120363000000000000@g.us" }),
        incomingMessage(text("stato"), { remoteJid: "status@broadcast" }),
        incomingMessage(text("canale"), { remoteJid: "120363000000000001@newsletter" }),
        incomingMessage(text("io"), { remoteJid: `${OWN_PHONE}@s.whatsapp.net` }),
        incomingMessage({}, { id: "STUB", stub: proto.WebMessageInfo.StubType.CIPHERTEXT }),
        incomingMessage({ protocolMessage: { type: proto.Message.ProtocolMessage.Type.REVOKE } }),
        incomingMessage({ reactionMessage: { text: "👍" } }),
        incomingMessage(text("vero")),
      ],
      "notify",
    );
    await s.pipeline.idle();
    expect(texts(s.handled)).toEqual(["vero"]);
    expect(s.pipeline.stats().skipped).toMatchObject({ from_me: 1, not_a_person: 3, own_number: 1, stub: 1 });
    // a stub is not remembered: the decrypted retry with the same id is handled
    s.socket.receive([incomingMessage(text("decifrato"), { id: "STUB" })], "notify");
    await s.pipeline.idle();
    expect(texts(s.handled)).toEqual(["vero", "decifrato"]);
  });

  it("passes media as unsupported (the engine answers kindly), and a location as a location", async () => {
    const s = await setup();
    s.socket.receive([
      incomingMessage({ stickerMessage: {} }),
      incomingMessage({ imageMessage: { caption: "guarda" } }),
      incomingMessage({ audioMessage: { ptt: true } }),
      incomingMessage({ locationMessage: { degreesLatitude: 45.07, degreesLongitude: 7.68 } }),
    ]);
    await s.pipeline.idle();
    expect(s.handled.map((m) => m.inbound)).toEqual([
      { kind: "unsupported", what: "sticker" },
      { kind: "unsupported", what: "photo" },
      { kind: "unsupported", what: "voice" },
      { kind: "location", lat: 45.07, lon: 7.68 },
    ]);
  });

  it("takes a text edit as a new answer once; deletions and reactions get nothing", async () => {
    const s = await setup();
    s.socket.receive([incomingMessage(text("Tirino"), { id: "TYPO" })]);
    const key = {
      remoteJid: "123456789012345@lid",
      remoteJidAlt: "393331234567@s.whatsapp.net",
      id: "TYPO",
      fromMe: false,
    };
    const edit = {
      key,
      update: { message: { editedMessage: { message: text("Torino") } }, messageTimestamp: 1_764_583_300 },
    };
    s.socket.updateMessages([edit]);
    s.socket.updateMessages([edit]); // delivered twice
    s.socket.updateMessages([
      { key, update: { message: null, messageStubType: proto.WebMessageInfo.StubType.REVOKE, key } },
    ]);
    s.socket.react(key, "👍");
    // our own sent message's status updates are not edits
    s.socket.updateMessages([{ key: { ...key, fromMe: true, id: "OURS" }, update: { status: 3 } }]);
    await s.pipeline.idle();
    expect(texts(s.handled)).toEqual(["Tirino", "Torino"]);
    expect(s.handled[1]?.edited).toBe(true);
    expect(s.pipeline.stats().skipped).toMatchObject({ deleted: 1, reaction: 1 });
  });

  it("keys a person who writes by phone number on the LID Baileys knows for it", async () => {
    const s = await setup();
    s.socket.lids.set("393339999999@s.whatsapp.net", "888888888888888@lid");
    s.socket.receive([incomingMessage(text("ciao"), { remoteJid: "393339999999@s.whatsapp.net" })]);
    await s.pipeline.idle();
    expect(s.handled[0]).toMatchObject({
      chatJid: "393339999999@s.whatsapp.net",
      identity: { userId: "888888888888888@lid" },
      phone: "+393339999999",
    });
  });

  it("goes on after a failing answer, and still answers when the database cannot record the id", async () => {
    let calls = 0;
    const s = await setup(async () => {
      calls += 1;
      if (calls === 1) throw new Error("engine down");
    });
    s.storage.inbound.claim = async () => {
      throw new Error("database down");
    };
    s.socket.receive([incomingMessage(text("a")), incomingMessage(text("b"))]);
    await s.pipeline.idle();
    expect(calls).toBe(2);
  });
});
