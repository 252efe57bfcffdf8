import { Bot, GrammyError, HttpError } from "grammy";
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

describe("Telegram's errors", () => {
  it("an unknown token is 401 Unauthorized", async () => {
    const bot = new Bot("999:wrong-token", { client: { apiRoot: fake.apiRoot } });
    const error = await bot.api.getMe().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GrammyError);
    expect(error).toMatchObject({ error_code: 401, description: "Unauthorized" });
    const raw = await fetch(`${fake.apiRoot}/bot999:wrong-token/getMe`);
    expect(raw.status).toBe(401);
    expect(await raw.json()).toEqual({ ok: false, error_code: 401, description: "Unauthorized" });
  });

  it("an unknown method is 404 Not Found", async () => {
    const raw = await fetch(`${fake.apiRoot}/bot${fake.token}/sendTelepathy`, { method: "POST" });
    expect(raw.status).toBe(404);
    expect(await raw.json()).toEqual({ ok: false, error_code: 404, description: "Not Found" });
  });

  it("refuses text over 4096 characters after entity parsing, and empty text", async () => {
    const api = botFor(fake).api;
    await expect(api.sendMessage(42, "a".repeat(4097))).rejects.toMatchObject({
      error_code: 400,
      description: "Bad Request: message is too long",
    });
    // Markup does not count: 4096 visible characters are fine.
    expect((await api.sendMessage(42, `<b>${"a".repeat(4096)}</b>`, { parse_mode: "HTML" })).text).toHaveLength(4096);
    await expect(api.sendMessage(42, "   \n ")).rejects.toMatchObject({
      description: "Bad Request: message text is empty",
    });
    await expect(api.sendMessage(42, "<b></b>", { parse_mode: "HTML" })).rejects.toMatchObject({
      description: "Bad Request: message text is empty",
    });
  });

  it("a 429 reaches grammY as a GrammyError with parameters.retry_after, then the call goes through", async () => {
    fake.failNext("sendMessage", { status: 429, retryAfter: 7 });
    const api = botFor(fake).api;
    const error = await api.sendMessage(42, "ciao").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GrammyError);
    expect(error).toMatchObject({
      error_code: 429,
      description: "Too Many Requests: retry after 7",
      parameters: { retry_after: 7 },
    });
    expect((await api.sendMessage(42, "ciao")).text).toBe("ciao");
    expect(fake.calls("sendMessage").map((c) => [c.ok, c.injected ?? false])).toEqual([
      [false, true],
      [true, false],
    ]);
  });

  it("injects 500 (JSON) and 502 (nginx HTML, an HttpError in grammY) for a number of calls", async () => {
    fake.failNext("sendMessage", { status: 500 }, 2);
    fake.failNext("*", { status: 502 });
    const api = botFor(fake).api;
    for (let i = 0; i < 2; i++) {
      await expect(api.sendMessage(42, "x")).rejects.toMatchObject({
        error_code: 500,
        description: "Internal Server Error",
      });
    }
    expect(await api.getMe().catch((e: unknown) => e)).toBeInstanceOf(HttpError);
    expect((await api.getMe()).id).toBe(fake.botInfo.id);
  });

  it("chat not found, and 403 once the user blocked the bot", async () => {
    const api = botFor(fake).api;
    await expect(api.sendMessage(7, "x")).rejects.toMatchObject({
      error_code: 400,
      description: "Bad Request: chat not found",
    });
    fake.setBlocked(42, true);
    await expect(api.sendMessage(42, "x")).rejects.toMatchObject({
      error_code: 403,
      description: "Forbidden: bot was blocked by the user",
    });
  });

  it("parse errors are Telegram's 'can't parse entities'", async () => {
    const api = botFor(fake).api;
    await expect(api.sendMessage(42, "1. Ciao!", { parse_mode: "MarkdownV2" })).rejects.toMatchObject({
      description:
        "Bad Request: can't parse entities: Character '.' is reserved and must be escaped with the preceding '\\'",
    });
    await expect(api.sendMessage(42, "<blink>x</blink>", { parse_mode: "HTML" })).rejects.toMatchObject({
      description: 'Bad Request: can\'t parse entities: Unsupported start tag "blink" at byte offset 0',
    });
  });
});
