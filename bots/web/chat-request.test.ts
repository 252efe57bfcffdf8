import { describe, expect, it } from "vitest";
import { chatRequestSchema, toInbound } from "./chat-request.js";

const inbound = (body: unknown) => toInbound(chatRequestSchema.parse(body));

describe("chat requests", () => {
  it("map to the engine's inbound messages", () => {
    expect(inbound({ type: "start" })).toEqual({ kind: "start" });
    expect(inbound({ type: "start", payload: "p_abc-1" })).toEqual({ kind: "start", payload: "p_abc-1" });
    expect(inbound({ type: "text", text: "Torino" })).toEqual({ kind: "text", text: "Torino" });
    expect(inbound({ type: "button", data: "3.menu" })).toEqual({ kind: "button", data: "3.menu" });
    expect(inbound({ type: "location", lat: 45.07, lon: 7.68 })).toEqual({ kind: "location", lat: 45.07, lon: 7.68 });
    // unknown fields are dropped, never passed on
    expect(inbound({ type: "text", text: "ciao", kind: "contact", phone: "333" })).toEqual({
      kind: "text",
      text: "ciao",
    });
  });

  it("lets a long text through, so the conversation can say kindly that it is too long", () => {
    expect(toInbound(chatRequestSchema.parse({ type: "text", text: "x".repeat(5_000) }))).toEqual({
      kind: "text",
      text: "x".repeat(5_000),
    });
    expect(toInbound(chatRequestSchema.parse({ type: "resume" }))).toEqual({ kind: "resume" });
  });

  it.each([
    [{ type: "contact", phone: "3331234567" }],
    [{ type: "start", payload: "p_<script>" }],
    [{ type: "text" }],
    [{ type: "text", text: "" }],
    [{ type: "text", text: "x".repeat(7_001) }],
    [{ type: "button", data: "" }],
    [{ type: "button", data: "é" }],
    [{ type: "button", data: "x".repeat(101) }],
    [{ type: "location", lat: 45 }],
    [{ type: "location", lat: Number.NaN, lon: 7 }],
    [{ type: "location", lat: 45, lon: 181 }],
    [null],
    ["text"],
  ])("refuses %j", (body) => {
    expect(chatRequestSchema.safeParse(body).success).toBe(false);
  });
});
