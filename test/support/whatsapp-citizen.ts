import type { AnyMessageContent, proto } from "@whiskeysockets/baileys";
import { expect } from "vitest";
import { prismaWhatsAppStorage } from "../../app/db/repositories/whatsapp-storage.js";
import { postgresNumberLock } from "../../app/db/whatsapp-number-lock.js";
import { loadAuthState } from "../../bots/whatsapp/auth-state.js";
import { baileysLogger } from "../../bots/whatsapp/baileys-logger.js";
import { type WhatsAppChannel, whatsappChannel } from "../../bots/whatsapp/whatsapp-channel.js";
import type { ConversationEngine } from "../../core/conversation/engine.js";
import type { Choice } from "../../core/conversation/reply.js";
import { silentLog } from "../../core/log.js";
import type { Citizen, ReceivedFile, ReceivedVenue } from "./citizen.js";
import { type FakeBaileysSocket, fakeBaileys, incomingMessage } from "./fake-baileys/fake-socket.js";
import { OWN_LID, OWN_PHONE } from "./fake-baileys/helpers.js";
import type { IntegrationContext } from "./integration.js";

let sessions = 0;

/**
 * The WhatsApp channel (the real adapter, auth state and locks in the test's PostgreSQL) over the
 * given engine, on a fake Baileys socket already linked and open; a fast outbox.
 */
export async function startWhatsApp(
  ctx: IntegrationContext,
  engine: ConversationEngine,
): Promise<{ channel: WhatsAppChannel; socket: () => FakeBaileysSocket; stop(): Promise<void> }> {
  const session = `journey-${++sessions}`;
  const storage = prismaWhatsAppStorage(ctx.db);
  const auth = await loadAuthState(storage.auth, session, baileysLogger(silentLog, "silent"));
  auth.state.creds.registered = true;
  auth.state.creds.me = { id: `${OWN_PHONE}:3@s.whatsapp.net`, lid: `${OWN_LID}:3@lid` };
  await auth.saveCreds();
  const fake = fakeBaileys();
  const channel = whatsappChannel({
    session,
    storage,
    lock: postgresNumberLock(ctx.databaseUrl),
    engine,
    log: silentLog,
    makeSocket: fake.factory,
    sending: { intervalMs: 1, jitterMs: 0 },
  });
  await channel.start();
  fake.latest().open();
  return { channel, socket: () => fake.latest(), stop: () => channel.stop() };
}

let people = 0;
const NUMBERED = /^(\d+)\. (.+)$/;
const textOf = (content: AnyMessageContent) =>
  "text" in content && typeof content.text === "string" ? content.text : "";

/**
 * A person on WhatsApp as a {@link Citizen}: every action is a message on the fake socket, and
 * "pressing" a choice means typing its number, read from the numbered lines of the last answer
 * (WhatsApp has no buttons). The answer is everything the channel sent until it was idle again.
 */
export function whatsappCitizen(whatsapp: { channel: WhatsAppChannel; socket: () => FakeBaileysSocket }): Citizen & {
  readonly jid: string;
  /** Waits for a message pushed by the workers containing `text`; it becomes the last answer. */
  awaitPushed(text: string): Promise<string>;
} {
  const lid = String(424_000_000_000_000 + ++people);
  const jid = `${lid}@lid`;
  let last: AnyMessageContent[] = [];
  let question: Choice[] = [];
  let seen = 0;

  const own = () => whatsapp.socket().sent.filter((s) => s.jid === jid);
  const keepQuestion = () => {
    const lines = last.flatMap((c) => textOf(c).split("\n"));
    // the question's list is the last one counted 1, 2, 3… (a text above it may number things too)
    let numbered: Choice[] = [];
    for (const line of lines) {
      const match = NUMBERED.exec(line);
      if (!match?.[1] || !match[2]) continue;
      const n = Number(match[1]);
      if (n === 1) numbered = [];
      if (n === numbered.length + 1) numbered.push({ id: match[1], label: match[2] });
    }
    if (numbered.length > 0) question = numbered;
  };

  async function turn(message: proto.IMessage): Promise<void> {
    const before = own().length;
    whatsapp.socket().receive([incomingMessage(message, { lid, phone: `39333${lid.slice(-7)}` })]);
    await expect.poll(() => own().length, { timeout: 15_000 }).toBeGreaterThan(before);
    await whatsapp.channel.idle();
    last = own()
      .slice(before)
      .map((s) => s.content);
    seen = own().length;
    keepQuestion();
  }

  function numberOf(label: string | RegExp): string {
    const found = question.find((c) => (typeof label === "string" ? c.label === label : label.test(c.label)));
    if (!found) throw new Error(`no choice ${label} among: ${question.map((c) => `${c.id}. ${c.label}`).join(" | ")}`);
    return found.id;
  }

  return {
    channel: "WhatsApp",
    jid,
    start: (payload) => turn({ conversation: payload ? `/start ${payload}` : "/start" }),
    say: (text) => turn({ conversation: text }),
    press: (label) => turn({ conversation: numberOf(label) }),
    shareLocation: (lat, lon) => turn({ locationMessage: { degreesLatitude: lat, degreesLongitude: lon } }),
    text: () =>
      last
        .map((c) => textOf(c) || ("document" in c ? String(c.caption ?? "") : ""))
        .filter(Boolean)
        .join("\n"),
    messages: () => last.map(textOf).filter(Boolean),
    buttons: () => question.map((c) => c.label),
    choices: () => question,
    files: (): ReceivedFile[] =>
      last.flatMap((c) =>
        "document" in c && Buffer.isBuffer(c.document)
          ? [{ filename: c.fileName ?? "", content: c.document.toString("utf8"), caption: c.caption ?? "" }]
          : [],
      ),
    venues: (): ReceivedVenue[] =>
      last.flatMap((c) =>
        "location" in c && c.location
          ? [
              {
                title: c.location.name ?? "",
                address: c.location.address ?? "",
                lat: Number(c.location.degreesLatitude),
                lon: Number(c.location.degreesLongitude),
              },
            ]
          : [],
      ),
    async awaitPushed(text) {
      await expect
        .poll(
          () =>
            own()
              .slice(seen)
              .some((s) => textOf(s.content).includes(text)),
          { timeout: 15_000 },
        )
        .toBe(true);
      last = own()
        .slice(seen)
        .map((s) => s.content);
      seen = own().length;
      keepQuestion();
      return last.map(textOf).join("\n");
    },
  };
}
