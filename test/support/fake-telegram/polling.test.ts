import { GrammyError } from "grammy";
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

describe("long polling with grammY's bot.start()", () => {
  it("an echo bot answers text messages, in order, each reply shaped like a Bot API Message", async () => {
    const bot = botFor(fake);
    bot.on("message:text", (ctx) => ctx.reply(`echo: ${ctx.message.text}`));
    polling = await startPolling(bot);
    const alice = fakeUser(fake, { id: 42, first_name: "Alice", language_code: "it" });

    await alice.say("ciao");
    await alice.say("come stai?");
    const [first, second] = await alice.waitForReplies({ count: 2 });

    expect(first?.text).toBe("echo: ciao");
    expect(second?.text).toBe("echo: come stai?");
    expect(first?.message).toEqual({
      message_id: 3, // the user's two messages took ids 1 and 2: both sides share one sequence per chat
      from: { id: fake.botInfo.id, is_bot: true, first_name: "Fake Bot", username: "fake_test_bot" },
      chat: { id: 42, type: "private", first_name: "Alice" },
      date: expect.any(Number),
      text: "echo: ciao",
    });
    expect(second?.message?.message_id).toBe(4);
    expect(polling.errors).toEqual([]);
  });

  it("waitForReplies without a count waits until the bot handled the user's updates", async () => {
    const bot = botFor(fake);
    bot.command("start", async (ctx) => {
      await ctx.reply(`payload: ${ctx.match}`);
      await ctx.reply("second line");
    });
    bot.on("message:sticker", () => {}); // handled silently
    polling = await startPolling(bot);
    const bob = fakeUser(fake, { id: 7, first_name: "Bob" });

    await bob.start("p_123");
    expect((await bob.waitForReplies()).map((r) => r.text)).toEqual(["payload: p_123", "second line"]);

    await bob.sendSticker();
    expect(await bob.waitForReplies()).toEqual([]);
  });

  it("records getMe and deleteWebhook, then grammY parks a long poll (recorded once answered)", async () => {
    polling = await startPolling(botFor(fake));
    expect(fake.calls("getMe")[0]?.result).toEqual(fake.botInfo);
    expect(fake.calls("deleteWebhook")[0]?.result).toBe(true);
    await fake.waitUntilPolling();
    expect(fake.calls("getUpdates")).toEqual([]);
  });
});

describe("getUpdates semantics", () => {
  const user = { id: 5, is_bot: false, first_name: "Eve" };

  it("keeps updates until an offset above their update_id confirms them", async () => {
    const api = botFor(fake).api;
    const one = fake.inject.text(user, "one");
    const two = fake.inject.text(user, "two");
    expect(two.update_id).toBe(one.update_id + 1);

    expect((await api.getUpdates()).map((u) => u.message?.text)).toEqual(["one", "two"]);
    expect((await api.getUpdates()).map((u) => u.message?.text)).toEqual(["one", "two"]); // not confirmed yet
    expect((await api.getUpdates({ offset: one.update_id + 1 })).map((u) => u.update_id)).toEqual([two.update_id]);
    expect(await api.getUpdates({ offset: two.update_id + 1 })).toEqual([]);
    expect(fake.pendingUpdates()).toEqual([]);
  });

  it("honours limit and a negative offset (only the last -offset updates, the rest forgotten)", async () => {
    const api = botFor(fake).api;
    for (const text of ["a", "b", "c", "d"]) fake.inject.text(user, text);
    expect((await api.getUpdates({ limit: 2 })).map((u) => u.message?.text)).toEqual(["a", "b"]);
    expect((await api.getUpdates({ offset: -1 })).map((u) => u.message?.text)).toEqual(["d"]);
    expect(fake.pendingUpdates().map((u) => u.message?.text)).toEqual(["d"]);
  });

  it("long polling answers as soon as an update arrives", async () => {
    const api = botFor(fake).api;
    const poll = api.getUpdates({ timeout: 50 });
    await fake.waitUntilPolling();
    const update = fake.inject.text(user, "wake up");
    expect((await poll).map((u) => u.update_id)).toEqual([update.update_id]);
  });

  it("an empty long poll answers [] when its timeout expires", async () => {
    expect(await botFor(fake).api.getUpdates({ timeout: 1 })).toEqual([]);
  });

  it("a second getUpdates terminates the first with 409 Conflict", async () => {
    const api = botFor(fake).api;
    const first = api.getUpdates({ timeout: 50 });
    const firstFailed = first.then(
      () => undefined,
      (error: unknown) => error,
    );
    // The first request must reach the server before the second one: wait until the server holds it.
    await fake.waitUntilPolling();
    await api.getUpdates({ timeout: 0 });
    const error = await firstFailed;
    expect(error).toBeInstanceOf(GrammyError);
    expect(error).toMatchObject({
      error_code: 409,
      description: "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running",
    });
  });

  it("drops updates of types not in allowed_updates", async () => {
    const api = botFor(fake).api;
    await api.getUpdates({ allowed_updates: ["callback_query"] });
    const dropped = fake.inject.text(user, "ignored");
    expect(await api.getUpdates()).toEqual([]);
    await fake.waitUntilHandled(dropped.update_id); // a dropped update counts as handled
  });
});
