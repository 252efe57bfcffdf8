import { Keyboard } from "grammy";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { FakeTelegram } from "./fake-telegram.js";
import { botFor } from "./grammy-harness.js";
import { startFakeTelegram } from "./server.js";

let fake: FakeTelegram;

beforeEach(async () => {
  fake = await startFakeTelegram();
  fake.addChat({ id: 42, type: "private", first_name: "Alice" });
});

afterEach(async () => {
  await fake.close();
});

/** A raw HTTP call, as a client other than grammY might make it. */
async function call(method: string, init: RequestInit = {}, query = ""): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${fake.apiRoot}/bot${fake.token}/${method}${query}`, { method: "POST", ...init });
  return { status: response.status, body: await response.json() };
}

describe("Bot API surface", () => {
  it("accepts application/x-www-form-urlencoded and query-string parameters, with JSON fields as text", async () => {
    const form = new URLSearchParams({
      chat_id: "42",
      text: "<i>ciao</i>",
      parse_mode: "HTML",
      reply_markup: JSON.stringify({ inline_keyboard: [[{ text: "A", callback_data: "a" }]] }),
    });
    const { status, body } = await call("sendMessage", { body: form });
    expect(status).toBe(200);
    expect(body).toMatchObject({
      ok: true,
      result: {
        text: "ciao",
        entities: [{ type: "italic", offset: 0, length: 4 }],
        reply_markup: { inline_keyboard: [[{ text: "A", callback_data: "a" }]] },
      },
    });
    expect(fake.calls("sendMessage")[0]?.params).toMatchObject({
      chat_id: 42,
      reply_markup: { inline_keyboard: [[{ text: "A" }]] },
    });
    expect((await call("sendMessage", {}, "?chat_id=42&text=dalla%20query")).body).toMatchObject({
      result: { text: "dalla query" },
    });
    expect((await call("SENDMESSAGE", {}, "?chat_id=42&text=case")).status).toBe(200); // method names ignore case
    expect((await call("sendMessage", { body: "{oops", headers: { "content-type": "application/json" } })).status).toBe(
      400,
    );
  });

  it("reply keyboards, remove_keyboard and force_reply are accepted but not echoed in the Message", async () => {
    const api = botFor(fake).api;
    const withKeyboard = await api.sendMessage(42, "Scegli", {
      reply_markup: new Keyboard().text("Sì").text("No").resized().placeholder("Rispondi"),
    });
    expect(withKeyboard.reply_markup).toBeUndefined();
    expect(fake.calls("sendMessage")[0]?.params.reply_markup).toEqual({
      keyboard: [[{ text: "Sì" }, { text: "No" }]],
      resize_keyboard: true,
      input_field_placeholder: "Rispondi",
    });
    await api.sendMessage(42, "Via la tastiera", { reply_markup: { remove_keyboard: true } });
    await api.sendMessage(42, "Il tuo comune?", {
      reply_markup: { force_reply: true, input_field_placeholder: "Comune" },
    });
    await expect(
      api.raw.sendMessage({ chat_id: 42, text: "x", reply_markup: { keyboard: "no" } as never }),
    ).rejects.toMatchObject({
      description: 'Bad Request: field "keyboard" of the ReplyKeyboardMarkup should be an Array of Arrays',
    });
  });

  it("replies to a message with reply_parameters and refuses a missing one", async () => {
    const user = { id: 42, is_bot: false, first_name: "Alice" };
    const question = fake.inject.text(user, "Domanda?").message;
    const api = botFor(fake).api;
    const answer = await api.sendMessage(42, "Risposta", {
      reply_parameters: { message_id: question?.message_id ?? 0 },
    });
    expect(answer.reply_to_message).toMatchObject({ message_id: question?.message_id, text: "Domanda?", from: user });
    await expect(api.sendMessage(42, "x", { reply_parameters: { message_id: 999 } })).rejects.toMatchObject({
      description: "Bad Request: message to be replied not found",
    });
    expect(
      (await api.sendMessage(42, "x", { reply_parameters: { message_id: 999, allow_sending_without_reply: true } }))
        .reply_to_message,
    ).toBeUndefined();
  });

  it("deleteMessage removes a message once", async () => {
    const api = botFor(fake).api;
    const sent = await api.sendMessage(42, "temporaneo");
    expect(await api.deleteMessage(42, sent.message_id)).toBe(true);
    expect(fake.message(42, sent.message_id)).toBeUndefined();
    await expect(api.deleteMessage(42, sent.message_id)).rejects.toMatchObject({
      description: "Bad Request: message to delete not found",
    });
  });

  it("setMyCommands and getMyCommands per scope and language", async () => {
    const api = botFor(fake).api;
    await api.setMyCommands([
      { command: "start", description: "Inizia" },
      { command: "prenota", description: "Prenota un appuntamento" },
    ]);
    await api.setMyCommands([{ command: "start", description: "Start" }], { language_code: "en" });
    expect(await api.getMyCommands()).toEqual([
      { command: "start", description: "Inizia" },
      { command: "prenota", description: "Prenota un appuntamento" },
    ]);
    expect(await api.getMyCommands({ language_code: "en" })).toEqual([{ command: "start", description: "Start" }]);
    expect(await api.getMyCommands({ scope: { type: "all_private_chats" } })).toEqual([]);
    expect(fake.commands({ type: "default" }, "en")).toEqual([{ command: "start", description: "Start" }]);
    await expect(api.setMyCommands([{ command: "Bad Command", description: "x" }])).rejects.toMatchObject({
      description: "Bad Request: BOT_COMMAND_INVALID",
    });
  });

  it("sendMessage detects entities Telegram adds by itself", async () => {
    const sent = await botFor(fake).api.sendMessage(42, "Scrivi /annulla o visita https://example.org");
    expect(sent.entities).toEqual([
      { type: "bot_command", offset: 7, length: 8 },
      { type: "url", offset: 25, length: 19 },
    ]);
  });
});
