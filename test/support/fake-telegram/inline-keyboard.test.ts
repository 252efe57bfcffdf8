import { GrammyError, InlineKeyboard } from "grammy";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { FakeTelegram } from "./fake-telegram.js";
import { fakeUser } from "./fake-user.js";
import { botFor, type PollingBot, startPolling } from "./grammy-harness.js";
import { startFakeTelegram } from "./server.js";

let fake: FakeTelegram;
let polling: PollingBot | undefined;

beforeEach(async () => {
  fake = await startFakeTelegram();
});

afterEach(async () => {
  await polling?.stop();
  polling = undefined;
  await fake.close();
});

const menu = () =>
  new InlineKeyboard().text("Prenota", "book").text("Annulla", "cancel").row().url("Sito", "https://example.org");

describe("inline keyboards and callback queries", () => {
  it("a press reaches the bot as a callback_query; the bot answers it and edits its message", async () => {
    const bot = botFor(fake);
    bot.command("start", (ctx) => ctx.reply("Cosa vuoi fare?", { reply_markup: menu() }));
    bot.callbackQuery("book", async (ctx) => {
      await ctx.answerCallbackQuery({ text: "Ok!" });
      await ctx.editMessageText(`Prenotazione per ${ctx.from.first_name}`);
    });
    polling = await startPolling(bot);
    const alice = fakeUser(fake, { id: 42, first_name: "Alice" });

    await alice.start();
    const menuMessage = (await alice.nextReply()).message;
    expect(menuMessage?.reply_markup?.inline_keyboard[0]?.map((b) => b.text)).toEqual(["Prenota", "Annulla"]);

    const press = await alice.press("Prenota");
    const query = press.callback_query;
    expect(query).toMatchObject({
      from: { id: 42, is_bot: false, first_name: "Alice" },
      data: "book",
      chat_instance: expect.stringMatching(/^-?\d+$/),
      message: { message_id: menuMessage?.message_id, text: "Cosa vuoi fare?" },
    });
    expect(query?.id).toMatch(/^\d+$/);

    const [edit] = await alice.waitForReplies({ count: 1 });
    expect(edit?.method).toBe("editMessageText");
    expect(edit?.text).toBe("Prenotazione per Alice");
    expect(edit?.message?.edit_date).toEqual(expect.any(Number));
    expect(edit?.message?.reply_markup).toBeUndefined(); // an edit without reply_markup drops the keyboard
    expect((await alice.callbackAnswer(press)).params).toMatchObject({ text: "Ok!" });
    expect(alice.lastBotMessage()?.text).toBe("Prenotazione per Alice");
  });

  it("press fails listing the available buttons when none matches, and refuses URL buttons", async () => {
    const bot = botFor(fake);
    bot.command("start", (ctx) => ctx.reply("Menu", { reply_markup: menu() }));
    polling = await startPolling(bot);
    const alice = fakeUser(fake, { id: 42, first_name: "Alice" });

    await expect(alice.press("Prenota")).rejects.toThrow(/no bot message in the chat has an inline keyboard/);
    await alice.start();
    await alice.nextReply();
    await expect(alice.press("Conferma")).rejects.toThrow(
      'No button "Conferma" in message 2 ("Menu"); buttons: "Prenota" [callback_data "book"], "Annulla" [callback_data "cancel"], "Sito" [url https://example.org]',
    );
    await expect(alice.press("Sito")).rejects.toThrow(/not a callback button/);
    expect((await alice.press(/annul/i)).callback_query?.data).toBe("cancel");
    expect((await alice.press({ data: "book" })).callback_query?.data).toBe("book");
  });

  it("answers Telegram's errors for edits: not modified, not found, not the bot's, no text", async () => {
    const alice = { id: 42, is_bot: false, first_name: "Alice" };
    const usersMessage = fake.inject.text(alice, "hello").message;
    const api = botFor(fake).api;
    const sent = await api.sendMessage(42, "Scegli", { reply_markup: menu() });

    await expect(api.editMessageText(42, sent.message_id, "Scegli", { reply_markup: menu() })).rejects.toMatchObject({
      error_code: 400,
      description:
        "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message",
    });
    await expect(api.editMessageReplyMarkup(42, sent.message_id, { reply_markup: menu() })).rejects.toThrow(
      /message is not modified/,
    );
    await expect(api.editMessageText(42, 999, "x")).rejects.toMatchObject({
      description: "Bad Request: message to edit not found",
    });
    await expect(api.editMessageText(42, usersMessage?.message_id ?? 0, "x")).rejects.toMatchObject({
      description: "Bad Request: message can't be edited",
    });
    const edited = await api.editMessageReplyMarkup(42, sent.message_id, {
      reply_markup: new InlineKeyboard().text("Solo uno", "one"),
    });
    expect(edited).toMatchObject({ reply_markup: { inline_keyboard: [[{ text: "Solo uno", callback_data: "one" }]] } });
    const location = await api.sendLocation(42, 45.46, 9.19);
    await expect(api.editMessageText(42, location.message_id, "x")).rejects.toMatchObject({
      description: "Bad Request: there is no text in the message to edit",
    });
  });

  it("refuses callback_data over 64 bytes and text buttons in inline keyboards", async () => {
    fake.addChat({ id: 42, type: "private", first_name: "Alice" });
    const api = botFor(fake).api;
    const tooLong = "é".repeat(33); // 66 bytes in UTF-8
    await expect(
      api.sendMessage(42, "x", { reply_markup: new InlineKeyboard().text("A", tooLong) }),
    ).rejects.toMatchObject({
      error_code: 400,
      description: "Bad Request: BUTTON_DATA_INVALID",
    });
    await expect(
      api.sendMessage(42, "x", { reply_markup: { inline_keyboard: [[{ text: "A", callback_data: "" }]] } }),
    ).rejects.toMatchObject({ description: "Bad Request: BUTTON_DATA_INVALID" });
    await expect(
      api.raw.sendMessage({ chat_id: 42, text: "x", reply_markup: { inline_keyboard: [[{ text: "A" }]] } as never }),
    ).rejects.toMatchObject({
      description: "Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard",
    });
    expect(
      await api.sendMessage(42, "ok", { reply_markup: new InlineKeyboard().text("A", "x".repeat(64)) }),
    ).toMatchObject({
      text: "ok",
    });
  });

  it("answerCallbackQuery refuses unknown ids and a second answer", async () => {
    const api = botFor(fake).api;
    const sent = await (async () => {
      fake.addChat({ id: 42, type: "private", first_name: "Alice" });
      return api.sendMessage(42, "Menu", { reply_markup: menu() });
    })();
    const press = fake.inject.callbackQuery(
      { id: 42, is_bot: false, first_name: "Alice" },
      {
        messageId: sent.message_id,
        button: "Annulla",
      },
    );
    const id = press.callback_query?.id ?? "";
    const tooOld = "Bad Request: query is too old and response timeout expired or query ID is invalid";

    await expect(api.answerCallbackQuery("123")).rejects.toMatchObject({ error_code: 400, description: tooOld });
    expect(await api.answerCallbackQuery(id)).toBe(true);
    const second = await api.answerCallbackQuery(id).catch((e: unknown) => e);
    expect(second).toBeInstanceOf(GrammyError);
    expect(second).toMatchObject({ description: tooOld });
    expect(fake.calls("answerCallbackQuery").map((c) => [c.ok, c.chatId])).toEqual([
      [false, undefined],
      [true, 42],
      [false, 42],
    ]);
  });
});
