import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { newSessionId, readSessionId, sessionCookie } from "./session-cookie.js";

const request = (cookie?: string) => ({ headers: cookie === undefined ? {} : { cookie } }) as IncomingMessage;

describe("session cookie", () => {
  it("makes long random ids, all different", () => {
    const ids = new Set(Array.from({ length: 100 }, newSessionId));
    expect(ids.size).toBe(100);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("reads our cookie among others, and only a well-formed one", () => {
    const id = newSessionId();
    expect(readSessionId(request(`a=1; sportello_chat=${id}; b=2`))).toBe(id);
    expect(readSessionId(request(`sportello_chat=${id}`))).toBe(id);
    expect(readSessionId(request())).toBeUndefined();
    expect(readSessionId(request("sportello_chat=short"))).toBeUndefined();
    expect(readSessionId(request(`sportello_chat=${id.slice(0, 42)}!`))).toBeUndefined();
    expect(readSessionId(request(`other_sportello_chat=${id}`))).toBeUndefined();
  });

  it("is HttpOnly and SameSite=Lax, and Secure only over HTTPS", () => {
    expect(sessionCookie("abc", { secure: false })).toBe(
      "sportello_chat=abc; Path=/; Max-Age=2592000; HttpOnly; SameSite=Lax",
    );
    expect(sessionCookie("abc", { secure: true })).toBe(
      "sportello_chat=abc; Path=/; Max-Age=2592000; HttpOnly; SameSite=Lax; Secure",
    );
  });
});
