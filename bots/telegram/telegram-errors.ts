import { GrammyError, HttpError } from "grammy";
import type { SendOutcome } from "../../core/messaging/ports.js";

/** Network failures that happen before a request leaves: nothing can have been delivered. */
const NOT_SENT = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);

function codeOf(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === "object"; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
    current = (current as { cause?: unknown; error?: unknown }).cause ?? (current as { error?: unknown }).error;
  }
  return undefined;
}

/**
 * What a failed Bot API call means for an outbound message:
 * - 429: wait `retry_after` (nothing was sent);
 * - 403 (bot blocked, user deactivated, can't initiate) and 400 "chat not found": permanent, the
 *   identity is unreachable; any other 400: permanent (the message itself is wrong);
 * - 5xx, 401/404 (bot misconfigured), a connection refused: transient, nothing was sent;
 * - a timeout or a dropped connection after the request left: ambiguous (it may have arrived).
 */
export function classifyTelegramError(error: unknown): SendOutcome {
  if (error instanceof GrammyError) {
    const description = error.description.toLowerCase();
    if (error.error_code === 429) {
      return { status: "rate_limited", retryAfterMs: Math.max(1, error.parameters.retry_after ?? 1) * 1000 };
    }
    if (error.error_code === 403) {
      const code = description.includes("blocked")
        ? "blocked"
        : description.includes("deactivated")
          ? "deactivated"
          : description.includes("initiate")
            ? "cannot_initiate"
            : "forbidden";
      return { status: "permanent", code, unreachable: true };
    }
    if (error.error_code === 400) {
      return description.includes("chat not found")
        ? { status: "permanent", code: "chat_not_found", unreachable: true }
        : { status: "permanent", code: "bad_request", unreachable: false };
    }
    return { status: "transient", code: `http_${error.error_code}` };
  }
  if (error instanceof HttpError) {
    const code = codeOf(error.error);
    if (code && NOT_SENT.has(code)) return { status: "transient", code: code.toLowerCase() };
    return { status: "ambiguous", code: code ? code.toLowerCase() : "network" };
  }
  return { status: "ambiguous", code: "unexpected" };
}
