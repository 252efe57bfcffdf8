import type { IncomingMessage } from "node:http";

/**
 * Whether the browser says this request was made by a page of another site. Two signals, either
 * is enough: `Sec-Fetch-Site` other than "same-origin" (or "none", a request the person made
 * themselves), and an `Origin` that is neither this server as the request addressed it (the Host
 * header) nor one of `allowedOrigins` (the public URL, when a proxy rewrites Host). A request with
 * neither header (not a browser, or a very old one) is not refused here: the SameSite cookie and
 * the JSON content type still keep forms of other sites out.
 */
export function fromAnotherSite(req: IncomingMessage, allowedOrigins: ReadonlySet<string>): boolean {
  const site = req.headers["sec-fetch-site"];
  if (site !== undefined && site !== "same-origin" && site !== "none") return true;
  const origin = req.headers.origin;
  if (origin === undefined) return false;
  if (allowedOrigins.has(origin)) return false;
  try {
    const url = new URL(origin);
    if ((url.protocol !== "http:" && url.protocol !== "https:") || url.origin !== origin.toLowerCase()) return true;
    const host = req.headers.host;
    // the Host header, read with the origin's scheme (TLS may end at a proxy, so the scheme
    // itself cannot be checked here), so that default ports compare equal
    return host === undefined || new URL(`${url.protocol}//${host}`).host !== url.host;
  } catch {
    return true; // "null" (a sandboxed frame, a privacy redirect) or anything that is not an origin
  }
}

/** The origin of a URL, as browsers send it in `Origin`. */
export const originOf = (url: string): string => new URL(url).origin;
