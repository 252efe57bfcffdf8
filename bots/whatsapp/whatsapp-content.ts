import { getContentType, normalizeMessageContent, type proto } from "@whiskeysockets/baileys";
import type { Inbound } from "../../core/conversation/reply.js";

/** Kinds of content that never get an answer: they are not something the person said to us. */
const SILENT = new Set<string>([
  "protocolMessage", // edits, deletions, ephemeral settings, history sync: handled elsewhere or not for us
  "reactionMessage",
  "encReactionMessage",
  "pollUpdateMessage",
  "keepInChatMessage",
  "pinInChatMessage",
  "encEventResponseMessage",
  "messageHistoryNotice",
  "messageHistoryBundle",
  "senderKeyDistributionMessage",
]);

/** Longer than any text the engine takes (it answers "too long" past its own limit). */
const MAX_TEXT = 10_000;

/** "/start" or "/start p_<id>"; or a wa.me link's pre-filled text ending with "(p_<id>)". */
const START_COMMAND = /^\/start(?:\s+(\S{1,64}))?\s*$/i;
const START_CODE = /\((p_[A-Za-z0-9-]{1,62})\)\s*$/;

export type ContentReading =
  | { kind: "inbound"; inbound: Inbound }
  /** Nothing to answer: `reason` says why (for the debug log). */
  | { kind: "silent"; reason: string };

function textInbound(text: string): Inbound {
  const command = START_COMMAND.exec(text.trim());
  if (command) return command[1] ? { kind: "start", payload: command[1] } : { kind: "start" };
  const code = START_CODE.exec(text);
  if (code?.[1]) return { kind: "start", payload: code[1] };
  return { kind: "text", text: text.slice(0, MAX_TEXT) };
}

function locationInbound(lat: unknown, lon: unknown): Inbound {
  if (typeof lat !== "number" || typeof lon !== "number" || !Number.isFinite(lat) || !Number.isFinite(lon))
    return { kind: "unsupported", what: "other" };
  if (Math.abs(lat) > 90 || Math.abs(lon) > 180 || (lat === 0 && lon === 0))
    return { kind: "unsupported", what: "other" };
  return { kind: "location", lat, lon };
}

/** A shared contact card is the person's own number only when its `waid` is the sender's. */
function contactInbound(vcard: string | null | undefined, senderDigits: string | undefined): Inbound {
  const waid = /waid=(\d{6,15})/i.exec(vcard ?? "")?.[1];
  if (waid && senderDigits && waid === senderDigits) return { kind: "contact", phone: `+${waid}` };
  return { kind: "unsupported", what: "other" };
}

/**
 * What a WhatsApp message's content means for the conversation. Wrappers (ephemeral, view
 * once, edited, document with caption) are unwrapped first. Photos, audio, stickers and other
 * media are "unsupported" (the engine answers kindly); captions are not read, as on Telegram.
 */
export function readContent(
  message: proto.IMessage | null | undefined,
  senderDigits: string | undefined,
): ContentReading {
  const content = normalizeMessageContent(message);
  const type = getContentType(content);
  if (!content || !type) return { kind: "silent", reason: "empty" };
  if (SILENT.has(type)) return { kind: "silent", reason: type };
  switch (type) {
    case "conversation":
      return { kind: "inbound", inbound: textInbound(content.conversation ?? "") };
    case "extendedTextMessage":
      return { kind: "inbound", inbound: textInbound(content.extendedTextMessage?.text ?? "") };
    case "locationMessage":
      return {
        kind: "inbound",
        inbound: locationInbound(content.locationMessage?.degreesLatitude, content.locationMessage?.degreesLongitude),
      };
    case "liveLocationMessage":
      return {
        kind: "inbound",
        inbound: locationInbound(
          content.liveLocationMessage?.degreesLatitude,
          content.liveLocationMessage?.degreesLongitude,
        ),
      };
    case "contactMessage":
      return { kind: "inbound", inbound: contactInbound(content.contactMessage?.vcard, senderDigits) };
    case "buttonsResponseMessage":
      return button(content.buttonsResponseMessage?.selectedButtonId);
    case "listResponseMessage":
      return button(content.listResponseMessage?.singleSelectReply?.selectedRowId);
    case "templateButtonReplyMessage":
      return button(content.templateButtonReplyMessage?.selectedId);
    case "imageMessage":
      return unsupported("photo");
    case "stickerMessage":
    case "stickerPackMessage":
    case "lottieStickerMessage":
      return unsupported("sticker");
    case "audioMessage":
      return unsupported("voice");
    case "videoMessage":
    case "ptvMessage":
      return unsupported("video");
    case "documentMessage":
      return unsupported("document");
    default:
      return unsupported("other");
  }
}

function unsupported(what: Extract<Inbound, { kind: "unsupported" }>["what"]): ContentReading {
  return { kind: "inbound", inbound: { kind: "unsupported", what } };
}

/** Sportello sends no buttons; a press on someone else's old ones is still passed as a press (the engine checks it). */
function button(id: string | null | undefined): ContentReading {
  if (!id) return unsupported("other");
  return { kind: "inbound", inbound: { kind: "button", data: id.slice(0, 64) } };
}

/** A link that opens a chat with the number with the text pre-filled; sent, it starts at `payload` (e.g. "p_<pointId>"). */
export function whatsappStartLink(numberDigits: string, payload: string, intro = "Ciao!"): string {
  return `https://wa.me/${numberDigits.replace(/\D/g, "")}?text=${encodeURIComponent(`${intro} (${payload})`)}`;
}
