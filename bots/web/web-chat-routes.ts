import type { IncomingMessage, ServerResponse } from "node:http";
import type { ConversationEngine } from "../../core/conversation/engine.js";
import type { Log } from "../../core/log.js";
import { sendJson } from "../http/body.js";
import type { ClientAddress } from "../http/client-address.js";
import type { Route } from "../http/route.js";
import { chatApiHandler } from "./chat-api.js";
import { inboxApiHandler } from "./inbox-api.js";
import { slidingWindowLimiter } from "./rate-limiter.js";
import { originOf } from "./request-origin.js";
import { setCommonHeaders, setPageHeaders } from "./security-headers.js";
import { ASSET_PREFIX, loadWebAssets, serveAsset } from "./static-assets.js";
import type { WebInbox } from "./web-inbox.js";
import { type WebSessionStore, webSessions } from "./web-sessions.js";

export interface WebChatLimits {
  /** Sessions one client address may open per hour. */
  newSessionsPerHour: number;
  /** Requests to the chat API one client address may send per minute, all its sessions together. */
  messagesPerMinute: number;
}

export interface WebChatOptions {
  engine: ConversationEngine;
  /** The engine over a store that keeps nothing (see ChatApiOptions.preview). */
  preview: ConversationEngine;
  sessionStore: WebSessionStore;
  consented: (chatId: string) => Promise<boolean>;
  clientAddress: ClientAddress;
  limits: WebChatLimits;
  log: Log;
  /** Mark the session cookie Secure with the `__Host-` name (and send HSTS): true when the app is served over HTTPS. */
  secureCookies: boolean;
  /** The public URL, whose origin the chat API accepts even when a proxy rewrote Host. */
  publicUrl?: string;
  /** Messages Sportello sends on its own wait here until the page asks (POST /api/chat/inbox). */
  inbox?: WebInbox;
}

/**
 * 30 messages per 10 seconds per session: well below a script hammering the engine, well above a
 * person, even one who double-clicks every button (each click is a message) or who types fast.
 */
export const WEB_CHAT_RATE_LIMIT = { max: 30, windowMs: 10_000 };

/**
 * The web chat: `GET /` the page, `GET /web/<file>` its script, style and icon,
 * `POST /api/chat` the conversation. The page sets no cookie and writes nothing: a session
 * starts with the first message the visitor types or presses. A route that needs to know which
 * chat a request belongs to asks `webSessions({ store, secure }).chatIdOf(req)`.
 */
export function webChatRoutes(options: WebChatOptions): Route[] {
  const { engine, preview, secureCookies } = options;
  const log = options.log.child({ channel: "web" });
  const assets = loadWebAssets();
  const sessions = webSessions({ store: options.sessionStore, secure: secureCookies });
  const limiters = {
    perSession: slidingWindowLimiter(WEB_CHAT_RATE_LIMIT),
    perAddress: slidingWindowLimiter({ max: options.limits.messagesPerMinute, windowMs: 60_000 }),
    newSessionsPerAddress: slidingWindowLimiter({ max: options.limits.newSessionsPerHour, windowMs: 3_600_000 }),
  };

  const page = (_req: IncomingMessage, res: ServerResponse) => {
    setPageHeaders(res, { https: secureCookies });
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

  const allowedOrigins = new Set(options.publicUrl ? [originOf(options.publicUrl)] : []);
  const chat = chatApiHandler({
    engine,
    preview,
    sessions,
    consented: options.consented,
    clientAddress: options.clientAddress,
    limiters,
    allowedOrigins,
    log,
  });

  return [
    { method: "GET", path: "/", handler: page },
    { method: "GET", path: `${ASSET_PREFIX}*`, handler: asset },
    { method: "POST", path: "/api/chat", handler: chat },
    ...(options.inbox
      ? [
          {
            method: "POST" as const,
            path: "/api/chat/inbox",
            handler: inboxApiHandler({
              inbox: options.inbox,
              sessions,
              clientAddress: options.clientAddress,
              perAddress: limiters.perAddress,
              allowedOrigins,
              log,
            }),
          },
        ]
      : []),
  ];
}
