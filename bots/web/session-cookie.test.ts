import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { clearedSessionCookie, newToken, readSessionCookie, sessionCookie } from "./session-cookie.js";

const request = (cookie?: string) => ({ headers: cookie === undefined ? {} : { cookie } }) as IncomingMessage;
const plain = { secure: false };
const secure = { secure: true };

describe("session cookie", () => {
  it("makes long random tokens, all different", () => {
    const tokens = new Set(Array.from({ length: 100 }, newToken));
    expect(tokens.size).toBe(100);
    for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it("reads our cookie among others, and only a well-formed one", () => {
    const token = newToken();
    expect(readSessionCookie(request(`a=1; sportello_chat=${token}; b=2`), plain)).toEqual({ token, present: true });
    expect(readSessionCookie(request(`sportello_chat=${token}`), plain)).toEqual({ token, present: true });
    expect(readSessionCookie(request(), plain)).toEqual({ present: false });
    expect(readSessionCookie(request("sportello_chat=short"), plain)).toEqual({ present: true });
    expect(readSessionCookie(request(`sportello_chat=${token.slice(0, 42)}!`), plain)).toEqual({ present: true });
    expect(readSessionCookie(request("sportello_chat="), plain)).toEqual({ present: false });
    expect(readSessionCookie(request(`other_sportello_chat=${token}`), plain)).toEqual({ present: false });
  });

  it("over HTTPS reads only the __Host- cookie", () => {
    const token = newToken();
    expect(readSessionCookie(request(`__Host-sportello_chat=${token}`), secure)).toEqual({ token, present: true });
    expect(readSessionCookie(request(`sportello_chat=${token}`), secure)).toEqual({ present: false });
    expect(readSessionCookie(request(`__Host-sportello_chat=${token}`), plain)).toEqual({ present: false });
  });

  it("is HttpOnly and SameSite=Lax; over HTTPS Secure with the __Host- prefix", () => {
    expect(sessionCookie("abc", { ...plain, maxAgeSeconds: 86_400 })).toBe(
      "sportello_chat=abc; Path=/; Max-Age=86400; HttpOnly; SameSite=Lax",
    );
    expect(sessionCookie("abc", { ...secure, maxAgeSeconds: 60 })).toBe(
      "__Host-sportello_chat=abc; Path=/; Max-Age=60; HttpOnly; SameSite=Lax; Secure",
    );
    expect(clearedSessionCookie(secure)).toBe(
      "__Host-sportello_chat=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax; Secure",
    );
  });
});
