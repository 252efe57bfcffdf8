import { Boom } from "@hapi/boom";
import { proto, type WAMessage } from "@whiskeysockets/baileys";
import { describe, expect, it } from "vitest";
import { silentLog } from "../../core/log.js";
import { type FakeBaileysSocket, fakeBaileys } from "../../test/support/fake-baileys/fake-socket.js";
import { linkedStorage, socketInput } from "../../test/support/fake-baileys/helpers.js";
import { createOutbox, OutboxError, type OutboxOptions, type Undelivered } from "./outbox.js";
import { startTyping } from "./typing.js";

const A = "111111111111111@lid";
const B = "222222222222222@lid";
const rateLimited = () => new Boom("rate-overlimit", { data: 429 });

async function setup(options: Partial<OutboxOptions> = {}) {
  const fake = fakeBaileys();
  const socket = fake.factory(await socketInput(await linkedStorage("main")));
  let clock = Date.parse("2026-12-01T10:00:00Z");
  const times: number[] = [];
  const remembered: WAMessage[] = [];
  const undelivered: Undelivered[] = [];
  let current: FakeBaileysSocket | undefined = socket;
  const outbox = createOutbox({
    socket: () => current,
    remember: async (m) => {
      if (m) remembered.push(m);
    },
    log: silentLog,
    random: () => 0.5,
    now: () => clock,
    // virtual time: a wait passes at once
    sleep: async (ms) => {
      clock += ms;
    },
    pollMs: 1_000,
    onUndelivered: (u) => undelivered.push(u),
    ...options,
  });
  outbox.attach(socket);
  const send = socket.sendMessage.bind(socket);
  socket.sendMessage = async (...args) => {
    times.push(clock);
    return send(...args);
  };
  const sentTexts = (s: FakeBaileysSocket = socket) =>
    s.sent.map((r) => `${r.jid.slice(0, 1)}:${"text" in r.content ? r.content.text : "?"}`);
  return {
    fake,
    socket,
    outbox,
    times,
    remembered,
    undelivered,
    sentTexts,
    gaps: () => times.slice(1).map((t, i) => t - (times[i] ?? 0)),
    setSocket: (s: FakeBaileysSocket | undefined) => {
      current = s;
    },
    advance: (ms: number) => {
      clock += ms;
    },
    now: () => clock,
  };
}

const texts = (...t: string[]) => t.map((text) => ({ text }));

describe("WhatsApp outbox", () => {
  it("sends one message at a time, at least the interval plus jitter apart", async () => {
    const s = await setup();
    const ids = await s.outbox.send(A, texts("uno", "due", "tre"));
    expect(ids).toHaveLength(3);
    expect(ids.every((id) => typeof id === "string")).toBe(true);
    // 1,000 ms + 0.5 × 1,500 ms of jitter
    expect(s.gaps()).toEqual([1_750, 1_750]);
    expect(s.remembered.map((m) => m.key.id)).toEqual(ids);
  });

  it("draws the jitter anew each time, within its range", async () => {
    const draws = [0, 1, 0.25];
    const s = await setup({ random: () => draws.shift() ?? 0 });
    await s.outbox.send(A, texts("1", "2", "3", "4"));
    expect(s.gaps()).toEqual([1_000, 2_500, 1_375]);
  });

  it("keeps a reply's messages together and each chat in order", async () => {
    const s = await setup();
    await Promise.all([
      s.outbox.send(A, texts("a1", "a2", "a3")),
      s.outbox.send(B, texts("b1")),
      s.outbox.send(A, texts("a4")),
    ]);
    expect(s.sentTexts()).toEqual(["1:a1", "1:a2", "1:a3", "2:b1", "1:a4"]);
  });

  it("sends replies before pushed messages, but a chat's earlier pushed message before its reply", async () => {
    const s = await setup();
    const release = s.socket.holdSends();
    const first = s.outbox.send(A, texts("push-a"), { priority: "push" });
    const all = [
      s.outbox.send(B, texts("push-b"), { priority: "push" }),
      s.outbox.send(A, texts("reply-a"), { priority: "reply" }),
      s.outbox.send(B, texts("reply-b"), { priority: "reply" }),
    ];
    release();
    await Promise.all([first, ...all]);
    // push-a was already being sent; then B's earlier push goes before B's reply only when B's turn comes
    expect(s.sentTexts()).toEqual(["1:push-a", "1:reply-a", "2:push-b", "2:reply-b"]);
  });

  it("429: brakes the number, retries the message later, and sends it once", async () => {
    const s = await setup({ retryAfterMs: 30_000 });
    s.socket.failNextSends(rateLimited());
    const ids = await s.outbox.send(A, texts("uno", "due"));
    expect(ids).toHaveLength(2);
    expect(s.sentTexts()).toEqual(["1:uno", "1:due"]);
    const [retry, next] = s.gaps();
    expect(retry).toBe(30_000);
    expect(next).toBe(7_000); // braked: (1,000 + 750) × 4
    expect(s.outbox.status()).toMatchObject({ braked: true, rateLimited: 1, sent: 2 });
    // the brake wears off
    s.advance(16 * 60_000);
    await s.outbox.send(A, texts("tre", "quattro"));
    expect(s.gaps().at(-1)).toBe(1_750);
  });

  it("429 again and again: fails with rate_limited, and the rest of that reply is not sent", async () => {
    const s = await setup({ maxAttempts: 3 });
    s.socket.failNextSends(rateLimited(), rateLimited(), rateLimited());
    const failed = s.outbox.send(A, texts("uno", "due"));
    await expect(failed).rejects.toMatchObject({ name: "OutboxError", reason: "rate_limited" });
    expect(s.socket.sent).toHaveLength(0);
    await s.outbox.send(B, texts("dopo"));
    expect(s.sentTexts()).toEqual(["2:dopo"]);
  });

  it("463 on a sent message: brakes the number and reports it undelivered", async () => {
    const s = await setup();
    const [id] = await s.outbox.send(A, texts("promemoria"), { priority: "push" });
    s.socket.updateMessages([
      {
        key: { remoteJid: A, fromMe: true, id: id ?? "" },
        update: { status: proto.WebMessageInfo.Status.ERROR, messageStubParameters: ["463"] },
      },
    ]);
    expect(s.undelivered).toEqual([{ messageId: id, jid: A, code: "463" }]);
    expect(s.outbox.status()).toMatchObject({ braked: true, undelivered: 1 });
    // other status updates are not errors
    s.socket.updateMessages([{ key: { remoteJid: A, fromMe: true, id: "X" }, update: { status: 3 } }]);
    expect(s.undelivered).toHaveLength(1);
  });

  it("a reach-out restriction holds pushed messages until it ends; replies still go, slowly", async () => {
    const s = await setup();
    const until = new Date(s.now() + 10 * 60_000);
    s.socket.reachoutLock(until);
    const push = s.outbox.send(B, texts("promemoria"), { priority: "push" });
    await s.outbox.send(A, texts("risposta"));
    await push;
    expect(s.sentTexts()).toEqual(["1:risposta", "2:promemoria"]);
    expect(s.times[1]).toBeGreaterThanOrEqual(until.getTime());
  });

  it("waits for an open socket, and gives up at the deadline", async () => {
    const s = await setup();
    s.setSocket(undefined);
    const expired = s.outbox.send(A, texts("tardi"), { deadline: new Date(s.now() + 5_000) });
    await expect(expired).rejects.toMatchObject({ reason: "expired" });
    expect(s.socket.sent).toHaveLength(0);
  });

  it("a socket closed under a send: the message goes on the next socket, not lost, not doubled", async () => {
    const s = await setup();
    s.socket.failNextSends(new Boom("Connection Closed", { statusCode: 428 }));
    const next = s.fake.factory(s.socket.input);
    let polls = 0;
    const sending = createOutbox({
      socket: () => (polls++ < 1 ? s.socket : next),
      log: silentLog,
      random: () => 0,
      sleep: async () => {},
    }).send(A, texts("ciao"));
    await sending;
    expect(s.socket.sent).toHaveLength(0);
    expect(next.sent.map((r) => r.content)).toEqual([{ text: "ciao" }]);
  });

  it("any other refusal fails that reply only", async () => {
    const s = await setup();
    s.socket.failNextSends(new Error("not-acceptable"));
    await expect(s.outbox.send(A, texts("uno", "due"))).rejects.toBeInstanceOf(OutboxError);
    await s.outbox.send(A, texts("tre"));
    expect(s.sentTexts()).toEqual(["1:tre"]);
  });

  it("stop() fails what still waits", async () => {
    const s = await setup();
    const release = s.socket.holdSends();
    const sending = s.outbox.send(A, texts("in corso"));
    const waiting = s.outbox.send(B, texts("in coda"));
    s.outbox.stop();
    release();
    await sending;
    await expect(waiting).rejects.toMatchObject({ reason: "stopped" });
    await expect(s.outbox.send(A, texts("dopo"))).rejects.toMatchObject({ reason: "stopped" });
  });
});

describe("WhatsApp typing indicator", () => {
  it("says composing at once, again while it lasts, then paused once", async () => {
    const fake = fakeBaileys();
    const socket = fake.factory(await socketInput(await linkedStorage("main")));
    const typing = startTyping(() => socket, A, { refreshMs: 20 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await typing.stop();
    await typing.stop();
    const kinds = socket.presences.map((p) => p.type);
    expect(kinds[0]).toBe("composing");
    expect(kinds.filter((k) => k === "composing").length).toBeGreaterThanOrEqual(2);
    expect(kinds.at(-1)).toBe("paused");
    expect(kinds.filter((k) => k === "paused")).toHaveLength(1);
    expect(socket.presences.every((p) => p.jid === A)).toBe(true);
  });

  it("never fails the answer when there is no socket or the presence fails", async () => {
    const typing = startTyping(() => undefined, A);
    await expect(typing.stop()).resolves.toBeUndefined();
  });
});
