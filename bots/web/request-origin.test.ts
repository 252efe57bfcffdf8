import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { fromAnotherSite, originOf } from "./request-origin.js";

const request = (headers: Record<string, string>) => ({ headers }) as IncomingMessage;
const allowed = new Set([originOf("https://sportello.example.org/chat")]);

describe("fromAnotherSite", () => {
  it.each([
    [{}],
    [{ "sec-fetch-site": "same-origin" }],
    [{ "sec-fetch-site": "none" }],
    [{ host: "127.0.0.1:3000", origin: "http://127.0.0.1:3000" }],
    [{ host: "127.0.0.1:3000", origin: "http://127.0.0.1:3000", "sec-fetch-site": "same-origin" }],
    [{ host: "Sportello.Example.org:443", origin: "https://sportello.example.org" }],
    [{ host: "localhost", origin: "http://localhost" }],
    [{ host: "localhost:80", origin: "http://localhost" }],
    // TLS ended at a proxy that kept Host: the scheme is the page's, the host is the same
    [{ host: "sportello.example.net", origin: "https://sportello.example.net" }],
    // behind a proxy that rewrote Host, the public URL's origin is allowed
    [{ host: "127.0.0.1:3000", origin: "https://sportello.example.org" }],
  ])("lets %j through", (headers) => {
    expect(fromAnotherSite(request(headers), allowed)).toBe(false);
  });

  it.each([
    [{ "sec-fetch-site": "cross-site" }],
    [{ "sec-fetch-site": "same-site" }],
    [{ "sec-fetch-site": "cross-site", host: "127.0.0.1:3000", origin: "http://127.0.0.1:3000" }],
    [{ host: "127.0.0.1:3000", origin: "http://evil.example" }],
    [{ host: "127.0.0.1:3000", origin: "http://127.0.0.1:3001" }],
    [{ host: "sportello.example.org", origin: "https://chat.sportello.example.org" }],
    [{ host: "127.0.0.1:3000", origin: "null" }],
    [{ host: "127.0.0.1:3000", origin: "file://" }],
    [{ host: "127.0.0.1:3000", origin: "http://127.0.0.1:3000/path" }],
    [{ host: "127.0.0.1:3000", origin: "not an origin" }],
    [{ origin: "http://127.0.0.1:3000" }],
    [{ host: "127.0.0.1:3000", origin: "https://sportello.example.org.evil.example" }],
  ])("refuses %j", (headers) => {
    expect(fromAnotherSite(request(headers), allowed)).toBe(true);
  });
});
