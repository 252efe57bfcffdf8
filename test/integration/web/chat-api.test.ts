import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningApp, startApp } from "../../../app/start.js";
import { CHAT_ERRORS, type ChatErrorCode } from "../../../bots/web/chat-errors.js";
import { WEB_CHAT_RATE_LIMIT } from "../../../bots/web/web-chat-routes.js";
import type { Reply } from "../../../core/conversation/reply.js";
import { silentLog } from "../../../core/log.js";
import { createTestPoint } from "../../support/fixtures.js";
import { useIntegration } from "../../support/integration.js";
import { rawGet, textOf, webClient } from "./web-client.js";

const POINT = "Biblioteca civica Garibaldi";
/** Anonymous sessions live a day, those of a citizen who consented 30 days. */
const COOKIE = /^sportello_chat=([A-Za-z0-9_-]{43}); Path=\/; Max-Age=(86400|2592000); HttpOnly; SameSite=Lax$/;
/** This file's requests all come from 127.0.0.1: the per-address limits are tested elsewhere. */
const ROOMY_LIMITS = { WEB_CHAT_NEW_SESSIONS_PER_HOUR: "10000", WEB_CHAT_MESSAGES_PER_MINUTE: "100000" };

describe("web chat over HTTP", () => {
  const ctx = useIntegration();
  let app: RunningApp;

  beforeAll(async () => {
    await createTestPoint(ctx.db, { name: POINT });
    app = await startApp(ctx.config(ROOMY_LIMITS), silentLog);
  });
  afterAll(async () => {
    await app?.stop();
  });

  it("serves the page with security headers, and no cookie", async () => {
    const response = await fetch(`${app.url}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const html = await response.text();
    expect(html).toContain('<html lang="it">');
    expect(html).toContain('aria-live="polite"');
    expect(html).toMatch(/<script type="module" src="\/web\/chat\.js\?v=[\w-]{16}"><\/script>/);
    expect(html).not.toMatch(/<script>|<script type="module">|\son[a-z]+="/); // no inline script or handler

    const csp = response.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).not.toContain("unsafe-eval");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(response.headers.get("strict-transport-security")).toBeNull();
    expect(response.headers.get("cache-control")).toBe("no-cache");
    // a session starts with the first message the visitor types or presses, not with the page
    expect(response.headers.get("set-cookie")).toBeNull();
  });

  it("greets on start, then a button press goes round trip with its data unchanged", async () => {
    const chat = webClient(app.url);
    const start = await chat.post({ type: "start" });
    expect(start.status).toBe(200);
    expect(start.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(start.headers.get("cache-control")).toBe("no-store");
    expect(start.headers.get("set-cookie")).toBeNull(); // nothing said yet, nothing kept
    expect(textOf(start)).toContain("Ciao! 👋 Sono Sportello");
    expect(chat.buttons()).toEqual(["Italiano", "English"]);

    const language = await chat.press("Italiano");
    expect(language.status).toBe(200);
    expect(language.headers.get("set-cookie")).toMatch(COOKIE);
    expect(COOKIE.exec(language.headers.get("set-cookie") ?? "")?.[2]).toBe("86400");
    expect(textOf(language)).toContain("Per prenotare devo salvare alcuni tuoi dati");
    expect(chat.buttons()).toEqual(["Accetto", "Leggi di più", "Non accetto"]);
    const anonymousToken = chat.token();

    const accepted = await chat.press("Accetto");
    expect(textOf(accepted)).toContain("Grazie! ✅");
    expect(chat.buttons()).toContain("Trova un punto vicino");
    // consent gives a new token, kept 30 days; the channel identity is the chat id, never a token
    expect(COOKIE.exec(accepted.headers.get("set-cookie") ?? "")?.[2]).toBe("2592000");
    expect(chat.token()).not.toBe(anonymousToken);
    const identities = await ctx.db.channelIdentity.findMany({ where: { channel: "web" } });
    expect(identities.map((i) => i.externalId)).not.toContain(chat.token());
    expect(identities.map((i) => i.externalId)).not.toContain(anonymousToken);
    expect((await chat.say("menu")).status).toBe(200);
  });

  it("opens the session with the first typed message, and takes the device language from Accept-Language", async () => {
    const chat = webClient(app.url, { acceptLanguage: "en-GB,en;q=0.9,it;q=0.8" });
    const look = await chat.post({ type: "resume" });
    expect(textOf(look)).toContain("Ciao! 👋 Sono Sportello"); // always greeted in Italian first
    expect(textOf(look)).toContain("Which language do you want to use?");
    const first = await chat.say("1");
    expect(first.status).toBe(200);
    expect(first.headers.get("set-cookie")).toMatch(COOKIE);
    expect(textOf(first)).toContain("Per prenotare devo salvare alcuni tuoi dati");
  });

  it("opens the deep link's point once the session opens", async () => {
    const point = await ctx.db.point.findFirstOrThrow({ where: { name: POINT } });
    const chat = webClient(app.url, { deepLink: `p_${point.id}` });
    const look = await chat.post({ type: "start", payload: `p_${point.id}` });
    expect(chat.buttons()).toEqual(["Italiano", "English"]);
    expect(look.headers.get("set-cookie")).toBeNull();
    await chat.press("Italiano");
    const card = await chat.press("Accetto");
    expect(card.body.replies?.find((r) => r.kind === "venue")).toMatchObject({ title: POINT });
  });

  it("books through the API: the calendar file comes back inside the JSON", async () => {
    const chat = webClient(app.url);
    await chat.post({ type: "start" });
    await chat.press("Italiano");
    await chat.press("Accetto");
    await chat.press("Prenota un appuntamento");
    const results = await chat.say("Torino");
    expect(textOf(results)).toContain(POINT);
    await chat.press(POINT);
    await chat.press(/Con un facilitatore/);
    await chat.press("Di persona, al punto");
    const day = chat.buttons().find((label) => /^\p{L}{3} \d{1,2} \p{L}{3} \((\d+ posti|1 posto)\)$/u.test(label));
    expect(day).toBeDefined();
    await chat.press(day ?? "");
    const time = chat.buttons().find((label) => /^\d{2}:\d{2}$/.test(label));
    await chat.press(time ?? "");
    await chat.press("SPID o carta d'identità elettronica");
    const done = await chat.press("Conferma");
    expect(textOf(done)).toContain("Fatto! ✅");

    const calendar = await chat.press("Aggiungi al calendario");
    const file = calendar.body.replies?.find((r): r is Extract<Reply, { kind: "file" }> => r.kind === "file");
    expect(file?.filename).toMatch(/^appuntamento-\d{4}-\d{2}-\d{2}\.ics$/);
    expect(file?.mimeType).toBe("text/calendar");
    expect(file?.content.startsWith("BEGIN:VCALENDAR")).toBe(true);
    expect(file?.caption).toContain("calendario");
  });

  it("finds points near a shared position", async () => {
    const chat = webClient(app.url);
    await chat.post({ type: "start" });
    await chat.press("Italiano");
    await chat.press("Non accetto");
    const ask = await chat.press("Trova un punto vicino");
    expect(ask.body.replies?.some((r) => r.kind === "location_request")).toBe(true);
    const found = await chat.post({ type: "location", lat: 45.07, lon: 7.68 });
    expect(found.status).toBe(200);
    expect(textOf(found)).toContain("Ecco i punti più vicini a te");
    expect(textOf(found)).toContain(POINT);
  });

  describe("refuses bad requests with a clear Italian message", () => {
    const refusals: Array<{
      what: string;
      body: unknown;
      headers?: Record<string, string>;
      withSession?: boolean;
      code: ChatErrorCode;
      field?: string;
    }> = [
      { what: "bad JSON", body: "{not json", code: "invalid_json" },
      { what: "JSON that is not an object", body: "[1,2]", code: "invalid_request" },
      { what: "an unknown type", body: { type: "sticker" }, code: "invalid_request", field: "type" },
      { what: "no type", body: { text: "ciao" }, code: "invalid_request", field: "type" },
      { what: "a number as text", body: { type: "text", text: 12 }, code: "invalid_request", field: "text" },
      { what: "an empty text", body: { type: "text", text: "" }, code: "invalid_request", field: "text" },
      {
        what: "a latitude as a string",
        body: { type: "location", lat: "45.07", lon: 7.68 },
        code: "invalid_request",
        field: "lat",
      },
      { what: "a latitude out of range", body: { type: "location", lat: 91, lon: 7 }, code: "invalid_request" },
      { what: "button data with spaces", body: { type: "button", data: "a b" }, code: "invalid_request" },
      { what: "a body over 8 KB", body: { type: "text", text: "x".repeat(8_200) }, code: "payload_too_large" },
      {
        what: "a form instead of JSON",
        body: "type=text&text=ciao",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        code: "unsupported_media_type",
      },
      {
        what: "a request from another site",
        body: { type: "text", text: "ciao" },
        headers: { "sec-fetch-site": "cross-site" },
        code: "cross_site",
      },
      {
        what: "an invented session cookie",
        body: { type: "text", text: "ciao" },
        withSession: false,
        headers: { cookie: `sportello_chat=${"A".repeat(43)}` },
        code: "session_missing",
      },
      {
        what: "a forged session cookie",
        body: { type: "button", data: "1.it" },
        withSession: false,
        headers: { cookie: "sportello_chat=../../admin" },
        code: "session_missing",
      },
    ];

    for (const refusal of refusals) {
      it(`refuses ${refusal.what}`, async () => {
        const chat = webClient(app.url);
        if (refusal.withSession !== false) await chat.post({ type: "start" });
        const answer = await chat.post(refusal.body, refusal.headers);
        expect(answer.status).toBe(CHAT_ERRORS[refusal.code].status);
        expect(answer.status).toBeGreaterThanOrEqual(400);
        expect(answer.status).toBeLessThan(500);
        expect(answer.body.error).toBe(refusal.code);
        expect(answer.body.message).toBe(CHAT_ERRORS[refusal.code].message);
        if (refusal.field) expect(answer.body.field).toBe(refusal.field);
        expect(answer.body.replies).toBeUndefined();
      });
    }

    it("has only GET / and POST /api/chat", async () => {
      expect((await fetch(`${app.url}/api/chat`)).status).toBe(404);
      expect((await fetch(`${app.url}/`, { method: "POST" })).status).toBe(404);
    });
  });

  it("limits a session to 30 messages in 10 seconds, kindly, without touching other sessions", async () => {
    expect(WEB_CHAT_RATE_LIMIT).toEqual({ max: 30, windowMs: 10_000 });
    const busy = webClient(app.url);
    await busy.post({ type: "start" });
    await busy.press("Italiano"); // opens the session
    for (let i = 1; i <= 30; i++) {
      // not even well-formed messages are free
      expect((await busy.post({ type: "text", text: "" })).status).toBe(400);
    }
    const limited = await busy.post({ type: "text", text: "aiuto" });
    expect(limited.status).toBe(429);
    expect(limited.body.message).toBe("Stai scrivendo molto velocemente. 🙂 Aspetta qualche secondo e poi riprova.");
    const retryAfter = Number(limited.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(10);

    const other = webClient(app.url);
    await other.post({ type: "start" });
    expect((await other.press("Italiano")).status).toBe(200);
  });

  describe("static files", () => {
    it("serves the allow-listed files with their content type and cache headers", async () => {
      const html = await (await fetch(`${app.url}/`)).text();
      for (const [name, type] of [
        ["chat.js", "text/javascript; charset=utf-8"],
        ["chat.css", "text/css; charset=utf-8"],
        ["favicon.svg", "image/svg+xml"],
      ] as const) {
        const plain = await fetch(`${app.url}/web/${name}`);
        expect(plain.status).toBe(200);
        expect(plain.headers.get("content-type")).toBe(type);
        expect(plain.headers.get("x-content-type-options")).toBe("nosniff");
        expect(plain.headers.get("cache-control")).toBe("public, max-age=0, must-revalidate");
        const etag = plain.headers.get("etag") ?? "";
        expect(etag).toMatch(/^"[\w-]{16}"$/);
        expect((await plain.arrayBuffer()).byteLength).toBeGreaterThan(100);

        const notModified = await fetch(`${app.url}/web/${name}`, { headers: { "if-none-match": etag } });
        expect(notModified.status).toBe(304);

        const versioned = new RegExp(`/web/${name.replace(".", "\\.")}\\?v=[\\w-]{16}`).exec(html)?.[0];
        expect(versioned).toBe(`/web/${name}?v=${etag.slice(1, -1)}`);
        const immutable = await fetch(`${app.url}${versioned}`);
        expect(immutable.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
      }
    });

    const attempts = [
      "/web/../package.json",
      "/web/%2e%2e/package.json",
      "/web/%2E%2E/package.json",
      "/web/..%2fpackage.json",
      "/web/%2e%2e%2fpackage.json",
      "/web/..%5cpackage.json",
      "/web/..\\package.json",
      "/web/....//package.json",
      "/web/chat.js/../../package.json",
      "/web/%252e%252e%252fpackage.json",
      "/web//etc/passwd",
      "/web/public/chat.js",
      "/web/index.html",
      "/web/static-assets.ts",
      "/web/chat.js%00.txt",
      "/web/CHAT.JS",
      "/web/__proto__",
      "/web/constructor",
      "/web/",
      "/package.json",
    ];
    for (const path of attempts) {
      it(`refuses ${path}`, async () => {
        const answer = await rawGet(app.url, path);
        expect(answer.status).toBe(404);
        expect(answer.body).not.toContain("devDependencies");
        expect(answer.body).not.toContain("root:");
        expect(answer.body).not.toContain("readFileSync");
      });
    }
  });
});

describe("web chat settings", () => {
  const ctx = useIntegration();

  it("names the cookie __Host-, marks it Secure and sends HSTS when the app has a public https URL", async () => {
    const app = await startApp(ctx.config({ PUBLIC_URL: "https://sportello.example.org" }), silentLog);
    try {
      const page = await fetch(`${app.url}/`);
      expect(page.headers.get("set-cookie")).toBeNull();
      expect(page.headers.get("strict-transport-security")).toBe("max-age=31536000");
      const chat = webClient(app.url);
      await chat.post({ type: "start" });
      const opened = await chat.press("Italiano");
      expect(opened.headers.get("set-cookie")).toMatch(
        /^__Host-sportello_chat=[A-Za-z0-9_-]{43}; Path=\/; Max-Age=86400; HttpOnly; SameSite=Lax; Secure$/,
      );
      expect(textOf(await chat.press("Accetto"))).toContain("Grazie! ✅");
      // the page of the public URL may post, even when a proxy rewrote Host; no other origin may
      expect((await chat.say("menu")).status).toBe(200);
      expect(
        (await chat.post({ type: "text", text: "menu" }, { origin: "https://sportello.example.org" })).status,
      ).toBe(200);
      expect((await chat.post({ type: "text", text: "menu" }, { origin: "https://evil.example.org" })).status).toBe(
        403,
      );
    } finally {
      await app.stop();
    }
  });

  it("serves no web chat when WEB_CHAT_ENABLED=false", async () => {
    const app = await startApp(ctx.config({ WEB_CHAT_ENABLED: "false" }), silentLog);
    try {
      expect((await fetch(`${app.url}/`)).status).toBe(404);
      expect((await fetch(`${app.url}/web/chat.js`)).status).toBe(404);
      const chat = webClient(app.url);
      expect((await chat.post({ type: "start" })).status).toBe(404);
      expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
    } finally {
      await app.stop();
    }
  });
});
