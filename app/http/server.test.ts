import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { readBody, sendJson } from "../../bots/http/body.js";
import type { Route } from "../../bots/http/route.js";
import { SportelloError } from "../../core/errors.js";
import { RawConnection, rawExchange } from "../../test/support/raw-http.js";
import { recordingLog } from "../../test/support/recording-log.js";
import { type HttpServer, requestTarget, startHttpServer } from "./server.js";

const log = recordingLog();
let uploadsSeen = 0;
let uploadFinished: () => void = () => {};

const routes: Route[] = [
  { method: "GET", path: "/ok", handler: (_req, res) => sendJson(res, 200, { ok: true }) },
  {
    method: "GET",
    path: "/bug",
    handler: () => {
      throw new Error("a bug");
    },
  },
  {
    method: "GET",
    path: "/refused",
    handler: () => {
      throw new SportelloError({ code: "validation", message: "bad", userMessage: "Non va." });
    },
  },
  {
    method: "POST",
    path: "/upload",
    handler: async (req, res) => {
      uploadsSeen += 1;
      try {
        const body = await readBody(req, 1024 * 1024);
        sendJson(res, 200, { bytes: body.length });
      } finally {
        uploadFinished();
      }
    },
  },
];

const get = (target: string) => `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`;

describe("HTTP server under hostile requests", () => {
  let http: HttpServer;
  let port: number;

  beforeAll(async () => {
    http = await startHttpServer({
      host: "127.0.0.1",
      port: 0,
      routes,
      log,
      silentConnectionMs: 400,
      headersTimeoutMs: 1_000,
    });
    port = Number(new URL(http.url).port);
  });
  afterAll(async () => {
    await http?.close();
  });
  beforeEach(() => {
    log.lines.length = 0;
  });

  it.each([
    ["//[", 404],
    ["//a:b:c", 404],
    ["//%", 404],
    ["//%zz/../..", 404],
    ["/ok?%", 200],
  ])("answers the odd but valid path %s (%i) and keeps the connection for the next request", async (target, status) => {
    const { response, connection } = await rawExchange(port, get(target));
    expect(response?.status).toBe(status);
    expect(response?.headers["x-content-type-options"]).toBe("nosniff");
    const next = await connection.request(get("/ok"));
    expect(next?.status).toBe(200);
    connection.destroy();
  });

  it.each(["http://[", "http://[/ok", "https://a:b:c/", "http://%/", "*", "ok"])(
    "refuses the request target %s with 400 and closes the connection",
    async (target) => {
      const { response, connection } = await rawExchange(port, get(target));
      expect(response?.status).toBe(400);
      expect(response?.headers["x-content-type-options"]).toBe("nosniff");
      expect(response?.headers.connection).toBe("close");
      expect(JSON.parse(response?.body ?? "{}")).toEqual({ error: "bad_request", message: "Richiesta non valida." });
      expect(await connection.closedWithin(2_000)).toBe(true);
    },
  );

  it("leaves none of 200 bad request lines hanging, and logs none of them above debug", async () => {
    const targets = ["//[", "http://[", "//a:b:c", "//%"];
    const exchanges = await Promise.all(
      Array.from({ length: 200 }, (_, i) => rawExchange(port, get(targets[i % targets.length] ?? "/"))),
    );
    expect(exchanges.every((e) => e.response !== undefined && e.response.status >= 400)).toBe(true);
    // the 404s keep their keep-alive connection until the client leaves: this client leaves
    for (const { connection, response } of exchanges) if (response?.status === 404) connection.destroy();
    const closed = await Promise.all(exchanges.map((e) => e.connection.closedWithin(3_000)));
    expect(closed.filter((c) => !c)).toHaveLength(0);
    expect(log.lines.filter((l) => l.level !== "debug")).toEqual([]);
  });

  it("absolute-form targets reach the route of their path", async () => {
    expect(requestTarget("http://evil.example/ok?x=1")?.href).toBe("http://localhost/ok?x=1");
    const { response, connection } = await rawExchange(port, get("http://evil.example/ok"));
    expect(response?.status).toBe(200);
    connection.destroy();
  });

  it.each([
    ["a header with a space in its name", "GET /ok HTTP/1.1\r\nHost: x\r\nBad Header: 1\r\n\r\n", 400],
    [
      "both Content-Length and Transfer-Encoding",
      "POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
      400,
    ],
    [
      "two Content-Lengths",
      "POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab",
      400,
    ],
    ["binary garbage", "\u0000\u0001\u0002garbage\r\n\r\n", 400],
    ["a NUL in the request line", "GET /ok\u0000 HTTP/1.1\r\nHost: x\r\n\r\n", 400],
    ["HTTP/9", "GET /ok HTTP/9.9\r\nHost: x\r\n\r\n", 400],
    ["headers over 16 KB", `GET /ok HTTP/1.1\r\nHost: x\r\nX-Big: ${"a".repeat(20_000)}\r\n\r\n`, 431],
  ])("refuses %s on the socket, with nosniff, and closes it", async (_what, data, status) => {
    const { response, connection } = await rawExchange(port, data);
    expect(response?.status).toBe(status);
    expect(response?.headers["x-content-type-options"]).toBe("nosniff");
    expect(await connection.closedWithin(2_000)).toBe(true);
    expect(log.lines.filter((l) => l.level !== "debug")).toEqual([]);
  });

  it("turns a bug in a handler into a 500 with nosniff, logged once as an error, and goes on serving", async () => {
    const { response, connection } = await rawExchange(port, get("/bug"));
    expect(response?.status).toBe(500);
    expect(response?.headers["x-content-type-options"]).toBe("nosniff");
    expect(JSON.parse(response?.body ?? "{}")).toEqual({
      error: "internal",
      message: "Qualcosa non ha funzionato. Riprova tra poco.",
    });
    expect(log.at("error")).toHaveLength(1);
    expect(log.at("error")[0]?.fields.path).toBe("/bug");
    expect((await connection.request(get("/ok")))?.status).toBe(200); // the same connection goes on
    connection.destroy();
    expect((await fetch(`${http.url}/ok`)).status).toBe(200);
  });

  it("answers a refused operation with its status and Italian message, logging nothing", async () => {
    const response = await fetch(`${http.url}/refused`);
    expect(response.status).toBe(400);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(await response.json()).toEqual({ error: "validation", message: "Non va." });
    expect(log.lines).toEqual([]);
  });

  it("sends nosniff on 404s, JSON and HTML", async () => {
    const json = await fetch(`${http.url}/nothing`);
    expect(json.status).toBe(404);
    expect(json.headers.get("x-content-type-options")).toBe("nosniff");
    const html = await fetch(`${http.url}/nothing`, { headers: { accept: "text/html" } });
    expect(html.status).toBe(404);
    expect(html.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(html.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("notes an upload the client aborted at debug level only, and keeps serving", async () => {
    const before = uploadsSeen;
    const done = new Promise<void>((resolve) => {
      uploadFinished = resolve;
    });
    const connection = await RawConnection.open(port);
    connection.write("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 100000\r\n\r\n");
    connection.write("x".repeat(1_000));
    while (uploadsSeen === before) await new Promise((resolve) => setTimeout(resolve, 10));
    connection.destroy();
    await done;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(log.lines.filter((l) => l.level !== "debug")).toEqual([]);
    expect(log.at("debug").map((l) => l.message)).toContain("http: the client went away before the answer");
    expect((await fetch(`${http.url}/ok`)).status).toBe(200);
  });

  it("closes a connection that never sends a request", async () => {
    const connection = await RawConnection.open(port);
    expect(await connection.closedWithin(3_000)).toBe(true);
  });

  it("closes a connection whose headers never end", async () => {
    const connection = await RawConnection.open(port);
    connection.write("GET /ok HTTP/1.1\r\nHost: x\r\n");
    const drip = setInterval(() => connection.write("X-Slow: 1\r\n"), 100);
    try {
      // the header timeout (1 s here, checked every second) ends it
      expect(await connection.closedWithin(4_000)).toBe(true);
    } finally {
      clearInterval(drip);
    }
  });
});
