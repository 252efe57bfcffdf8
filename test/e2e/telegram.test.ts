import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import ICAL from "ical.js";
import { afterEach, describe, expect, it } from "vitest";
import { matchRoute } from "../../app/http/router.js";
import type { Route } from "../../bots/http/route.js";
import { type TelegramChannel, telegramChannel, WEBHOOK_PATH } from "../../bots/telegram/telegram-channel.js";
import { silentLog } from "../../core/log.js";
import { engineChat, testEngine } from "../support/engine-chat.js";
import { fakeUser, type RecordedCall, startFakeTelegram } from "../support/fake-telegram/index.js";
import { createTestPoint, testCore } from "../support/fixtures.js";
import { useIntegration } from "../support/integration.js";

type Fake = Awaited<ReturnType<typeof startFakeTelegram>>;

const texts = (calls: RecordedCall[]) => calls.map((c) => c.text ?? "").join("\n");

type User = ReturnType<typeof fakeUser>;

/**
 * One turn of the conversation: the user acts, and we wait for the bot's question that ends every
 * answer (a message with a keyboard). Returns every call the bot made in that chat meanwhile.
 * (The grammY runner confirms updates before it handles them, so "handled" cannot be awaited.)
 */
async function turn(fake: Fake, user: User, act: () => Promise<unknown>): Promise<RecordedCall[]> {
  const before = fake.calls().length;
  const chatId = user.user.id;
  await act();
  await fake.waitForCall(
    (c) =>
      c.seq > before &&
      c.chatId === chatId &&
      c.ok &&
      (c.method === "sendMessage" || c.method === "editMessageText") &&
      c.params.reply_markup !== undefined &&
      !(c.params.reply_markup as { remove_keyboard?: boolean }).remove_keyboard,
  );
  return fake.calls((c) => c.seq > before && c.chatId === chatId && c.method !== "getUpdates");
}

describe("the citizen conversation on Telegram (grammY against a local Bot API server)", () => {
  const ctx = useIntegration();
  let fake: Fake | undefined;
  let channel: TelegramChannel | undefined;
  let closeHttp: (() => Promise<void>) | undefined;

  afterEach(async () => {
    await channel?.stop();
    await closeHttp?.();
    await fake?.close();
    channel = undefined;
    closeHttp = undefined;
    fake = undefined;
  });

  async function pollingBot(core = testCore(ctx.db)) {
    fake = await startFakeTelegram();
    channel = telegramChannel({
      token: fake.token,
      apiRoot: fake.apiRoot,
      publicUrl: undefined,
      webhookSecret: undefined,
      engine: testEngine(ctx, core),
      log: silentLog,
      pollingTimeoutSeconds: 1,
    });
    channel.start();
    await fake.waitForCall("getUpdates");
    return { fake, core };
  }

  it("books, gets the .ics, reschedules and cancels, like a person would", async () => {
    const { fake } = await pollingBot();
    const point = await createTestPoint(ctx.db, { name: "Biblioteca Telegram" });
    const maria = fakeUser(fake, { id: 7001, first_name: "Maria", language_code: "it" });

    let replies = await turn(fake, maria, () => maria.start());
    expect(texts(replies)).toContain("Ciao! 👋 Sono Sportello");
    expect(maria.buttonsOf(maria.lastBotMessage() ?? ({} as never))).toContain("1. Italiano");
    await turn(fake, maria, () => maria.press(/Italiano/));
    replies = await turn(fake, maria, () => maria.press(/Accetto/));
    expect(texts(replies)).toContain("Cosa vuoi fare?");
    expect(fake.calls("answerCallbackQuery").length).toBeGreaterThanOrEqual(2);

    replies = await turn(fake, maria, () => maria.say("2"));
    expect(texts(replies)).toContain("Dove ti trovi?");
    expect(maria.keyboard()?.keyboard[0]?.[0]).toMatchObject({
      text: "📍 Invia la mia posizione",
      request_location: true,
    });
    replies = await turn(fake, maria, () => maria.shareLocation(45.0735, 7.6813));
    expect(texts(replies)).toContain("Biblioteca Telegram");
    // the location keyboard is removed by the message before the question
    expect(replies.some((c) => (c.params.reply_markup as { remove_keyboard?: boolean })?.remove_keyboard)).toBe(true);
    await turn(fake, maria, () => maria.press(/Biblioteca Telegram/));
    await turn(fake, maria, () => maria.press(/Con un facilitatore/));
    await turn(fake, maria, () => maria.press(/Di persona/));
    // paging edits the day question in place instead of sending a new message
    replies = await turn(fake, maria, () => maria.press(/Altri giorni/));
    expect(replies.map((c) => c.method)).toEqual(["answerCallbackQuery", "editMessageText"]);
    await turn(fake, maria, () => maria.say("domani"));
    await turn(fake, maria, () => maria.say("10:00"));
    await turn(fake, maria, () => maria.press(/SPID, CIE e app IO/));
    replies = await turn(fake, maria, () => maria.press(/App IO$/));
    expect(texts(replies)).toContain("Quando: domani alle 10:00");
    replies = await turn(fake, maria, async () => {
      const confirm = await maria.press(/Conferma/);
      await maria.press(/Conferma/, { messageId: confirm.callback_query?.message?.message_id }); // double tap
    });
    expect(texts(replies)).toContain("Fatto! ✅ Ti aspettiamo domani alle 10:00.");
    expect(await ctx.db.booking.count({ where: { pointId: point.id } })).toBe(1);

    replies = await turn(fake, maria, () => maria.press(/Aggiungi al calendario/));
    const document = replies.find((c) => c.method === "sendDocument");
    const fileId = (document?.result as { document?: { file_id: string } })?.document?.file_id ?? "";
    const file = fake.file(fileId);
    expect(file?.filename).toBe("appuntamento-2026-12-02.ics");
    const event = new ICAL.Component(ICAL.parse(Buffer.from(file?.bytes ?? []).toString("utf8"))).getFirstSubcomponent(
      "vevent",
    );
    expect(String(event?.getFirstPropertyValue("dtstart"))).toBe("2026-12-02T10:00:00");
    // the second "Conferma" of the double tap was ignored: one confirmation, one booking
    expect(fake.messages(7001).filter((m) => m.text?.startsWith("Fatto!"))).toHaveLength(1);
    // and it was ignored silently, not answered as an old button
    expect(fake.messages(7001).filter((m) => m.text?.includes("messaggio vecchio"))).toHaveLength(0);

    replies = await turn(fake, maria, () => maria.press(/I miei appuntamenti/));
    expect(texts(replies)).toContain("domani, 10:00 · Biblioteca Telegram ✅ confermato");
    await turn(fake, maria, () => maria.say("1"));
    await turn(fake, maria, () => maria.press(/Cambia giorno o ora/));
    await turn(fake, maria, () => maria.say("3/12"));
    await turn(fake, maria, () => maria.press(/15:00/));
    replies = await turn(fake, maria, () => maria.press(/Conferma/));
    expect(texts(replies)).toContain("L'appuntamento ora è giovedì 3 dicembre alle 15:00.");
    await turn(fake, maria, () => maria.press(/Annulla l'appuntamento/));
    replies = await turn(fake, maria, () => maria.press(/Non posso più venire/));
    expect(texts(replies)).toContain("Appuntamento annullato. ✅");
    expect((await ctx.db.booking.findFirstOrThrow({ where: { pointId: point.id } })).status).toBe(
      "cancelled_by_citizen",
    );
  });

  it("answers stickers, photos, voice, huge texts and old buttons kindly", async () => {
    const { fake } = await pollingBot();
    const luca = fakeUser(fake, { id: 7002, first_name: "Luca", language_code: "en-GB" });
    await turn(fake, luca, () => luca.start());
    const oldMessage = luca.lastBotMessage()?.message_id;
    await turn(fake, luca, () => luca.press(/English/));
    await turn(fake, luca, () => luca.press(/I accept/));
    for (const send of [() => luca.sendSticker(), () => luca.sendPhoto(), () => luca.sendVoice()]) {
      expect(texts(await turn(fake, luca, send))).toContain("I can only read written messages");
    }
    expect(texts(await turn(fake, luca, () => luca.say("x".repeat(4_000))))).toContain("Your message is too long");
    expect(texts(await turn(fake, luca, () => luca.press(/English/, { messageId: oldMessage })))).toContain(
      "That button belongs to an old message",
    );
    expect(texts(await turn(fake, luca, () => luca.say("/help")))).toContain("How it works:");
  });

  it("retries after Telegram answers 429, and opens a point from a deep link", async () => {
    const { fake } = await pollingBot();
    const point = await createTestPoint(ctx.db, { name: "Punto dal link" });
    const anna = fakeUser(fake, { id: 7003, first_name: "Anna" });
    fake.failNext("sendMessage", { status: 429, retryAfter: 1 });
    const replies = await turn(fake, anna, () => anna.start(`p_${point.id}`));
    expect(texts(replies)).toContain("Ciao! 👋");
    expect(fake.calls((c) => c.method === "sendMessage" && c.injected === true)).toHaveLength(1);
    await turn(fake, anna, () => anna.press(/Italiano/));
    const card = await turn(fake, anna, () => anna.press(/Accetto/));
    expect(card.some((c) => c.method === "sendVenue" && c.params.title === "Punto dal link")).toBe(true);
  });

  it("in webhook mode checks Telegram's secret token", async () => {
    fake = await startFakeTelegram();
    const core = testCore(ctx.db);
    const routes: Route[] = [];
    const server = createServer((req, res) => {
      const route = matchRoute(routes, req.method ?? "GET", new URL(req.url ?? "/", "http://x").pathname);
      if (!route) return void res.writeHead(404).end();
      void route.handler(req, res, new URL(req.url ?? "/", "http://x"));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    closeHttp = () => new Promise((resolve) => server.close(() => resolve()));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    channel = telegramChannel({
      token: fake.token,
      apiRoot: fake.apiRoot,
      publicUrl: base,
      webhookSecret: "s3cret-token-for-tests",
      engine: testEngine(ctx, core),
      log: silentLog,
    });
    routes.push(...channel.routes);
    channel.start();
    await fake.waitForCall("setWebhook");
    expect(fake.webhookInfo().url).toBe(`${base}${WEBHOOK_PATH}`);

    const sofia = fakeUser(fake, { id: 7004, first_name: "Sofia" });
    expect(texts(await turn(fake, sofia, () => sofia.start()))).toContain("Ciao! 👋");

    const forged = await fetch(`${base}${WEBHOOK_PATH}`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": "wrong" },
      body: JSON.stringify({
        update_id: 1,
        message: {
          message_id: 1,
          date: 0,
          chat: { id: 1, type: "private" },
          from: { id: 1, is_bot: false, first_name: "x" },
          text: "ciao",
        },
      }),
    });
    expect(forged.status).toBe(401);
  });

  it("ignores group chats; the same person on the web is a different chat", async () => {
    const { fake, core } = await pollingBot();
    const group = fakeUser(fake, { id: 7005, first_name: "Gruppo" });
    const update = await fake.inject.update({
      message: {
        message_id: 1,
        date: 0,
        chat: { id: -100, type: "group", title: "g" },
        from: { id: 7005, is_bot: false, first_name: "Gruppo" },
        text: "ciao",
      },
    });
    await fake.waitUntilHandled(update.update_id);
    expect(fake.calls((c) => c.chatId === -100 && c.method === "sendMessage")).toEqual([]);
    expect(texts(await turn(fake, group, () => group.start()))).toContain("Ciao!");
    const web = engineChat(testEngine(ctx, core), { channel: "web", userId: "7005" });
    await web.say("ciao");
    expect(web.buttons()).toEqual(["Italiano", "English"]);
  });
});
