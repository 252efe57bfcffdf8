import type { Inbound } from "./reply.js";

/**
 * What people send may hold characters no one can read and PostgreSQL refuses: NUL (SQLSTATE
 * 22021), a lone UTF-16 surrogate (not encodable in UTF-8: Prisma cannot send it), other control
 * characters (C0 but tab, line feed and carriage return; DEL; C1). They are removed from every
 * text of an inbound message, once, where it enters the engine, whatever the channel.
 */
const CONTROL = /(?![\t\n\r])\p{Cc}/gu;
/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function cleanText(text: string): string {
  return text.replace(LONE_SURROGATE, "").replace(CONTROL, "");
}

/** The same message with every text it carries cleaned (numbers and kinds are left as they are). */
export function cleanInbound(inbound: Inbound): Inbound {
  switch (inbound.kind) {
    case "text":
      return { ...inbound, text: cleanText(inbound.text) };
    case "button":
      return { ...inbound, data: cleanText(inbound.data) };
    case "contact":
      return { ...inbound, phone: cleanText(inbound.phone) };
    case "start":
      return inbound.payload === undefined ? inbound : { ...inbound, payload: cleanText(inbound.payload) };
    default:
      return inbound;
  }
}
