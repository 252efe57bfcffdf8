import { createServer, type IncomingMessage, type Server, type ServerResponse, STATUS_CODES } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import type { Duplex } from "node:stream";
import { clientWentAway, sendJson } from "../../bots/http/body.js";
import type { Route } from "../../bots/http/route.js";
import { isSportelloError, userMessageOf } from "../../core/errors.js";
import type { Log } from "../../core/log.js";
import { matchRoute } from "./router.js";

export interface HttpServer {
  server: Server;
  url: string;
  close(): Promise<void>;
}

const STATUS_BY_CODE: Record<string, number> = {
  validation: 400,
  payload_too_large: 413,
  not_found: 404,
  forbidden: 403,
  conflict: 409,
  unavailable: 503,
};

/** Sent with every response, whatever answers: a route, the 404, an error, a refused request line. */
export const BASE_HEADERS = { "x-content-type-options": "nosniff" } as const;

/** A connection that has not sent a request after this long is closed. */
export const SILENT_CONNECTION_MS = 10_000;
/** While a request is answered, the socket may stay quiet this long (longer than any turn of the engine). */
const ANSWER_IDLE_MS = 30_000;

const BAD_REQUEST = { error: "bad_request", message: "Richiesta non valida." };

/**
 * The request target as a URL on a fixed origin, or undefined when it is not one: origin-form
 * ("/path?query", also "//[" or "//%", which are odd but valid paths) or absolute-form
 * ("http://host/path", of which only the path and query are kept). "*", "http://[" and the like
 * are not requests this server answers.
 */
export function requestTarget(raw: string | undefined): URL | undefined {
  const target = raw ?? "/";
  try {
    if (target.startsWith("/")) return new URL(`http://localhost${target}`);
    if (/^https?:\/\//i.test(target)) {
      const absolute = new URL(target);
      return new URL(`http://localhost${absolute.pathname}${absolute.search}`);
    }
  } catch {
    // not a URL at all: answered 400 below
  }
  return undefined;
}

function notFound(req: IncomingMessage, res: ServerResponse): void {
  if (req.headers.accept?.includes("text/html")) {
    const page =
      '<!doctype html><html lang="it"><meta charset="utf-8"><title>Pagina non trovata</title>' +
      '<p style="font:20px sans-serif">Questa pagina non esiste. <a href="/">Torna alla chat</a></p></html>';
    res.writeHead(404, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" }).end(page);
    return;
  }
  sendJson(res, 404, { error: "not_found", message: "Pagina non trovata." });
}

/**
 * The answer to a request Node could not even parse (a bad request line or header, headers too
 * large, too slow): written on the socket itself, then the socket is closed.
 */
function refuseOnSocket(error: NodeJS.ErrnoException, socket: Duplex, log: Log): void {
  const inFlight = (socket as Duplex & { _httpMessage?: ServerResponse })._httpMessage;
  if (error.code === "ECONNRESET" || error.code === "EPIPE" || !socket.writable || inFlight?.headersSent) {
    log.debug({ code: error.code }, "http: a client went away");
    socket.destroy();
    return;
  }
  const status = error.code === "HPE_HEADER_OVERFLOW" ? 431 : error.code === "ERR_HTTP_REQUEST_TIMEOUT" ? 408 : 400;
  log.debug({ code: error.code, status }, "http: refused a request that could not be read");
  const body = JSON.stringify(BAD_REQUEST);
  const head = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}`,
    "content-type: application/json; charset=utf-8",
    `content-length: ${Buffer.byteLength(body)}`,
    "cache-control: no-store",
    ...Object.entries(BASE_HEADERS).map(([name, value]) => `${name}: ${value}`),
    "connection: close",
  ];
  socket.end(`${head.join("\r\n")}\r\n\r\n${body}`, () => socket.destroy());
}

/**
 * A small node:http server over a route table. Every request ends in a response or a closed
 * socket: a thrown error becomes JSON with the Italian message (500s are logged), a client that
 * went away is noted at debug level, and requests Node cannot parse get a 400 on the socket.
 */
export async function startHttpServer(options: {
  host: string;
  port: number;
  routes: readonly Route[];
  log: Log;
  /** How long a connection may stay silent before its first request (default SILENT_CONNECTION_MS). */
  silentConnectionMs?: number;
  /** How long a client may take to send a request's headers (default 10 s). */
  headersTimeoutMs?: number;
}): Promise<HttpServer> {
  const { routes, log } = options;
  const silentMs = options.silentConnectionMs ?? SILENT_CONNECTION_MS;

  function fail(req: IncomingMessage, res: ServerResponse, path: string, error: unknown): void {
    if (clientWentAway(req, error)) {
      log.debug({ path }, "http: the client went away before the answer");
      res.destroy();
      return;
    }
    const status = isSportelloError(error) ? (STATUS_BY_CODE[error.code] ?? 500) : 500;
    if (status >= 500) log.error({ err: error, path }, "request failed");
    if (res.headersSent) {
      res.destroy();
      return;
    }
    // an unread body would have to be drained before the socket could serve the next request
    const bodyless = req.headers["transfer-encoding"] === undefined && !Number(req.headers["content-length"] ?? 0);
    if (!bodyless && !req.complete) res.setHeader("connection", "close");
    sendJson(res, status, { error: isSportelloError(error) ? error.code : "internal", message: userMessageOf(error) });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // a request is being answered: the socket may be quiet while the answer is prepared
    req.socket.setTimeout(ANSWER_IDLE_MS);
    for (const [name, value] of Object.entries(BASE_HEADERS)) res.setHeader(name, value);
    const url = requestTarget(req.url);
    if (!url) {
      log.debug({ method: req.method }, "http: refused a request target that is not a path");
      res.setHeader("connection", "close");
      sendJson(res, 400, BAD_REQUEST);
      return;
    }
    try {
      const route = matchRoute(routes, req.method ?? "GET", url.pathname);
      if (!route) return notFound(req, res);
      await route.handler(req, res, url);
    } catch (error) {
      fail(req, res, url.pathname, error);
    }
  }

  const server = createServer({ connectionsCheckingInterval: 1_000 }, (req, res) => {
    handle(req, res).catch((error) => {
      // only reached if answering the error failed too: the socket must not stay open
      log.warn({ err: error }, "http: could not answer a request");
      res.destroy();
    });
  });
  // a connection that says nothing is closed: Node's header timeout starts only with the first byte
  server.on("connection", (socket: Socket) => socket.setTimeout(silentMs));
  server.on("clientError", (error: NodeJS.ErrnoException, socket: Duplex) => refuseOnSocket(error, socket, log));
  server.keepAliveTimeout = 5_000;
  server.headersTimeout = options.headersTimeoutMs ?? 10_000;
  server.requestTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return {
    server,
    url: `http://${host === "0.0.0.0" ? "127.0.0.1" : host}:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), 2_000).unref();
      }),
  };
}
