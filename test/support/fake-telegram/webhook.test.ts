import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type Bot, webhookCallback } from "grammy";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { FakeTelegram } from "./fake-telegram.js";
import { fakeUser } from "./fake-user.js";
import { botFor } from "./grammy-harness.js";
import { startFakeTelegram } from "./server.js";

let fake: FakeTelegram;
let server: Server | undefined;
/** Headers of every request the webhook received. */
let received: IncomingHttpHeaders[];

beforeEach(async () => {
  fake = await startFakeTelegram();
  received = [];
});

afterEach(async () => {
  await fake.close();
  const s = server;
  server = undefined;
  if (s) {
    await new Promise<void>((resolve) => {
      s.close(() => resolve());
      s.closeAllConnections();
    });
  }
});

/** Serves grammY's webhookCallback(bot, "http", { secretToken }) on a local port; returns its URL. */
async function serveWebhook(bot: Bot, secretToken: string): Promise<string> {
  const handle = webhookCallback(bot, "http", { secretToken });
  server = createServer((req, res) => {
    received.push(req.headers);
    void handle(req, res);
  });
  const s = server;
  await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}/telegram`;
}

describe("webhook mode", () => {
  it("POSTs updates to the webhook with the secret token header; the bot's replies are recorded", async () => {
    const bot = botFor(fake);
    bot.on("message:text", (ctx) => ctx.reply(`echo: ${ctx.message.text}`));
    const url = await serveWebhook(bot, "s3cret_T0ken");
    expect(await bot.api.setWebhook(url, { secret_token: "s3cret_T0ken" })).toBe(true);
    const alice = fakeUser(fake, { id: 42, first_name: "Alice" });

    await alice.say("ciao");
    expect((await alice.nextReply()).text).toBe("echo: ciao");
    await alice.say("di nuovo");
    expect((await alice.waitForReplies()).map((r) => r.text)).toEqual(["echo: di nuovo"]);

    expect(received.map((h) => [h["x-telegram-bot-api-secret-token"], h["content-type"]])).toEqual([
      ["s3cret_T0ken", "application/json"],
      ["s3cret_T0ken", "application/json"],
    ]);
    expect(fake.webhookInfo()).toEqual({
      url,
      has_custom_certificate: false,
      pending_update_count: 0,
      ip_address: "127.0.0.1",
      max_connections: 40,
    });
  });

  it("getUpdates answers 409 Conflict while a webhook is set, and works again after deleteWebhook", async () => {
    const api = botFor(fake).api;
    await api.setWebhook("http://127.0.0.1:9/unused");
    await expect(api.getUpdates()).rejects.toMatchObject({
      error_code: 409,
      description:
        "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
    });
    await api.deleteWebhook();
    expect(await api.getUpdates()).toEqual([]);
    expect(fake.calls("deleteWebhook")[0]?.result).toBe(true);
  });

  it("a webhook refusing the update (wrong secret) leaves it pending with last_error_message, until fixed", async () => {
    const bot = botFor(fake);
    bot.on("message:text", (ctx) => ctx.reply("ok"));
    const url = await serveWebhook(bot, "right");
    await bot.api.setWebhook(url, { secret_token: "wrong" });
    const alice = fakeUser(fake, { id: 42, first_name: "Alice" });

    const update = await alice.say("ciao");
    const [attempt] = await fake.waitForWebhookAttempts(1);
    expect(attempt).toMatchObject({ update_id: update.update_id, ok: false, status: 401 });
    const info = await bot.api.getWebhookInfo();
    expect(info.pending_update_count).toBe(1);
    expect(info.last_error_message).toBe("Wrong response from the webhook: 401 Unauthorized");
    expect(info.last_error_date).toEqual(expect.any(Number));

    await bot.api.setWebhook(url, { secret_token: "right" }); // redelivers at once
    expect((await alice.nextReply()).text).toBe("ok");
    expect((await bot.api.getWebhookInfo()).pending_update_count).toBe(0);
  });

  it("runs a method the webhook returns in its response body (grammY's webhook reply)", async () => {
    const bot = botFor(fake, { client: { canUseWebhookReply: (method) => method === "sendMessage" } });
    bot.on("message:text", (ctx) => ctx.reply("via webhook reply"));
    const url = await serveWebhook(bot, "tok");
    await bot.api.setWebhook(url, { secret_token: "tok" });
    const alice = fakeUser(fake, { id: 42, first_name: "Alice" });

    await alice.say("ciao");
    const reply = await alice.nextReply();
    expect(reply).toMatchObject({ method: "sendMessage", via: "webhook-reply", text: "via webhook reply" });
  });

  it("setWebhook and deleteWebhook answer with Telegram's descriptions and can drop pending updates", async () => {
    const hook = "http://127.0.0.1:9/hook";
    const post = (method: string, body: unknown) =>
      fetch(`${fake.apiRoot}/bot${fake.token}/${method}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      }).then((r) => r.json());
    expect(await post("deleteWebhook", {})).toEqual({
      ok: true,
      result: true,
      description: "Webhook is already deleted",
    });
    expect(await post("setWebhook", { url: hook })).toEqual({ ok: true, result: true, description: "Webhook was set" });
    expect(await post("setWebhook", { url: hook })).toEqual({
      ok: true,
      result: true,
      description: "Webhook is already set",
    });
    fake.inject.text({ id: 42, is_bot: false, first_name: "Alice" }, "lost");
    expect(await post("deleteWebhook", { drop_pending_updates: true })).toEqual({
      ok: true,
      result: true,
      description: "Webhook was deleted",
    });
    expect(fake.pendingUpdates()).toEqual([]);
    expect(await post("setWebhook", { url: hook, secret_token: "no spaces allowed" })).toMatchObject({
      ok: false,
      error_code: 400,
    });
  });
});
