import { z } from "zod";
import type { Inbound } from "../../core/conversation/reply.js";

/** The largest request body the chat API reads; bigger ones are refused with 413. */
export const MAX_CHAT_BODY_BYTES = 8 * 1024;

/**
 * What the page may send to `POST /api/chat`. Button data is opaque: it is the id of a choice
 * the engine offered, sent back unchanged (ASCII, short). `deepLink` is the page's `?start=`
 * payload, sent along with messages because the page cannot tell whether it has a session yet:
 * it is used only by the message that opens one (the first turn then opens that point).
 */
const deepLink = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/)
  .optional();

export const chatRequestSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("start"),
    /** A deep-link payload, as in `/?start=p_<pointId>`. */
    payload: deepLink,
  }),
  /** The page was loaded again: the conversation goes on where it was. */
  z.object({ type: z.literal("resume") }),
  // long texts get the engine's kind "too long" answer, not a refusal of the request
  z.object({ type: z.literal("text"), text: z.string().min(1).max(7_000), deepLink }),
  z.object({
    type: z.literal("button"),
    data: z
      .string()
      .min(1)
      .max(100)
      .regex(/^[\x21-\x7e]+$/),
    deepLink,
  }),
  z.object({
    type: z.literal("location"),
    lat: z.number().min(-90).max(90),
    lon: z.number().min(-180).max(180),
    deepLink,
  }),
]);

export type ChatRequest = z.output<typeof chatRequestSchema>;

/** The first turn of a new session, as the page's first look at the chat showed it. */
export function openingOf(request: ChatRequest): Inbound {
  const payload = "deepLink" in request ? request.deepLink : "payload" in request ? request.payload : undefined;
  return payload === undefined ? { kind: "start" } : { kind: "start", payload };
}

/** The engine's channel-neutral message for a validated request. */
export function toInbound(request: ChatRequest): Inbound {
  switch (request.type) {
    case "start":
      return request.payload === undefined ? { kind: "start" } : { kind: "start", payload: request.payload };
    case "resume":
      return { kind: "resume" };
    case "text":
      return { kind: "text", text: request.text };
    case "button":
      return { kind: "button", data: request.data };
    case "location":
      return { kind: "location", lat: request.lat, lon: request.lon };
  }
}
