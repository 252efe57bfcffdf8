import { describe, expect, it } from "vitest";
import { cleanInbound, cleanText } from "./clean-text.js";

describe("cleanText", () => {
  it.each([
    ["a\u0000b", "ab"],
    ["\u0000", ""],
    ["lone high \uD800 here", "lone high  here"],
    ["lone low \uDC00 here", "lone low  here"],
    ["reversed pair \uDC00\uD800", "reversed pair "],
    ["high at the end \uDBFF", "high at the end "],
    ["bell\u0007, escape\u001b[31m, DEL\u007f, C1\u0085\u009f", "bell, escape[31m, DEL, C1"],
  ])("%j → %j", (raw, clean) => {
    expect(cleanText(raw)).toBe(clean);
    // what UTF-8 can carry comes back unchanged from it: no lone surrogate is left
    expect(new TextDecoder().decode(new TextEncoder().encode(cleanText(raw)))).toBe(cleanText(raw));
  });

  it("keeps every character a person can mean", () => {
    const kept = "Riga 1\nriga 2\r\n\tTab · àèìòù ÀÉ ß € “virgolette” 👵🏽 👨‍👩‍👧 🇮🇹 مرحبا 你好 \u200d\uFE0F \u00a0";
    expect(cleanText(kept)).toBe(kept);
  });
});

describe("cleanInbound", () => {
  it("cleans every text an inbound message carries, and only those", () => {
    expect(cleanInbound({ kind: "text", text: "no\u0000ta\uD83D" })).toEqual({ kind: "text", text: "nota" });
    expect(cleanInbound({ kind: "button", data: "3.\u0000conferma" })).toEqual({ kind: "button", data: "3.conferma" });
    expect(cleanInbound({ kind: "contact", phone: "+39\u0000333" })).toEqual({ kind: "contact", phone: "+39333" });
    expect(cleanInbound({ kind: "start", payload: "p_\uDC00x" })).toEqual({ kind: "start", payload: "p_x" });
    expect(cleanInbound({ kind: "start" })).toEqual({ kind: "start" });
    expect(cleanInbound({ kind: "location", lat: 45, lon: 7 })).toEqual({ kind: "location", lat: 45, lon: 7 });
    expect(cleanInbound({ kind: "unsupported", what: "sticker" })).toEqual({ kind: "unsupported", what: "sticker" });
  });
});
