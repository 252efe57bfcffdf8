import type { IncomingMessage, ServerResponse } from "node:http";
import { chatTurns } from "../../core/conversation/chat-turns.js";
import type { ConversationEngine } from "../../core/conversation/engine.js";
import type { ChatIdentity, Reply } from "../../core/conversation/reply.js";
import { isSportelloError } from "../../core/errors.js";
import type { Log } from "../../core/log.js";
import { readBody, sendJson } from "../http/body.js";
import { addressKey, type ClientAddress } from "../http/client-address.js";
import { sendChatError } from "./chat-errors.js";
import { chatRequestSchema, MAX_CHAT_BODY_BYTES, openingOf, toInbound } from "./chat-request.js";
import { deviceLanguage } from "./device-language.js";
import type { RateDecision, RateLimiter } from "./rate-limiter.js";
import { fromAnotherSite } from "./request-origin.js";
import { setCommonHeaders } from "./security-headers.js";
import type { WebSession, WebSessions } from "./web-sessions.js";

/** The answer to a chat message: the engine's replies as they are (file replies carry their content). */
export interface ChatResponse {
  replies: Reply[];
}

export interface ChatLimiters {
  /** Every message of one chat. */
  perSession: RateLimiter;
  /** Every request from one client address (a /64 for IPv6), sessions or not. */
  perAddress: RateLimiter;
  /** Sessions opened from one client address. */
  newSessionsPerAddress: RateLimiter;
}

export interface ChatApiOptions {
  engine: ConversationEngine;
  /**
   * The same conversation over a store that keeps nothing: what a visitor who has not said
   * anything yet sees (the page's first look, a reload without a session) costs no state.
   */
  preview: ConversationEngine;
  sessions: WebSessions;
  /** Whether a web chat id belongs to a citizen who accepted the privacy notice (read after each typed or pressed message). */
  consented: (chatId: string) => Promise<boolean>;
  clientAddress: ClientAddress;
  limiters: ChatLimiters;
  /** Origins allowed besides the one the request was addressed to (the public URL's). */
  allowedOrigins: ReadonlySet<string>;
  log: Log;
}

/** The chat id the preview engine sees: never one the server mints (those are 43 characters). */
const PREVIEW_CHAT = "preview";

const isJson = (contentType: string | undefined) => /^application\/json\s*(?:;|$)/i.test(contentType?.trim() ?? "");

/** Logs refusals over the limits at most once a minute, with how many there were: no line per request. */
function refusalNotes(log: Log, everyMs = 60_000) {
  const counts = new Map<string, number>();
  let last = 0;
  return (what: string) => {
    counts.set(what, (counts.get(what) ?? 0) + 1);
    const now = Date.now();
    if (now - last < everyMs) return;
    last = now;
    log.warn({ refused: Object.fromEntries(counts) }, "web chat: requests refused over the rate limits");
    counts.clear();
  };
}

/**
 * `POST /api/chat`: one message in, the replies out. Sessions are the server's: a cookie holds
 * a token it minted, which names a session in the store (and, through it, the stable web chat
 * id the engine sees). A `start` or `resume` without a session is answered by the preview,
 * keeping nothing; the first message typed or pressed opens the session (the preview's turn is
 * then played again for real, so the buttons shown stay valid) and sets the cookie. A cookie the
 * server does not know is never adopted.
 */
export function chatApiHandler(options: ChatApiOptions) {
  const { engine, preview, sessions, consented, clientAddress, limiters, allowedOrigins, log } = options;
  const noteRefusal = refusalNotes(log);
  // one message of a chat at a time in this process, and the fallback: shared by every channel
  const turns = chatTurns({ engine, log });

  function refused(res: ServerResponse, decision: RateDecision, what: string): boolean {
    if (decision.allowed) return false;
    noteRefusal(what);
    res.setHeader("retry-after", String(decision.retryAfterSeconds));
    sendChatError(res, "rate_limited");
    return true;
  }

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    setCommonHeaders(res);
    if (fromAnotherSite(req, allowedOrigins)) return sendChatError(res, "cross_site");
    if (!isJson(req.headers["content-type"])) return sendChatError(res, "unsupported_media_type");
    const address = addressKey(clientAddress(req));
    if (refused(res, limiters.perAddress.take(address), "requests per address")) return;

    let raw: string;
    try {
      raw = await readBody(req, MAX_CHAT_BODY_BYTES);
    } catch (error) {
      if (isSportelloError(error) && error.code === "payload_too_large") {
        res.setHeader("connection", "close");
        return sendChatError(res, "payload_too_large");
      }
      throw error; // a client that went away: the server notes it at debug level
    }
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      return sendChatError(res, "invalid_json");
    }
    const parsed = chatRequestSchema.safeParse(json);

    const resolved = await sessions.resolve(req);
    let session: WebSession | undefined = resolved.session;
    // every message of a session counts, well-formed or not
    if (session && refused(res, limiters.perSession.take(session.chatId), "messages per session")) return;
    if (!parsed.success) {
      const field = parsed.error.issues[0]?.path.join(".");
      return sendChatError(res, "invalid_request", field ? { field } : {});
    }
    const request = parsed.data;
    const language = deviceLanguage(req.headers["accept-language"]);
    const identity = (chatId: string): ChatIdentity => ({
      channel: "web",
      userId: chatId,
      ...(language ? { deviceLanguage: language } : {}),
    });

    let opening: ReturnType<typeof openingOf> | undefined;
    try {
      if (!session) {
        if (resolved.stale) res.setHeader("set-cookie", sessions.clearCookie());
        if (request.type === "start" || request.type === "resume") {
          const replies = await preview.handle(identity(PREVIEW_CHAT), toInbound(request));
          return sendJson(res, 200, { replies } satisfies ChatResponse);
        }
        // a cookie came but names nothing live: the conversation it had is over
        if (resolved.stale) return sendChatError(res, "session_missing");
        if (refused(res, limiters.newSessionsPerAddress.take(address), "new sessions per address")) return;
        session = await sessions.open();
        res.setHeader("set-cookie", sessions.cookie(session));
        opening = openingOf(request);
      }
      const chat = identity(session.chatId);
      const answer = await turns.inOrder(chat, async () => {
        if (opening) {
          const opened = await turns.answer(chat, opening);
          if (opened.failed) return opened;
        }
        return turns.answer(chat, toInbound(request));
      });
      if (answer.failed) {
        const message = answer.replies[0]?.kind === "text" ? answer.replies[0].text : undefined;
        return sendChatError(res, answer.failed === "busy" ? "unavailable" : "internal", message ? { message } : {});
      }
      const { replies } = answer;
      // only a typed or pressed message can give consent or erase it
      const typed = request.type === "text" || request.type === "button";
      const settled = await sessions.settle(session, typed ? await consented(session.chatId) : session.consented);
      if (settled) res.setHeader("set-cookie", sessions.cookie(settled));
      else res.removeHeader("set-cookie");
      sendJson(res, 200, { replies } satisfies ChatResponse);
    } catch (error) {
      if (isSportelloError(error) && error.code === "unavailable") {
        return sendChatError(res, "unavailable", { message: error.userMessage });
      }
      log.error({ err: error }, "web chat: the conversation failed");
      return sendChatError(res, "internal");
    }
  };
}
