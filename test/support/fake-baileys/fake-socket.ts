import { Boom } from "@hapi/boom";
import {
  type AnyMessageContent,
  addTransactionCapability,
  type BaileysEventMap,
  DisconnectReason,
  type MiscMessageGenerationOptions,
  makeEventBuffer,
  type proto,
  type WAMessage,
  type WAMessageKey,
  type WAMessageUpdate,
  type WAPresence,
} from "@whiskeysockets/baileys";
import { baileysLogger } from "../../../bots/whatsapp/baileys-logger.js";
import type { SocketInput, WhatsAppSocket } from "../../../bots/whatsapp/socket.js";
import { silentLog } from "../../../core/log.js";

export interface SentRecord {
  jid: string;
  content: AnyMessageContent;
  options?: MiscMessageGenerationOptions;
  message: WAMessage;
}

/** What `sendMessage` would build: enough of the protobuf content for getMessage round trips. */
function protoOf(content: AnyMessageContent): proto.IMessage {
  if ("text" in content) return { conversation: content.text };
  if ("location" in content) return { locationMessage: content.location };
  if ("document" in content) {
    return {
      documentMessage: {
        mimetype: content.mimetype,
        fileName: content.fileName ?? null,
        caption: "caption" in content ? (content.caption ?? null) : null,
      },
    };
  }
  return {};
}

let counter = 0;

/**
 * A Baileys socket without a network, on Baileys' own event emitter (`makeEventBuffer`): the
 * test drives it (open, QR, pairing, incoming messages, closes with a status code) and reads
 * what the channel sent. `end(err)` behaves like Baileys': one `connection.update` close with
 * `lastDisconnect.error`, then every listener is dropped.
 */
export class FakeBaileysSocket implements WhatsAppSocket {
  readonly ev = makeEventBuffer(baileysLogger(silentLog, "silent"));
  readonly authState: WhatsAppSocket["authState"];
  readonly sent: SentRecord[] = [];
  readonly presences: Array<{ type: WAPresence; jid: string | undefined }> = [];
  readonly pairingRequests: string[] = [];
  /** LID for a phone JID, as Baileys' lid mapping would answer. */
  readonly lids = new Map<string, string>();
  readonly signalRepository = {
    lidMapping: { getLIDForPN: async (pn: string) => this.lids.get(pn) ?? null },
  };
  ended = false;
  endedWith: Error | undefined;
  private qrShown = false;
  private failures: Array<Error | ((jid: string, content: AnyMessageContent) => Error | undefined)> = [];
  private sendGate: Promise<void> | undefined;

  constructor(readonly input: SocketInput) {
    // as makeWASocket does: the key store gets Baileys' transaction layer
    this.authState = {
      creds: input.auth.creds,
      keys: addTransactionCapability(input.auth.keys, input.logger, { maxCommitRetries: 2, delayBetweenTriesMs: 10 }),
    };
    // Baileys merges every creds update into the creds before anyone else hears of it
    this.ev.on("creds.update", (update) => Object.assign(this.authState.creds, update));
  }

  get user() {
    return this.authState.creds.me;
  }

  // --- the Baileys API the channel uses -----------------------------------------------------

  async sendMessage(jid: string, content: AnyMessageContent, options?: MiscMessageGenerationOptions) {
    if (this.ended) throw new Boom("Connection Closed", { statusCode: DisconnectReason.connectionClosed });
    if (this.sendGate) await this.sendGate;
    const next = this.failures.shift();
    const failure = typeof next === "function" ? next(jid, content) : next;
    if (failure) throw failure;
    const key: WAMessageKey = { remoteJid: jid, fromMe: true, id: `FAKE${(++counter).toString(16).toUpperCase()}` };
    const message: WAMessage = { key, message: protoOf(content), messageTimestamp: Math.floor(Date.now() / 1000) };
    this.sent.push({ jid, content, ...(options ? { options } : {}), message });
    return message;
  }

  async sendPresenceUpdate(type: WAPresence, jid?: string) {
    if (this.ended) throw new Boom("Connection Closed", { statusCode: DisconnectReason.connectionClosed });
    this.presences.push({ type, jid });
  }

  async end(error: Error | undefined) {
    if (this.ended) return;
    this.ended = true;
    this.endedWith = error;
    this.ev.emit("connection.update", { connection: "close", lastDisconnect: { error, date: new Date() } });
    this.ev.removeAllListeners("connection.update");
    this.ev.destroy();
  }

  async logout(message?: string) {
    await this.end(new Boom(message || "Intentional Logout", { statusCode: DisconnectReason.loggedOut }));
  }

  async requestPairingCode(phoneNumber: string) {
    // as on WhatsApp: asking before the first QR event fails with 428
    if (!this.qrShown) throw new Boom("Connection Closed", { statusCode: DisconnectReason.connectionClosed });
    this.pairingRequests.push(phoneNumber);
    this.authState.creds.pairingCode = "FAKECODE";
    this.authState.creds.me = { id: `${phoneNumber}@s.whatsapp.net`, name: "~" };
    this.ev.emit("creds.update", this.authState.creds);
    return "ABCD1234";
  }

  // --- what the test does -------------------------------------------------------------------

  connecting() {
    this.ev.emit("connection.update", { connection: "connecting", receivedPendingNotifications: false });
  }

  open() {
    this.ev.emit("connection.update", { connection: "open" });
  }

  showQr(qr = `2@fake-ref-${counter++},noise,identity,adv`) {
    this.qrShown = true;
    this.ev.emit("connection.update", { qr });
  }

  /** The phone confirmed: creds registered, then WhatsApp asks for a restart (515), as after a real pairing. */
  async pairSuccess(account: { phone: string; lid: string }) {
    this.ev.emit("creds.update", {
      registered: true,
      me: { id: `${account.phone}:3@s.whatsapp.net`, lid: `${account.lid}:3@lid`, name: "Sportello" },
      platform: "android",
    });
    this.ev.emit("connection.update", { isNewLogin: true, qr: undefined });
    await this.close(DisconnectReason.restartRequired, "Stream Errored (restart required)");
  }

  /** The server closes the connection with this status code. */
  async close(statusCode: number, message = "Connection Failure") {
    await this.end(new Boom(message, { statusCode }));
  }

  receive(messages: WAMessage[], type: BaileysEventMap["messages.upsert"]["type"] = "notify") {
    this.ev.emit("messages.upsert", { messages, type });
  }

  updateMessages(updates: WAMessageUpdate[]) {
    this.ev.emit("messages.update", updates);
  }

  react(key: WAMessageKey, text: string) {
    this.ev.emit("messages.reaction", [{ key, reaction: { text, key } }]);
  }

  reachoutLock(until: Date | undefined) {
    this.ev.emit("connection.update", {
      reachoutTimeLock: until ? { isActive: true, timeEnforcementEnds: until } : { isActive: false },
    });
  }

  /** The next sends throw these errors (or what the function returns for that send), in order. */
  failNextSends(...errors: Array<Error | ((jid: string, content: AnyMessageContent) => Error | undefined)>) {
    this.failures.push(...errors);
  }

  /** Holds every send until the returned function is called. */
  holdSends(): () => void {
    let release = () => {};
    this.sendGate = new Promise<void>((resolve) => {
      release = () => {
        this.sendGate = undefined;
        resolve();
      };
    });
    return release;
  }
}

/** A socket factory for the connection: each (re)connect builds a new fake, kept in `sockets`. */
export function fakeBaileys(): {
  factory: (input: SocketInput) => FakeBaileysSocket;
  sockets: FakeBaileysSocket[];
  latest(): FakeBaileysSocket;
} {
  const sockets: FakeBaileysSocket[] = [];
  return {
    factory: (input) => {
      const socket = new FakeBaileysSocket(input);
      sockets.push(socket);
      return socket;
    },
    sockets,
    latest() {
      const socket = sockets.at(-1);
      if (!socket) throw new Error("no socket was made");
      return socket;
    },
  };
}

/** A 1:1 message from a person, as Baileys v7 delivers it (LID chat with the phone JID as alt by default). */
export function incomingMessage(
  content: proto.IMessage,
  options: {
    id?: string;
    lid?: string;
    phone?: string;
    /** "lid" (default): remoteJid is the LID; "pn": remoteJid is the phone JID. */
    addressing?: "lid" | "pn";
    at?: Date;
    fromMe?: boolean;
    remoteJid?: string;
    stub?: number;
  } = {},
): WAMessage {
  const lid = `${options.lid ?? "123456789012345"}@lid`;
  const pn = options.phone === "" ? undefined : `${options.phone ?? "393331234567"}@s.whatsapp.net`;
  const addressing = options.addressing ?? "lid";
  const remoteJid = options.remoteJid ?? (addressing === "lid" ? lid : (pn ?? lid));
  const alt = options.remoteJid ? undefined : addressing === "lid" ? pn : lid;
  return {
    key: {
      remoteJid,
      ...(alt ? { remoteJidAlt: alt } : {}),
      fromMe: options.fromMe ?? false,
      id: options.id ?? `IN${(++counter).toString(16).toUpperCase()}`,
      addressingMode: addressing,
    },
    messageTimestamp: Math.floor((options.at ?? new Date()).getTime() / 1000),
    ...(options.stub ? { messageStubType: options.stub, messageStubParameters: ["Invalid PreKey ID"] } : {}),
    ...(options.stub ? {} : { message: content }),
  };
}
