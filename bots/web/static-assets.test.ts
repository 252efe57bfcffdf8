import type { IncomingMessage, ServerResponse } from "node:http";
import { describe, expect, it } from "vitest";
import { loadWebAssets, serveAsset } from "./static-assets.js";

function fakeResponse() {
  const headers: Record<string, unknown> = {};
  const sent = { status: 0, body: undefined as unknown, headers };
  const res = {
    setHeader: (name: string, value: unknown) => {
      headers[name] = value;
    },
    writeHead: (status: number, more: Record<string, unknown> = {}) => {
      sent.status = status;
      Object.assign(headers, more);
    },
    end: (body?: unknown) => {
      sent.body = body;
    },
  } as unknown as ServerResponse;
  return { res, sent };
}

const get = (path: string, headers: Record<string, string> = {}) => {
  const { res, sent } = fakeResponse();
  const served = serveAsset(assets, { headers } as IncomingMessage, res, new URL(path, "http://localhost"));
  return { served, ...sent };
};

const assets = loadWebAssets();

describe("web chat assets", () => {
  it("links each asset from the page with its content hash", () => {
    const page = assets.page.toString("utf8");
    for (const [name, asset] of assets.assets) expect(page).toContain(`"/web/${name}?v=${asset.hash}"`);
    expect(page).not.toMatch(/"\/web\/[\w.]+"/);
  });

  it("serves an allow-listed file, and 304 when the browser has it", () => {
    const js = get("/web/chat.js");
    expect(js.served).toBe(true);
    expect(js.status).toBe(200);
    expect(js.headers["content-type"]).toBe("text/javascript; charset=utf-8");
    const etag = String(js.headers.etag);
    expect(get("/web/chat.js", { "if-none-match": etag }).status).toBe(304);
    expect(get("/web/chat.js", { "if-none-match": `"other", W/${etag}` }).status).toBe(304);
    expect(get("/web/chat.js", { "if-none-match": '"other"' }).status).toBe(200);
  });

  it.each([
    "/web/index.html",
    "/web/chat.test.ts",
    "/web/..%2fchat-api.ts",
    "/web/public/chat.js",
    "/web/chat.js/",
    "/web/toString",
    "/web/hasOwnProperty",
    "/chat.js",
  ])("serves nothing for %s", (path) => {
    expect(get(path).served).toBe(false);
  });
});
