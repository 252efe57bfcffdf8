import type { IncomingMessage, ServerResponse } from "node:http";
import type { ConversationEngine } from "../../core/conversation/engine.js";
import type { Reply } from "../../core/conversation/reply.js";
import { isSportelloError } from "../../core/errors.js";
import type { Log } from "../../core/log.js";
import { readBody, sendJson } from "../http/body.js";
import { sendChatError } from "./chat-errors.js";
import { chatRequestSchema, MAX_CHAT_BODY_BYTES, toInbound } from "./chat-request.js";
import { deviceLanguage } from "./device-language.js";
import type { RateLimiter } from "./rate-limiter.js";
import { setCommonHeaders } from "./security-headers.js";
import { newSessionId, readSessionId, sessionCookie } from "./session-cookie.js";

/** The answer to a chat message: the engine's replies as they are (file replies carry their content). */
export interface ChatResponse {
  replies: Reply[];
}

export interface ChatApiOptions {
  engine: ConversationEngine;
  log: Log;
  secureCookies: boolean;
  limiter: RateLimiter;
}

const isJson = (contentType: string | undefined) => /^application\/json\s*(?:;|$)/i.test(contentType?.trim() ?? "");

/**
 * `POST /api/chat`: one message in, the replies out. A session starts with `{ "type": "start" }`
 * (or `{ "type": "resume" }`, which the page sends on load to go on where it was)
 * (the cookie is set then, or by the page); any other message needs the session cookie.
 */
export function chatApiHandler(options: ChatApiOptions) {
  const { engine, log, limiter, secureCookies } = options;

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    setCommonHeaders(res);
    // SameSite=Lax keeps the cookie off cross-site POSTs already; this says so plainly.
    if (req.headers["sec-fetch-site"] === "cross-site") return sendChatError(res, "cross_site");
    if (!isJson(req.headers["content-type"])) return sendChatError(res, "unsupported_media_type");

    let raw: string;
    try {
      raw = await readBody(req, MAX_CHAT_BODY_BYTES);
    } catch (error) {
      if (isSportelloError(error) && error.code === "payload_too_large") {
        res.setHeader("connection", "close");
        return sendChatError(res, "payload_too_large");
      }
      throw error;
    }
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      return sendChatError(res, "invalid_json");
    }
    const parsed = chatRequestSchema.safeParse(json);

    let session = readSessionId(req);
    if (!session) {
      const opens = parsed.success && (parsed.data.type === "start" || parsed.data.type === "resume");
      if (!opens) return sendChatError(res, "session_missing");
      session = newSessionId();
    }
    res.setHeader("set-cookie", sessionCookie(session, { secure: secureCookies }));

    // every message of a session counts, well-formed or not
    const decision = limiter.take(session);
    if (!decision.allowed) {
      log.info("web chat: a session is sending too fast");
      res.setHeader("retry-after", String(decision.retryAfterSeconds));
      return sendChatError(res, "rate_limited");
    }
    if (!parsed.success) {
      const field = parsed.error.issues[0]?.path.join(".");
      return sendChatError(res, "invalid_request", field ? { field } : {});
    }

    const identity = {
      channel: "web" as const,
      userId: session,
      deviceLanguage: deviceLanguage(req.headers["accept-language"]),
    };
    let replies: Reply[];
    try {
      replies = await engine.handle(identity, toInbound(parsed.data));
    } catch (error) {
      if (isSportelloError(error) && error.code === "unavailable") {
        return sendChatError(res, "unavailable", { message: error.userMessage });
      }
      log.error({ err: error }, "web chat: the conversation failed");
      return sendChatError(res, "internal");
    }
    sendJson(res, 200, { replies } satisfies ChatResponse);
  };
}
