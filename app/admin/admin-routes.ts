import type { IncomingMessage, ServerResponse } from "node:http";
import { createBullBoard } from "@bull-board/api";
import { BullMQAdapter } from "@bull-board/api/bullMQAdapter";
import { HonoAdapter } from "@bull-board/hono";
import { getRequestListener } from "@hono/node-server";
import { serveStatic } from "@hono/node-server/serve-static";
import type { Queue } from "bullmq";
import { Hono } from "hono";
import type { Registry } from "prom-client";
import type { Handler, Route } from "../../bots/http/route.js";
import type { Log } from "../../core/log.js";
import { hasAdminToken, refuseAdmin } from "./admin-auth.js";
import { MONITORING_REPORT_PATH } from "./monitoring-report-route.js";

export const BOARD_PATH = "/admin/queues";

/**
 * Operators' pages behind ADMIN_TOKEN: Bull Board (the queues, their jobs, retry and clean) at
 * /admin/queues, mounted on the plain node:http server through Hono's request listener, and
 * Prometheus metrics at /metrics, the monitoring report's JSON at /admin/monitoring/report. Without a token there are no such routes (the log says so).
 */
export function adminRoutes(options: {
  token: string;
  queues: readonly Queue[];
  registry: Registry;
  log: Log;
  /** GET /admin/monitoring/report (monitoring-report-route.ts), when given. */
  monitoringReport?: Handler;
}): Route[] {
  const { token, registry, log } = options;
  const guarded =
    (handler: Handler): Handler =>
    (req: IncomingMessage, res: ServerResponse, url: URL) => {
      if (!hasAdminToken(req, token)) {
        log.info({ path: url.pathname }, "admin: request without the token refused");
        refuseAdmin(res);
        return;
      }
      return handler(req, res, url);
    };

  const serverAdapter = new HonoAdapter(serveStatic);
  serverAdapter.setBasePath(BOARD_PATH);
  createBullBoard({
    queues: options.queues.map((queue) => new BullMQAdapter(queue)),
    serverAdapter,
    options: { uiConfig: { boardTitle: "Sportello" } },
  });
  const app = new Hono();
  app.route(BOARD_PATH, serverAdapter.registerPlugin());
  const board = guarded(getRequestListener(app.fetch) as unknown as Handler);

  const metrics = guarded(async (_req, res) => {
    const body = await registry.metrics();
    res.writeHead(200, { "content-type": registry.contentType, "cache-control": "no-store" });
    res.end(body);
  });

  return [
    { method: "GET", path: "/metrics", handler: metrics },
    ...(options.monitoringReport
      ? [{ method: "GET" as const, path: MONITORING_REPORT_PATH, handler: guarded(options.monitoringReport) }]
      : []),
    ...(["GET", "POST", "PUT", "DELETE"] as const).flatMap((method) => [
      { method, path: BOARD_PATH, handler: board },
      { method, path: `${BOARD_PATH}/*`, handler: board },
    ]),
  ];
}
