import type { AnyMessageContent } from "@whiskeysockets/baileys";
import { describe, expect, it } from "vitest";
import { loadAuthState } from "../bots/whatsapp/auth-state.js";
import { baileysLogger } from "../bots/whatsapp/baileys-logger.js";
import { SportelloError } from "../core/errors.js";
import { silentLog } from "../core/log.js";
import { fakeBaileys, incomingMessage } from "../test/support/fake-baileys/fake-socket.js";
import { OWN_LID, OWN_PHONE } from "../test/support/fake-baileys/helpers.js";
import { fakeUser, startFakeTelegram } from "../test/support/fake-telegram/index.js";
import { useIntegration } from "../test/support/integration.js";
import { startTcpProxy } from "../test/support/tcp-proxy.js";
import { testEnv } from "../test/support/test-env.js";
import { prismaWhatsAppStorage } from "./db/repositories/whatsapp-storage.js";
import { channelStatuses, startApp } from "./start.js";

describe("startApp", () => {
  const ctx = useIntegration();

  it("serves /healthz with database and Redis up, seeds demo data once, and stops", async () => {
    const app = await startApp(ctx.config({ DEMO_SEED: "true" }), silentLog);
    try {
      const response = await fetch(`${app.url}/healthz`);
      expect(response.status).toBe(200);
      const body = await response.json();
      expect(body.status).toBe("ok");
      expect(body.checks.database.status).toBe("up");
      expect(body.checks.redis.status).toBe("up");
      expect(await ctx.db.organisation.count({ where: { isDemo: true } })).toBeGreaterThan(0);
    } finally {
      await app.stop();
    }
    const before = await ctx.db.organisation.count();
    const again = await startApp(ctx.config({ DEMO_SEED: "true" }), silentLog);
    await again.stop();
    expect(await ctx.db.organisation.count()).toBe(before);
    await expect(fetch(`${app.url}/healthz`)).rejects.toThrow();
  });

  it("reports a Redis that went down as 503", async () => {
    const redisUrl = new URL(testEnv.TEST_REDIS_URL);
    const proxy = await startTcpProxy({ host: redisUrl.hostname, port: Number(redisUrl.port || 6379) });
    const app = await startApp(ctx.config({ REDIS_URL: `redis://127.0.0.1:${proxy.port}` }), silentLog);
    try {
      expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
      await proxy.cut();
      const response = await fetch(`${app.url}/healthz`);
      expect(response.status).toBe(503);
      const body = await response.json();
      expect(body.status).toBe("degraded");
      expect(body.checks.redis.status).toBe("down");
      expect(body.checks.database.status).toBe("up");
    } finally {
      await app.stop();
    }
  });

  it("refuses to start without Redis and says how to get one", async () => {
    const error = await startApp(ctx.config({ REDIS_URL: "redis://127.0.0.1:1" }), silentLog).catch((e) => e);
    expect(error).toBeInstanceOf(SportelloError);
    expect(error.message).toContain("Redis is not reachable at redis://127.0.0.1:1");
    expect(error.message).toContain("docker compose up -d redis");
    expect(error.message).toContain("apt-get install -y redis-server");
  });

  it("answers unknown paths with 404", async () => {
    const app = await startApp(ctx.config(), silentLog);
    try {
      const response = await fetch(`${app.url}/nope`);
      expect(response.status).toBe(404);
      expect((await response.json()).message).toBe("Pagina non trovata.");
      const page = await fetch(`${app.url}/nope`, { headers: { accept: "text/html" } });
      expect(page.status).toBe(404);
      expect(await page.text()).toContain('<a href="/">Torna alla chat</a>');
    } finally {
      await app.stop();
    }
  });
});

describe("channelStatuses", () => {
  it("says why a channel is off", () => {
    const ctxLess = channelStatuses({
      telegram: { token: undefined },
      webChat: { enabled: true },
      http: { publicUrl: undefined },
      whatsapp: { enabled: false },
    } as never);
    expect(ctxLess).toContainEqual({ name: "Telegram", enabled: false, reason: "TELEGRAM_BOT_TOKEN not set" });
    expect(ctxLess).toContainEqual({ name: "Web chat", enabled: true, reason: "WEB_CHAT_ENABLED" });
    expect(ctxLess).toContainEqual({ name: "WhatsApp", enabled: false, reason: "WHATSAPP_ENABLED=false" });
    const polling = channelStatuses({
      telegram: { token: "1:x" },
      webChat: { enabled: false },
      http: {},
      whatsapp: { enabled: true, session: "torino" },
      workersEnabled: true,
    } as never);
    expect(polling).toContainEqual({ name: "WhatsApp", enabled: true, reason: 'session "torino"' });
    expect(polling).toContainEqual({ name: "Telegram", enabled: true, reason: "long polling" });
    expect(polling).toContainEqual({ name: "Web chat", enabled: false, reason: "WEB_CHAT_ENABLED=false" });
  });
});

describe("startApp with Telegram configured", () => {
  const ctx = useIntegration();

  it("polls the configured Bot API root, answers, and stops the bot on shutdown", async () => {
    const fake = await startFakeTelegram({ token: "123456789:AAFakeTokenForSportelloTests_abcdefgh" });
    const app = await startApp(
      ctx.config({ TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, WEB_CHAT_ENABLED: "false" }),
      silentLog,
    );
    try {
      await fake.waitForCall("deleteWebhook");
      const user = fakeUser(fake, { id: 4242, first_name: "Piero", language_code: "it" });
      await user.start();
      const greeting = await user.nextReply({ timeoutMs: 10_000 });
      expect(greeting.text).toContain("Ciao! 👋 Sono Sportello");
      expect(fake.commands().map((c) => c.command)).toContain("aiuto");
      expect((await fetch(`${app.url}/`)).status).toBe(404); // web chat off
    } finally {
      await app.stop();
      await fake.close();
    }
  });
});

describe("startApp with WhatsApp configured", () => {
  const ctx = useIntegration();
  const whatsappOn = () =>
    ctx.config({ WHATSAPP_ENABLED: "true", WHATSAPP_SESSION: "start", WEB_CHAT_ENABLED: "false" });

  it("without a linked number: /healthz says not_linked and degraded, and it stops cleanly", async () => {
    const fake = fakeBaileys();
    const app = await startApp(whatsappOn(), silentLog, { makeWhatsAppSocket: fake.factory });
    try {
      const response = await fetch(`${app.url}/healthz`);
      expect(response.status).toBe(503);
      const body = await response.json();
      expect(body).toMatchObject({ status: "degraded", whatsapp: { phase: "not_linked", healthy: false } });
      expect(body.whatsapp.detail).toContain("npm run whatsapp:link");
      expect(fake.sockets).toHaveLength(0); // no socket, no QR by itself
    } finally {
      await app.stop();
    }
  });

  it("with a linked number: connects, answers, shows open in /healthz, and closes the socket at shutdown", async () => {
    const storage = prismaWhatsAppStorage(ctx.db);
    const auth = await loadAuthState(storage.auth, "start", baileysLogger(silentLog, "silent"));
    auth.state.creds.registered = true;
    auth.state.creds.me = { id: `${OWN_PHONE}:3@s.whatsapp.net`, lid: `${OWN_LID}:3@lid` };
    await auth.saveCreds();
    const fake = fakeBaileys();
    const app = await startApp(whatsappOn(), silentLog, { makeWhatsAppSocket: fake.factory });
    try {
      await expect.poll(() => fake.sockets.length).toBe(1);
      fake.latest().open();
      const body = await (await fetch(`${app.url}/healthz`)).json();
      expect(body).toMatchObject({ status: "ok", whatsapp: { phase: "open", healthy: true, linked: true } });
      expect(JSON.stringify(body)).not.toContain(OWN_PHONE);
      fake.latest().receive([incomingMessage({ conversation: "ciao" }, { id: "S1" })]);
      await expect.poll(() => fake.latest().sent.length, { timeout: 10_000 }).toBeGreaterThan(0);
      const text = (c: AnyMessageContent) => ("text" in c ? c.text : "");
      expect(
        fake
          .latest()
          .sent.map((s) => text(s.content))
          .join("\n"),
      ).toContain("_Rispondi con il numero._");
    } finally {
      await app.stop();
    }
    expect(fake.latest().ended).toBe(true);
  });
});
