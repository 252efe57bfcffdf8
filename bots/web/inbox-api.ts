import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import { isSportelloError } from "../../core/errors.js";
import type { Log } from "../../core/log.js";
import { readBody, sendJson } from "../http/body.js";
import { addressKey, type ClientAddress } from "../http/client-address.js";
import { sendChatError } from "./chat-errors.js";
import type { RateLimiter } from "./rate-limiter.js";
import { fromAnotherSite } from "./request-origin.js";
import { setCommonHeaders } from "./security-headers.js";
import type { InboxItem, WebInbox } from "./web-inbox.js";
import type { WebSessions } from "./web-sessions.js";

const inboxRequest = z
  .object({
    after: z
      .string()
      .regex(/^\d{1,15}-\d{1,6}$/)
      .optional(),
  })
  .strict();

export interface InboxResponse {
  messages: InboxItem[];
}

/** At most this many messages per answer; the page asks again at once when it got a full page. */
export const INBOX_PAGE = 20;

/**
 * `POST /api/chat/inbox` `{ after? }`: the messages Sportello sent to this chat on its own
 * (reminders, offers, changes) that the page has not shown yet. The page sends back the id of the
 * last one it showed, which acknowledges it and everything before. Without a session: none.
 * POST (with the chat API's same-site check), because acknowledging forgets messages.
 */
export function inboxApiHandler(options: {
  inbox: WebInbox;
  sessions: WebSessions;
  clientAddress: ClientAddress;
  perAddress: RateLimiter;
  allowedOrigins: ReadonlySet<string>;
  log: Log;
}) {
  const { inbox, sessions, log } = options;
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    setCommonHeaders(res);
    if (fromAnotherSite(req, options.allowedOrigins)) return sendChatError(res, "cross_site");
    const decision = options.perAddress.take(addressKey(options.clientAddress(req)));
    if (!decision.allowed) {
      res.setHeader("retry-after", String(decision.retryAfterSeconds));
      return sendChatError(res, "rate_limited");
    }
    let parsed: z.output<typeof inboxRequest>;
    try {
      const raw = await readBody(req, 1_024);
      const result = inboxRequest.safeParse(raw.trim() === "" ? {} : JSON.parse(raw));
      if (!result.success) return sendChatError(res, "invalid_request");
      parsed = result.data;
    } catch (error) {
      if (isSportelloError(error) && error.code === "payload_too_large") return sendChatError(res, "payload_too_large");
      return sendChatError(res, "invalid_json");
    }
    const { session } = await sessions.resolve(req);
    if (!session) return sendJson(res, 200, { messages: [] } satisfies InboxResponse);
    try {
      const messages = await inbox.read(session.chatId, parsed.after, INBOX_PAGE);
      sendJson(res, 200, { messages } satisfies InboxResponse);
    } catch (error) {
      log.warn({ err: error }, "web chat: the inbox could not be read");
      sendChatError(res, "unavailable");
    }
  };
}
