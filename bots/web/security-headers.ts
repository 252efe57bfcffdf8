import type { ServerResponse } from "node:http";

/**
 * The page loads only its own script, style and icon, talks only to its own origin, and cannot
 * be framed. No inline script or style is allowed: the page renders everything with textContent.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/** Headers for every web chat response (page, assets, API). */
export function setCommonHeaders(res: ServerResponse): void {
  res.setHeader("x-content-type-options", "nosniff");
  res.setHeader("referrer-policy", "no-referrer");
  res.setHeader("cross-origin-resource-policy", "same-origin");
}

/** Headers for the HTML page. */
export function setPageHeaders(res: ServerResponse, options: { https: boolean }): void {
  setCommonHeaders(res);
  res.setHeader("content-security-policy", CONTENT_SECURITY_POLICY);
  res.setHeader("x-frame-options", "DENY");
  res.setHeader("cross-origin-opener-policy", "same-origin");
  res.setHeader("permissions-policy", "geolocation=(self), camera=(), microphone=(), payment=(), usb=()");
  if (options.https) res.setHeader("strict-transport-security", "max-age=31536000");
}
