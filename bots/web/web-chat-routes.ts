import type { IncomingMessage, ServerResponse } from "node:http";
import type { ConversationEngine } from "../../core/conversation/engine.js";
import type { Log } from "../../core/log.js";
import { sendJson } from "../http/body.js";
import type { Route } from "../http/route.js";
import { chatApiHandler } from "./chat-api.js";
import { slidingWindowLimiter } from "./rate-limiter.js";
import { setCommonHeaders, setPageHeaders } from "./security-headers.js";
import { newSessionId, readSessionId, sessionCookie } from "./session-cookie.js";
import { ASSET_PREFIX, loadWebAssets, serveAsset } from "./static-assets.js";

export interface WebChatOptions {
  engine: ConversationEngine;
  log: Log;
  /** Mark the session cookie Secure (and send HSTS): true when the app is served over HTTPS. */
  secureCookies: boolean;
}

/**
 * 30 messages per 10 seconds per session: well below a script hammering the engine, well above a
 * person, even one who double-clicks every button (each click is a message) or who types fast.
 */
export const WEB_CHAT_RATE_LIMIT = { max: 30, windowMs: 10_000 };

/**
 * The web chat: `GET /` the page, `GET /web/<file>` its script, style and icon,
 * `POST /api/chat` the conversation.
 */
export function webChatRoutes(options: WebChatOptions): Route[] {
  const { engine, secureCookies } = options;
  const log = options.log.child({ channel: "web" });
  const assets = loadWebAssets();
  const limiter = slidingWindowLimiter(WEB_CHAT_RATE_LIMIT);

  const page = (req: IncomingMessage, res: ServerResponse) => {
    setPageHeaders(res, { https: secureCookies });
    res.setHeader("set-cookie", sessionCookie(readSessionId(req) ?? newSessionId(), { secure: secureCookies }));
    res.writeHead(200, {
      "content-type": "text/html; charset=utf-8",
      "content-length": assets.page.length,
      "cache-control": "no-cache",
    });
    res.end(assets.page);
  };

  const asset = (req: IncomingMessage, res: ServerResponse, url: URL) => {
    setCommonHeaders(res);
    if (!serveAsset(assets, req, res, url)) sendJson(res, 404, { error: "not_found", message: "File non trovato." });
  };

  return [
    { method: "GET", path: "/", handler: page },
    { method: "GET", path: `${ASSET_PREFIX}*`, handler: asset },
    { method: "POST", path: "/api/chat", handler: chatApiHandler({ engine, log, secureCookies, limiter }) },
  ];
}
