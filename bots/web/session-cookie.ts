import { randomBytes } from "node:crypto";
import type { IncomingMessage } from "node:http";

/** The cookie over plain HTTP (a local try-out, or a proxy that does not say it is HTTPS). */
export const SESSION_COOKIE = "sportello_chat";
/** Over HTTPS: `__Host-` makes browsers refuse it unless Secure, Path=/ and without Domain, so no subdomain can plant one. */
export const SECURE_SESSION_COOKIE = "__Host-sportello_chat";

/** 32 random bytes in base64url: 43 characters. Anything else is not one of our tokens. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** A fresh random token (for the cookie) or id (for a chat): 256 bits, base64url. */
export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

export const isToken = (value: string): boolean => TOKEN.test(value);

export const sessionCookieName = (options: { secure: boolean }) =>
  options.secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE;

/**
 * Our cookie in the request: `token` when it is well-formed, and `present` when a cookie of our
 * name was sent at all (a malformed, invented or expired one included).
 */
export function readSessionCookie(
  req: IncomingMessage,
  options: { secure: boolean },
): { token?: string; present: boolean } {
  const header = req.headers.cookie;
  if (!header) return { present: false };
  const name = sessionCookieName(options);
  let present = false;
  for (const pair of header.slice(0, 8_192).split(";")) {
    const eq = pair.indexOf("=");
    if (eq < 0 || pair.slice(0, eq).trim() !== name) continue;
    const value = pair.slice(eq + 1).trim();
    if (isToken(value)) return { token: value, present: true };
    if (value !== "") present = true;
  }
  return { present };
}

/** The Set-Cookie value: HttpOnly and SameSite=Lax always; over HTTPS Secure, with the `__Host-` name. */
export function sessionCookie(token: string, options: { secure: boolean; maxAgeSeconds: number }): string {
  const attributes = [
    `${sessionCookieName(options)}=${token}`,
    "Path=/",
    `Max-Age=${options.maxAgeSeconds}`,
    "HttpOnly",
    "SameSite=Lax",
  ];
  if (options.secure) attributes.push("Secure");
  return attributes.join("; ");
}

/** Tells the browser to forget a cookie the server no longer knows. */
export function clearedSessionCookie(options: { secure: boolean }): string {
  return sessionCookie("", { ...options, maxAgeSeconds: 0 });
}
