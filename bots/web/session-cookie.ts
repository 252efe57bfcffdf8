import { randomBytes } from "node:crypto";
import type { IncomingMessage } from "node:http";

export const SESSION_COOKIE = "sportello_chat";

/** Kept as long as a conversation (30 days), renewed at every message. */
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

/** 32 random bytes in base64url: 43 characters. Anything else is not one of our sessions. */
const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

export function newSessionId(): string {
  return randomBytes(32).toString("base64url");
}

/** The session id from the request's cookies, if there is a well-formed one. */
export function readSessionId(req: IncomingMessage): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const pair of header.split(";")) {
    const eq = pair.indexOf("=");
    if (eq < 0 || pair.slice(0, eq).trim() !== SESSION_COOKIE) continue;
    const value = pair.slice(eq + 1).trim();
    if (SESSION_ID.test(value)) return value;
  }
  return undefined;
}

/** The Set-Cookie value: HttpOnly and SameSite=Lax always, Secure when served over HTTPS. */
export function sessionCookie(id: string, options: { secure: boolean }): string {
  const attributes = [
    `${SESSION_COOKIE}=${id}`,
    "Path=/",
    `Max-Age=${SESSION_MAX_AGE_SECONDS}`,
    "HttpOnly",
    "SameSite=Lax",
  ];
  if (options.secure) attributes.push("Secure");
  return attributes.join("; ");
}
