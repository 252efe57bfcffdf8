import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { sendJson } from "../../bots/http/body.js";
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

/** A small node:http server over a route table; errors become JSON with the Italian message. */
export async function startHttpServer(options: {
  host: string;
  port: number;
  routes: readonly Route[];
  log: Log;
}): Promise<HttpServer> {
  const { routes, log } = options;
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const route = matchRoute(routes, req.method ?? "GET", url.pathname);
    if (!route) {
      if (req.headers.accept?.includes("text/html")) {
        const page =
          '<!doctype html><html lang="it"><meta charset="utf-8"><title>Pagina non trovata</title>' +
          '<p style="font:20px sans-serif">Questa pagina non esiste. <a href="/">Torna alla chat</a></p></html>';
        res.writeHead(404, { "content-type": "text/html; charset=utf-8" }).end(page);
        return;
      }
      sendJson(res, 404, { error: "not_found", message: "Pagina non trovata." });
      return;
    }
    try {
      await route.handler(req, res, url);
    } catch (error) {
      const status = isSportelloError(error) ? (STATUS_BY_CODE[error.code] ?? 500) : 500;
      if (status >= 500) log.error({ err: error, path: url.pathname }, "request failed");
      if (!res.headersSent) {
        sendJson(res, status, {
          error: isSportelloError(error) ? error.code : "internal",
          message: userMessageOf(error),
        });
      } else {
        res.destroy();
      }
    }
  });
  server.keepAliveTimeout = 5_000;
  server.headersTimeout = 10_000;
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
