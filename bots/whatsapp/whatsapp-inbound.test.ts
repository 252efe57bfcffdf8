import { proto } from "@whiskeysockets/baileys";
import { describe, expect, it } from "vitest";
import { incomingMessage } from "../../test/support/fake-baileys/fake-socket.js";
import { OWN_LID, OWN_PHONE } from "../../test/support/fake-baileys/helpers.js";
import { readContent, whatsappStartLink } from "./whatsapp-content.js";
import { translateEdit, translateMessage } from "./whatsapp-inbound.js";

const NOW = new Date("2026-12-01T10:00:00Z");
const ctx = {
  me: { id: `${OWN_PHONE}:3@s.whatsapp.net`, lid: `${OWN_LID}:3@lid` },
  now: NOW,
  maxAgeMs: 7 * 86_400_000,
};
const at = NOW;
const read = (content: proto.IMessage) => readContent(content, "393331234567");

describe("WhatsApp inbound: content", () => {
  it("reads texts, unwrapped from ephemeral, view-once and edited wrappers", () => {
    expect(read({ conversation: "Ciao" })).toEqual({ kind: "inbound", inbound: { kind: "text", text: "Ciao" } });
    expect(read({ extendedTextMessage: { text: "Torino" } })).toEqual({
      kind: "inbound",
      inbound: { kind: "text", text: "Torino" },
    });
    expect(read({ ephemeralMessage: { message: { conversation: "1" } } })).toEqual({
      kind: "inbound",
      inbound: { kind: "text", text: "1" },
    });
    expect(read({ viewOnceMessageV2: { message: { extendedTextMessage: { text: "2" } } } })).toMatchObject({
      inbound: { kind: "text", text: "2" },
    });
  });

  it("takes a /start or a wa.me link's code as a start, with its payload", () => {
    expect(read({ conversation: "/start" })).toMatchObject({ inbound: { kind: "start" } });
    expect(read({ conversation: "/start p_abc-123" })).toMatchObject({
      inbound: { kind: "start", payload: "p_abc-123" },
    });
    const link = whatsappStartLink("+39 333 000 0000", "p_0b5e2a4c-8d1f-4e6a-9c3b-2f7d8e9a1b0c");
    expect(link).toBe("https://wa.me/393330000000?text=Ciao!%20(p_0b5e2a4c-8d1f-4e6a-9c3b-2f7d8e9a1b0c)");
    const prefilled = decodeURIComponent(link.split("text=")[1] ?? "");
    expect(read({ conversation: prefilled })).toMatchObject({
      inbound: { kind: "start", payload: "p_0b5e2a4c-8d1f-4e6a-9c3b-2f7d8e9a1b0c" },
    });
    // a code in the middle of a sentence is just text
    expect(read({ conversation: "il codice (p_x) non va" })).toMatchObject({ inbound: { kind: "text" } });
  });

  it("reads a shared position, and refuses impossible ones", () => {
    expect(read({ locationMessage: { degreesLatitude: 45.07, degreesLongitude: 7.68 } })).toEqual({
      kind: "inbound",
      inbound: { kind: "location", lat: 45.07, lon: 7.68 },
    });
    expect(read({ liveLocationMessage: { degreesLatitude: 41.9, degreesLongitude: 12.5 } })).toMatchObject({
      inbound: { kind: "location", lat: 41.9, lon: 12.5 },
    });
    expect(read({ locationMessage: { degreesLatitude: 95, degreesLongitude: 7 } })).toMatchObject({
      inbound: { kind: "unsupported", what: "other" },
    });
    expect(read({ locationMessage: {} })).toMatchObject({ inbound: { kind: "unsupported" } });
  });

  it("answers media kindly as unsupported, naming what it was; captions are not read", () => {
    const what = (content: proto.IMessage) => {
      const r = read(content);
      return r.kind === "inbound" && r.inbound.kind === "unsupported" ? r.inbound.what : r;
    };
    expect(what({ imageMessage: { caption: "Torino" } })).toBe("photo");
    expect(what({ stickerMessage: {} })).toBe("sticker");
    expect(what({ audioMessage: { ptt: true } })).toBe("voice");
    expect(what({ videoMessage: {} })).toBe("video");
    expect(what({ ptvMessage: {} })).toBe("video");
    expect(what({ documentWithCaptionMessage: { message: { documentMessage: {} } } })).toBe("document");
    expect(what({ pollCreationMessage: { name: "?" } })).toBe("other");
    expect(what({ contactsArrayMessage: { contacts: [] } })).toBe("other");
  });

  it("takes a contact card as the person's number only when it is their own", () => {
    const own = "BEGIN:VCARD\nVERSION:3.0\nTEL;type=CELL;waid=393331234567:+39 333 123 4567\nEND:VCARD";
    const other = own.replace(/393331234567/g, "393339999999");
    expect(read({ contactMessage: { vcard: own } })).toMatchObject({
      inbound: { kind: "contact", phone: "+393331234567" },
    });
    expect(read({ contactMessage: { vcard: other } })).toMatchObject({
      inbound: { kind: "unsupported", what: "other" },
    });
  });

  it("gives no answer to protocol messages, reactions, poll votes, or nothing at all", () => {
    expect(read({ protocolMessage: { type: proto.Message.ProtocolMessage.Type.REVOKE } })).toEqual({
      kind: "silent",
      reason: "protocolMessage",
    });
    expect(read({ reactionMessage: { text: "👍" } })).toMatchObject({ kind: "silent" });
    expect(read({ pollUpdateMessage: {} })).toMatchObject({ kind: "silent" });
    expect(read({ senderKeyDistributionMessage: {} })).toMatchObject({ kind: "silent" });
    expect(read({})).toEqual({ kind: "silent", reason: "empty" });
    expect(readContent(undefined, undefined)).toEqual({ kind: "silent", reason: "empty" });
  });

  it("passes an old button or list answer as a press, for the engine to judge", () => {
    expect(read({ buttonsResponseMessage: { selectedButtonId: "3.find" } })).toMatchObject({
      inbound: { kind: "button", data: "3.find" },
    });
    expect(read({ listResponseMessage: { singleSelectReply: { selectedRowId: "4.x" } } })).toMatchObject({
      inbound: { kind: "button", data: "4.x" },
    });
  });
});

describe("WhatsApp inbound: who wrote, and what is skipped", () => {
  it("keys the person on the LID, keeps the phone number, and answers the chat id as received", () => {
    const byLid = translateMessage(incomingMessage({ conversation: "ciao" }, { at }), ctx);
    expect(byLid).toMatchObject({
      ok: true,
      lidMissing: false,
      message: {
        chatJid: "123456789012345@lid",
        identity: { channel: "whatsapp", userId: "123456789012345@lid" },
        phoneJid: "393331234567@s.whatsapp.net",
        phone: "+393331234567",
        inbound: { kind: "text", text: "ciao" },
      },
    });
    // the same person addressed by phone number: same user key, answered on the phone JID (#1832)
    const byPhone = translateMessage(incomingMessage({ conversation: "ciao" }, { at, addressing: "pn" }), ctx);
    expect(byPhone).toMatchObject({
      ok: true,
      message: { chatJid: "393331234567@s.whatsapp.net", identity: { userId: "123456789012345@lid" } },
    });
    // no LID known: keyed on the phone JID for now (the pipeline asks Baileys' mapping)
    const noLid = translateMessage(
      incomingMessage({ conversation: "ciao" }, { at, remoteJid: "393331234567@s.whatsapp.net" }),
      ctx,
    );
    expect(noLid).toMatchObject({
      ok: true,
      lidMissing: true,
      message: { identity: { userId: "393331234567@s.whatsapp.net" } },
    });
    // a LID without a phone number: no phone
    const lidOnly = translateMessage(incomingMessage({ conversation: "x" }, { at, remoteJid: "42@lid" }), ctx);
    expect(lidOnly).toMatchObject({ ok: true, message: { identity: { userId: "42@lid" } } });
    expect(lidOnly.ok ? lidOnly.message.phone : "not taken").toBeUndefined();
  });

  it("skips our own messages, groups, broadcasts, status, newsletters and the linked number itself", () => {
    const skip = (options: Parameters<typeof incomingMessage>[1]) => {
      const t = translateMessage(incomingMessage({ conversation: "x" }, { at, ...options }), ctx);
      return t.ok ? "taken" : t.skip;
    };
    expect(skip({ fromMe: true })).toBe("from_me");
    expect(skip({ remoteJid: "120363000000000000@g.us" })).toBe("not_a_person");
    expect(skip({ remoteJid: "status@broadcast" })).toBe("not_a_person");
    expect(skip({ remoteJid: "1234567890@broadcast" })).toBe("not_a_person");
    expect(skip({ remoteJid: "120363000000000001@newsletter" })).toBe("not_a_person");
    expect(skip({ remoteJid: "0@c.us" })).toBe("not_a_person");
    expect(skip({ remoteJid: `${OWN_LID}@lid` })).toBe("own_number");
    expect(skip({ remoteJid: `${OWN_PHONE}@s.whatsapp.net` })).toBe("own_number");
    expect(skip({})).toBe("taken");
  });

  it("skips decryption-failure stubs (Baileys retries them), protocol messages and very old messages", () => {
    const stub = translateMessage(incomingMessage({}, { at, stub: proto.WebMessageInfo.StubType.CIPHERTEXT }), ctx);
    expect(stub).toEqual({ ok: false, skip: "stub" });
    const revoke = translateMessage(
      incomingMessage(
        { protocolMessage: { type: proto.Message.ProtocolMessage.Type.REVOKE, key: { id: "X" } } },
        { at },
      ),
      ctx,
    );
    expect(revoke).toEqual({ ok: false, skip: "silent", detail: "protocolMessage" });
    const old = translateMessage(
      incomingMessage({ conversation: "ciao" }, { at: new Date(NOW.getTime() - 8 * 86_400_000) }),
      ctx,
    );
    expect(old).toEqual({ ok: false, skip: "too_old" });
    const missing = translateMessage({ key: { remoteJid: "1@lid" } }, ctx);
    expect(missing).toEqual({ ok: false, skip: "no_key" });
  });

  it("takes a person's text edit as a new text, with its own id; other edits are skipped", () => {
    const key = {
      remoteJid: "123456789012345@lid",
      remoteJidAlt: "393331234567@s.whatsapp.net",
      id: "ORIG",
      fromMe: false,
    };
    const edit = translateEdit(
      {
        key,
        update: {
          message: { editedMessage: { message: { conversation: "Torino" } } },
          messageTimestamp: 1_764_583_200,
        },
      },
      ctx,
    );
    expect(edit).toMatchObject({
      ok: true,
      message: { messageId: "ORIG:edit:1764583200000", edited: true, inbound: { kind: "text", text: "Torino" } },
    });
    const caption = translateEdit(
      { key, update: { message: { editedMessage: { message: { imageMessage: { caption: "x" } } } } } },
      ctx,
    );
    expect(caption).toEqual({ ok: false, skip: "not_text_edit" });
    const ours = translateEdit(
      { key: { ...key, fromMe: true }, update: { message: { editedMessage: { message: { conversation: "x" } } } } },
      ctx,
    );
    expect(ours).toEqual({ ok: false, skip: "from_me" });
  });
});
