import { createHash, randomBytes } from "node:crypto";
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningApp, startApp } from "../../../app/start.js";
import { CHAT_ERRORS } from "../../../bots/web/chat-errors.js";
import { silentLog } from "../../../core/log.js";
import { createTestPoint } from "../../support/fixtures.js";
import { type IntegrationContext, useIntegration } from "../../support/integration.js";
import { RawConnection } from "../../support/raw-http.js";
import { recordingLog } from "../../support/recording-log.js";
import { textOf, webClient } from "./web-client.js";

const invented = () => randomBytes(32).toString("base64url");
const ROOMY = { WEB_CHAT_NEW_SESSIONS_PER_HOUR: "10000", WEB_CHAT_MESSAGES_PER_MINUTE: "100000" };

async function keysUnder(redis: Redis, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = "0";
  do {
    const [next, batch] = await redis.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 1000);
    cursor = next;
    keys.push(...batch);
  } while (cursor !== "0");
  return keys;
}

/** The chat id the server keeps for a cookie's token (what the engine and the channel identity see). */
async function chatIdOf(ctx: IntegrationContext, token: string | undefined): Promise<string | undefined> {
  if (!token) return undefined;
  const key = `${ctx.redisPrefix}:web-session:${createHash("sha256").update(token).digest("base64url")}`;
  const raw = await ctx.redis.get(key);
  return raw ? (JSON.parse(raw) as { chatId: string }).chatId : undefined;
}

/** A new web client that has said something: its session is open (anonymous, Italian). */
async function openedClient(url: string, options: Parameters<typeof webClient>[1] = {}) {
  const chat = webClient(url, options);
  await chat.post({ type: "start" });
  const opened = await chat.press("Italiano");
  expect(opened.status).toBe(200);
  return chat;
}

describe("web chat against clients that invent or skip sessions", () => {
  const ctx = useIntegration();

  describe("sessions", () => {
    const log = recordingLog();
    let app: RunningApp;
    let port: number;
    beforeAll(async () => {
      await createTestPoint(ctx.db, { name: "Biblioteca dei caratteri" });
      app = await startApp(ctx.config(ROOMY), log);
      port = Number(new URL(app.url).port);
    });
    afterAll(async () => {
      await app?.stop();
    });

    it("keeps nothing for 400 visitors who say nothing, with no cookie or invented ones", async () => {
      const before = (await keysUnder(ctx.redis, ctx.redisPrefix)).length;
      const answers = await Promise.all([
        ...Array.from({ length: 50 }, () => fetch(`${app.url}/`).then((r) => ({ r, kind: "page" }))),
        ...Array.from({ length: 50 }, () => webClient(app.url).post({ type: "resume" })),
        ...Array.from({ length: 50 }, () => webClient(app.url).post({ type: "start" })),
        ...Array.from({ length: 50 }, () => webClient(app.url).post({ type: "start", payload: "p_nowhere" })),
        ...Array.from({ length: 100 }, () =>
          webClient(app.url, { headers: { cookie: `sportello_chat=${invented()}` } }).post({ type: "resume" }),
        ),
        ...Array.from({ length: 50 }, () =>
          webClient(app.url, { headers: { cookie: `sportello_chat=${invented()}` } }).say("ciao"),
        ),
        ...Array.from({ length: 50 }, () =>
          webClient(app.url, { headers: { cookie: `sportello_chat=${invented()}` } }).post({
            type: "button",
            data: "1.it",
          }),
        ),
      ]);
      const statuses = answers.map((a) => ("r" in a ? a.r.status : a.status));
      expect(statuses.filter((s) => s === 200)).toHaveLength(300);
      expect(statuses.filter((s) => s === CHAT_ERRORS.session_missing.status)).toHaveLength(100);
      for (const answer of answers) {
        const cookie = "r" in answer ? answer.r.headers.get("set-cookie") : answer.headers.get("set-cookie");
        // no session is ever handed out; an unknown cookie is told to go away
        expect(cookie === null || /^sportello_chat=; Path=\/; Max-Age=0;/.test(cookie)).toBe(true);
      }
      expect((await keysUnder(ctx.redis, ctx.redisPrefix)).length).toBe(before);
    });

    it("never adopts a planted token: the session is the server's own, and the planted one stays unknown", async () => {
      const planted = invented();
      const victim = webClient(app.url);
      victim.cookie = `sportello_chat=${planted}`;
      const look = await victim.post({ type: "resume" });
      expect(look.status).toBe(200);
      expect(victim.cookie).toBeUndefined(); // the browser was told to drop it
      const opened = await victim.press("Italiano");
      expect(opened.status).toBe(200);
      expect(victim.token()).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(victim.token()).not.toBe(planted);
      expect(await chatIdOf(ctx, planted)).toBeUndefined();
      // the planter cannot use it either
      const planter = webClient(app.url);
      planter.cookie = `sportello_chat=${planted}`;
      expect((await planter.say("menu")).body.error).toBe("session_missing");
    });

    it("rotates a planted real token at consent: the planter is locked out, the chat id stays", async () => {
      const attacker = await openedClient(app.url);
      const planted = attacker.token();
      const chatId = await chatIdOf(ctx, planted);
      expect(chatId).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(chatId).not.toBe(planted);

      // the victim's browser carries the attacker's cookie
      const victim = webClient(app.url);
      victim.cookie = attacker.cookie;
      expect(textOf(await victim.post({ type: "resume" }))).toContain("Per prenotare devo salvare alcuni tuoi dati");
      const accepted = await victim.press("Accetto");
      expect(textOf(accepted)).toContain("Grazie! ✅");
      expect(victim.token()).not.toBe(planted);

      const locked = await attacker.say("I miei appuntamenti");
      expect(locked.status).toBe(400);
      expect(locked.body.error).toBe("session_missing");
      expect(await chatIdOf(ctx, planted)).toBeUndefined();

      // same chat under the new token: the engine knows the citizen, whose identity is that id
      expect(await chatIdOf(ctx, victim.token())).toBe(chatId);
      const identity = await ctx.db.channelIdentity.findFirstOrThrow({
        where: { channel: "web", externalId: chatId ?? "" },
      });
      expect(identity.citizenId).toBeTruthy();
      expect(textOf(await victim.post({ type: "resume" }))).toContain("Cosa vuoi fare?");
    });

    it("rotates the token at erasure too, and the erased chat's id is not used again", async () => {
      const chat = await openedClient(app.url);
      await chat.press("Accetto");
      const consented = chat.token();
      const chatId = await chatIdOf(ctx, consented);
      await chat.say("privacy");
      await chat.press("Cancella i miei dati");
      const erased = await chat.press("Sì, cancella tutto");
      expect(textOf(erased)).toContain("ho cancellato i tuoi dati");
      expect(erased.headers.get("set-cookie")).toMatch(/^sportello_chat=[A-Za-z0-9_-]{43}; Path=\/; Max-Age=86400;/);
      expect(chat.token()).not.toBe(consented);
      expect(await chatIdOf(ctx, consented)).toBeUndefined();
      const fresh = await chatIdOf(ctx, chat.token());
      expect(fresh).toBeDefined();
      expect(fresh).not.toBe(chatId);
      expect(await ctx.db.channelIdentity.count({ where: { externalId: chatId ?? "" } })).toBe(0);

      const old = webClient(app.url);
      old.cookie = `sportello_chat=${consented}`;
      expect((await old.say("menu")).body.error).toBe("session_missing");
      // the person can start again on the same page
      expect(textOf(await chat.say("ciao"))).toContain("Ciao! 👋 Sono Sportello");
    });

    it("gives the new token to exactly one of several racing consents", async () => {
      const chat = await openedClient(app.url);
      const before = chat.token();
      const data = chat.buttonData("Accetto");
      expect(data).toBeDefined();
      const racing = await Promise.all(
        Array.from({ length: 6 }, () => webClient(app.url, { headers: { cookie: `sportello_chat=${before}` } })).map(
          (c) => c.post({ type: "button", data }),
        ),
      );
      expect(racing.every((r) => r.status === 200)).toBe(true);
      const cookies = racing.map((r) => r.headers.get("set-cookie")).filter((c): c is string => c !== null);
      expect(cookies).toHaveLength(1);
      const token = /^sportello_chat=([^;]+)/.exec(cookies[0] ?? "")?.[1];
      expect(await chatIdOf(ctx, before)).toBeUndefined();
      const winner = webClient(app.url);
      winner.cookie = `sportello_chat=${token}`;
      expect(textOf(await winner.post({ type: "resume" }))).toContain("Cosa vuoi fare?");
    });

    it("sends nosniff on every response", async () => {
      const responses = await Promise.all([
        fetch(`${app.url}/healthz`),
        fetch(`${app.url}/`),
        fetch(`${app.url}/web/chat.js`),
        fetch(`${app.url}/nothing`),
        fetch(`${app.url}/nothing`, { headers: { accept: "text/html" } }),
        fetch(`${app.url}/api/chat`, { method: "POST", body: "x", headers: { "content-type": "text/plain" } }),
        fetch(`${app.url}/api/chat`, { method: "POST", body: "{", headers: { "content-type": "application/json" } }),
        webClient(app.url).post({ type: "resume" }, { origin: "http://evil.example" }),
      ]);
      expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 404, 404, 415, 400, 403]);
      for (const response of responses) expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      const raw = await RawConnection.open(port);
      const bad = await raw.request("GET http://[ HTTP/1.1\r\nHost: x\r\n\r\n");
      expect(bad?.status).toBe(400);
      expect(bad?.headers["x-content-type-options"]).toBe("nosniff");
      raw.destroy();
    });

    it("refuses chat posts from another origin, and takes those of its own", async () => {
      const own = `http://127.0.0.1:${port}`;
      const post = (headers: Record<string, string>) => webClient(app.url).post({ type: "resume" }, headers);
      expect((await post({ origin: own, "sec-fetch-site": "same-origin" })).status).toBe(200);
      expect((await post({ origin: own })).status).toBe(200);
      const foreign: Array<Record<string, string>> = [
        { origin: "http://evil.example" },
        { origin: "null" },
        { origin: `http://127.0.0.1:${port + 1}` },
        { origin: own, "sec-fetch-site": "same-site" },
        { origin: own, "sec-fetch-site": "cross-site" },
      ];
      for (const headers of foreign) {
        const refused = await post(headers);
        expect(refused.status).toBe(403);
        expect(refused.body).toEqual({ error: "cross_site", message: CHAT_ERRORS.cross_site.message });
      }
    });

    it("books after a note with NUL and lone surrogates sent through the web API", async () => {
      const chat = await openedClient(app.url);
      await chat.press("Accetto");
      await chat.press("Prenota un appuntamento");
      await chat.say("Torino");
      await chat.press("Biblioteca dei caratteri");
      await chat.press(/Con un facilitatore/);
      await chat.press("Di persona, al punto");
      const day = chat.buttons().find((label) => /\((\d+ posti|1 posto)\)$/.test(label));
      await chat.press(day ?? "");
      await chat.press(chat.buttons().find((label) => /^\d{2}:\d{2}$/.test(label)) ?? "");
      await chat.press("Altro");
      // JSON escapes carry them: "\u0000" and an unpaired "\ud800"
      const summary = await chat.post('{"type":"text","text":"Firma\\u0000 digitale \\ud800 per il comune"}');
      expect(summary.status).toBe(200);
      expect(textOf(summary)).toContain("Controlla, per favore:");
      const done = await chat.press("Conferma");
      expect(textOf(done)).toContain("Fatto! ✅");
      const booking = await ctx.db.booking.findFirstOrThrow({ where: { needNote: { not: null } } });
      expect(booking.needNote).toBe("Firma digitale  per il comune");
    });

    it("notes aborted uploads at debug level, and logs no error for anything in this file", async () => {
      const aborts = Array.from({ length: 20 }, async () => {
        const connection = await RawConnection.open(port);
        connection.write(
          'POST /api/chat HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{"type":"text","text":"',
        );
        await new Promise((resolve) => setTimeout(resolve, 50));
        connection.destroy();
      });
      await Promise.all(aborts);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(log.at("debug").filter((l) => l.message === "http: the client went away before the answer").length).toBe(
        20,
      );
      expect(log.at("error")).toEqual([]);
      expect(log.at("warn")).toEqual([]);
      expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
    });
  });

  describe("limits per client address", () => {
    let app: RunningApp;
    beforeAll(async () => {
      app = await startApp(
        ctx.config({ WEB_CHAT_NEW_SESSIONS_PER_HOUR: "5", WEB_CHAT_MESSAGES_PER_MINUTE: "100000" }),
        silentLog,
      );
    });
    afterAll(async () => {
      await app?.stop();
    });

    it("opens only 5 sessions an hour for 100 cookieless clients of one address, whatever X-Forwarded-For says", async () => {
      const before = await keysUnder(ctx.redis, ctx.redisPrefix);
      const answers = await Promise.all(
        Array.from({ length: 100 }, async (_, i) => {
          const chat = webClient(app.url, { headers: { "x-forwarded-for": `198.51.100.${i}` } });
          await chat.post({ type: "start" });
          return chat.press("Italiano");
        }),
      );
      const opened = answers.filter((a) => a.status === 200);
      const refused = answers.filter((a) => a.status === 429);
      expect(opened).toHaveLength(5);
      expect(refused).toHaveLength(95);
      expect(opened.every((a) => /^sportello_chat=[A-Za-z0-9_-]{43};/.test(a.headers.get("set-cookie") ?? ""))).toBe(
        true,
      );
      for (const answer of refused) {
        expect(answer.body.message).toBe(CHAT_ERRORS.rate_limited.message);
        expect(answer.headers.get("set-cookie")).toBeNull();
        expect(Number(answer.headers.get("retry-after"))).toBeGreaterThan(3_500);
      }
      const created = (await keysUnder(ctx.redis, ctx.redisPrefix)).filter((k) => !before.includes(k));
      // one session record and one conversation per opened session, nothing else
      expect(created.filter((k) => k.includes(":web-session:"))).toHaveLength(5);
      expect(created.filter((k) => k.includes(":conv:"))).toHaveLength(5);
      expect(created).toHaveLength(10);
      // the sessions that did open go on normally
      expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
    });
  });

  describe("behind a trusted proxy", () => {
    let app: RunningApp;
    beforeAll(async () => {
      app = await startApp(
        ctx.config({
          TRUSTED_PROXY: "127.0.0.1, ::1",
          WEB_CHAT_MESSAGES_PER_MINUTE: "10",
          WEB_CHAT_NEW_SESSIONS_PER_HOUR: "2",
        }),
        silentLog,
      );
    });
    afterAll(async () => {
      await app?.stop();
    });

    const from = (xff: string, n: number) =>
      Promise.all(
        Array.from({ length: n }, () =>
          webClient(app.url, { headers: { "x-forwarded-for": xff } }).post({ type: "resume" }),
        ),
      ).then((answers) => answers.map((a) => a.status));

    it("counts each client X-Forwarded-For names; an IPv6 /64 is one client", async () => {
      expect(await from("203.0.113.7", 12)).toEqual([...Array(10).fill(200), 429, 429]);
      expect((await from("203.0.113.8", 1))[0]).toBe(200);
      // what the client wrote to the left of the proxy's entry does not change who it is
      expect((await from("10.9.9.9, 203.0.113.7", 1))[0]).toBe(429);
      expect(await from("2001:db8:1:2::1", 6)).toEqual(Array(6).fill(200));
      expect(await from("2001:db8:1:2:ffff::9", 5)).toEqual([200, 200, 200, 200, 429]);
      expect((await from("2001:db8:1:3::1", 1))[0]).toBe(200);
    });

    it("opens sessions per client address", async () => {
      const open = async (xff: string) => {
        const chat = webClient(app.url, { headers: { "x-forwarded-for": xff } });
        await chat.post({ type: "start" });
        return (await chat.press("Italiano")).status;
      };
      expect([await open("192.0.2.1"), await open("192.0.2.1"), await open("192.0.2.1")]).toEqual([200, 200, 429]);
      expect(await open("192.0.2.2")).toBe(200);
    });
  });
});
