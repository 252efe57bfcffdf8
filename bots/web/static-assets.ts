import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";

/** The only files served under /web/: name → content type. Nothing else is ever read. */
const ALLOWED = new Map<string, string>([
  ["chat.js", "text/javascript; charset=utf-8"],
  ["chat.css", "text/css; charset=utf-8"],
  ["favicon.svg", "image/svg+xml"],
]);

export const ASSET_PREFIX = "/web/";

export interface Asset {
  body: Buffer;
  contentType: string;
  /** Short content hash: the ETag and the `?v=` of the page's links. */
  hash: string;
}

export interface WebAssets {
  /** index.html, with each asset link carrying its content hash (`/web/chat.js?v=…`). */
  page: Buffer;
  assets: ReadonlyMap<string, Asset>;
}

/** If-None-Match may list several tags, weak ones included, or "*". */
function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(",").some((tag) => {
    const trimmed = tag.trim();
    return trimmed === "*" || trimmed.replace(/^W\//, "") === etag;
  });
}

const hashOf = (body: Buffer) => createHash("sha256").update(body).digest("base64url").slice(0, 16);

/** Reads the page and the allow-listed files once, at start-up. */
export function loadWebAssets(dir: URL = new URL("./public/", import.meta.url)): WebAssets {
  const assets = new Map<string, Asset>();
  for (const [name, contentType] of ALLOWED) {
    const body = readFileSync(new URL(name, dir));
    assets.set(name, { body, contentType, hash: hashOf(body) });
  }
  let html = readFileSync(new URL("index.html", dir), "utf8");
  for (const [name, asset] of assets)
    html = html.replaceAll(`"${ASSET_PREFIX}${name}"`, `"${ASSET_PREFIX}${name}?v=${asset.hash}"`);
  return { page: Buffer.from(html, "utf8"), assets };
}

/**
 * Serves one allow-listed asset; answers false when the name is not one of them. The name is
 * looked up as a whole, so "..", "%2e%2e", slashes or any other path trick match nothing.
 * With the current `?v=` hash the file is cached for a year; without, it is revalidated.
 */
export function serveAsset(assets: WebAssets, req: IncomingMessage, res: ServerResponse, url: URL): boolean {
  const asset = url.pathname.startsWith(ASSET_PREFIX)
    ? assets.assets.get(url.pathname.slice(ASSET_PREFIX.length))
    : undefined;
  if (!asset) return false;
  const etag = `"${asset.hash}"`;
  res.setHeader("etag", etag);
  res.setHeader(
    "cache-control",
    url.searchParams.get("v") === asset.hash
      ? "public, max-age=31536000, immutable"
      : "public, max-age=0, must-revalidate",
  );
  if (etagMatches(req.headers["if-none-match"], etag)) {
    res.writeHead(304);
    res.end();
    return true;
  }
  res.writeHead(200, { "content-type": asset.contentType, "content-length": asset.body.length });
  res.end(asset.body);
  return true;
}
