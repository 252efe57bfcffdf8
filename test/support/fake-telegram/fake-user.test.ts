import { Keyboard } from "grammy";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { FakeTelegram } from "./fake-telegram.js";
import { fakeUser } from "./fake-user.js";
import { botFor, type PollingBot, startPolling } from "./grammy-harness.js";
import { startFakeTelegram } from "./server.js";

let fake: FakeTelegram;
let polling: PollingBot | undefined;

beforeEach(async () => {
  fake = await startFakeTelegram({ bot: { username: "sportello_test_bot", first_name: "Sportello" } });
});

afterEach(async () => {
  await polling?.stop();
  polling = undefined;
  await fake.close();
});

describe("the scripted user", () => {
  it("sends realistic updates: a command with its bot_command entity and a deep-link payload", async () => {
    const alice = fakeUser(fake, { id: 42, first_name: "Alice", last_name: "Rossi", language_code: "it" });
    const update = await alice.start("p_123");
    expect(update).toEqual({
      update_id: 10_000,
      message: {
        message_id: 1,
        from: { id: 42, is_bot: false, first_name: "Alice", last_name: "Rossi", language_code: "it" },
        chat: { id: 42, type: "private", first_name: "Alice", last_name: "Rossi" },
        date: expect.any(Number),
        text: "/start p_123",
        entities: [{ type: "bot_command", offset: 0, length: 6 }],
      },
    });
    expect((await alice.say("hi")).update_id).toBe(10_001);
  });

  it("sends stickers, photos, voice notes and contacts whose files the bot can download", async () => {
    const bot = botFor(fake);
    const kinds: string[] = [];
    bot.on("message", async (ctx) => {
      const m = ctx.message;
      if (m.sticker) kinds.push(`sticker ${m.sticker.emoji}`);
      if (m.photo) kinds.push(`photo ${m.photo.map((p) => p.width).join("/")}`);
      if (m.voice) kinds.push(`voice ${m.voice.duration}s ${m.voice.mime_type}`);
      if (m.contact) kinds.push(`contact ${m.contact.phone_number} of ${m.contact.user_id}`);
      const fileId = m.sticker?.file_id ?? m.photo?.at(-1)?.file_id ?? m.voice?.file_id;
      if (fileId) {
        const file = await ctx.api.getFile(fileId);
        const bytes = await fetch(`${fake.apiRoot}/file/bot${fake.token}/${file.file_path}`).then((r) =>
          r.arrayBuffer(),
        );
        kinds.push(`${bytes.byteLength === file.file_size ? "downloaded" : "size mismatch"}`);
      }
    });
    polling = await startPolling(bot);
    const bob = fakeUser(fake, { id: 7, first_name: "Bob" });

    await bob.sendSticker({ emoji: "🎉" });
    await bob.sendPhoto({ caption: "scontrino" });
    await bob.sendVoice({ duration: 4 });
    await bob.shareContact();
    await bob.waitForReplies();

    expect(kinds).toEqual([
      "sticker 🎉",
      "downloaded",
      "photo 90/320/800",
      "downloaded",
      "voice 4s audio/ogg",
      "downloaded",
      "contact 393330000007 of 7",
    ]);
  });

  it("taps reply-keyboard buttons: text, request_location and a one-time keyboard that hides", async () => {
    const bot = botFor(fake);
    bot.command("start", (ctx) =>
      ctx.reply("Dove sei?", {
        reply_markup: new Keyboard().requestLocation("Invia posizione").text("Scrivo il comune").oneTime().resized(),
      }),
    );
    bot.on("message:location", (ctx) => ctx.reply("Grazie", { reply_markup: { remove_keyboard: true } }));
    bot.hears("Scrivo il comune", (ctx) => ctx.reply("Quale comune?"));
    polling = await startPolling(bot);
    const alice = fakeUser(fake, { id: 42, first_name: "Alice" });

    await alice.start();
    await alice.nextReply();
    expect(
      alice
        .keyboard()
        ?.keyboard.flat()
        .map((b) => (typeof b === "string" ? b : b.text)),
    ).toEqual(["Invia posizione", "Scrivo il comune"]);
    await expect(alice.tap("Nope")).rejects.toThrow('the reply keyboard has "Invia posizione", "Scrivo il comune"');
    await alice.tap("Scrivo il comune");
    expect((await alice.nextReply()).text).toBe("Quale comune?");
    expect(alice.keyboard()).toBeUndefined(); // one-time keyboard hidden after use

    await alice.start();
    await alice.nextReply();
    const shared = await alice.tap("Invia posizione", { location: { latitude: 41.9, longitude: 12.5 } });
    expect(shared.message?.location).toEqual({ latitude: 41.9, longitude: 12.5 });
    expect((await alice.nextReply()).text).toBe("Grazie");
    expect(alice.keyboard()).toBeUndefined();
  });

  it("times out with what it got and the bot's failed calls in the chat", async () => {
    const bot = botFor(fake);
    bot.on("message:text", async (ctx) => {
      await ctx.reply("one");
      await ctx.reply("x".repeat(5000)).catch(() => undefined);
    });
    polling = await startPolling(bot);
    const alice = fakeUser(fake, { id: 42, first_name: "Alice" });
    await alice.say("go");
    await fake.waitForCall((c) => c.method === "sendMessage" && !c.ok); // so the message below is deterministic
    await expect(alice.waitForReplies({ count: 2, timeoutMs: 300 })).rejects.toThrow(
      'Timed out after 300 ms: Alice (42) expected 2 replies from the bot, got 1: sendMessage "one". Failed calls in this chat: sendMessage: Bad Request: message is too long',
    );
  });

  it("each reply is returned once; replies from other chats are not mixed in", async () => {
    const bot = botFor(fake);
    bot.on("message:text", (ctx) => ctx.reply(`${ctx.from.first_name}: ${ctx.message.text}`));
    polling = await startPolling(bot);
    const alice = fakeUser(fake, { id: 42, first_name: "Alice" });
    const bob = fakeUser(fake, { id: 7, first_name: "Bob" });

    await alice.say("1");
    await bob.say("2");
    await alice.say("3");
    expect((await alice.waitForReplies({ count: 2 })).map((r) => r.text)).toEqual(["Alice: 1", "Alice: 3"]);
    expect((await bob.nextReply()).text).toBe("Bob: 2");
    expect(await alice.waitForReplies()).toEqual([]);
    expect(alice.botMessages().map((m) => m.text)).toEqual(["Alice: 1", "Alice: 3"]);
    expect(alice.messages()).toHaveLength(4);
  });
});
