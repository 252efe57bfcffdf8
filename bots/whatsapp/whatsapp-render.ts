import type { AnyMessageContent } from "@whiskeysockets/baileys";
import type { Choice, Reply } from "../../core/conversation/reply.js";

/**
 * The engine's replies as WhatsApp messages, with no network: `sendMessage` contents in order.
 * WhatsApp has no buttons for us (Baileys removed them, 2024): choices are numbered lines and
 * the person answers with the number, which the engine already understands.
 */

/** A numbered list longer than this is hard to read on a phone: the rest goes in the next message. */
export const MAX_CHOICES_PER_MESSAGE = 10;
/** WhatsApp takes far more (65,536), but a phone folds long messages: split well before. */
export const MAX_TEXT = 4_096;

/** The few words the renderer adds. Part B moves them to core's messages (see README). */
export interface RenderTexts {
  /** Under every numbered list. */
  replyWithNumber: string;
  /** WhatsApp has no "send my position" button: how to share it. */
  shareLocation: string;
}

export const RENDER_TEXTS = {
  it: {
    replyWithNumber: "Rispondi con il numero.",
    shareLocation:
      "Per mandare la tua posizione: tocca 📎 (o +), poi «Posizione», poi «Invia la tua posizione attuale».",
  },
  en: {
    replyWithNumber: "Reply with the number.",
    shareLocation: "To send your position: tap 📎 (or +), then “Location”, then “Send your current location”.",
  },
} as const satisfies Record<string, RenderTexts>;

/** Cuts before `max` characters: at a paragraph end, else a line end, else a sentence end, else a space. */
function cutPoint(text: string, max: number): number {
  const window = text.slice(0, max + 1);
  for (const separator of ["\n\n", "\n", ". ", " "]) {
    const at = window.lastIndexOf(separator, max);
    if (at > max / 3) return separator === ". " ? at + 1 : at;
  }
  // no good place: never split a character made of two UTF-16 units
  const code = text.charCodeAt(max - 1);
  return code >= 0xd800 && code <= 0xdbff ? max - 1 : max;
}

/** A text in parts of at most `max` characters, cut where a reader expects a pause. */
export function splitLongText(text: string, max = MAX_TEXT): string[] {
  const parts: string[] = [];
  let rest = text.trim() || "…";
  while (rest.length > max) {
    const cut = cutPoint(rest, max);
    parts.push(rest.slice(0, cut).trim());
    rest = rest.slice(cut).trim();
  }
  parts.push(rest);
  return parts;
}

/** Numbered lines in groups of at most 10, numbered as the engine counts them (1, 2, … 11, 12). */
export function numberedGroups(choices: readonly Choice[]): string[][] {
  const lines = choices.map((choice, i) => `${i + 1}. ${choice.label}`);
  const groups: string[][] = [];
  for (let i = 0; i < lines.length; i += MAX_CHOICES_PER_MESSAGE)
    groups.push(lines.slice(i, i + MAX_CHOICES_PER_MESSAGE));
  return groups;
}

/** A text part may join the text pending before it (`joins`); a question's parts end the join (`ends`). */
type Part = { text: string; joins: boolean; ends: boolean } | { content: AnyMessageContent };

/** A question with its numbered choices: the question and the first ten, then the rest, the hint last. */
function questionParts(text: string, choices: readonly Choice[], texts: RenderTexts, before: string[] = []): Part[] {
  const groups = numberedGroups(choices);
  if (groups.length === 0) return [{ text: [...before, text].join("\n\n"), joins: true, ends: true }];
  return groups.map((group, i) => {
    const last = i === groups.length - 1;
    const blocks = [
      ...(i === 0 ? [...before, text] : []),
      group.join("\n"),
      ...(last ? [`_${texts.replyWithNumber}_`] : []),
    ];
    // the first part may take texts said before it; a list's later parts stand alone
    return { text: blocks.join("\n\n"), joins: i === 0, ends: true };
  });
}

function partsOf(reply: Reply, texts: RenderTexts): Part[] {
  switch (reply.kind) {
    case "text":
      return [{ text: reply.text, joins: true, ends: false }];
    case "choices":
      return questionParts(reply.text, reply.choices, texts);
    case "location_request":
      return questionParts(`📍 ${texts.shareLocation}`, reply.choices, texts, [reply.text]);
    case "venue":
      return [
        {
          content: {
            location: {
              degreesLatitude: reply.lat,
              degreesLongitude: reply.lon,
              name: reply.title.slice(0, 256),
              address: reply.address.slice(0, 256),
            },
          },
        },
      ];
    case "file":
      return [
        {
          content: {
            document: Buffer.from(reply.content, "utf8"),
            mimetype: reply.mimeType,
            fileName: reply.filename,
            caption: reply.caption.slice(0, 1_024),
          },
        },
      ];
  }
}

/**
 * Renders replies as WhatsApp message contents, in order. Texts said one after the other, and
 * a text followed by a question, become one message when they fit (fewer messages: less noise
 * for the person, less sending for the number); a venue is a location message with name and
 * address; a file (the .ics) is a document; long texts are split at paragraph ends.
 */
export function renderWhatsApp(replies: readonly Reply[], texts: RenderTexts = RENDER_TEXTS.it): AnyMessageContent[] {
  const out: AnyMessageContent[] = [];
  let pending: string | undefined;
  let open = false; // whether the pending text may take more
  const flush = () => {
    if (pending === undefined) return;
    for (const part of splitLongText(pending)) out.push({ text: part });
    pending = undefined;
  };
  for (const reply of replies) {
    for (const part of partsOf(reply, texts)) {
      if ("content" in part) {
        flush();
        out.push(part.content);
        continue;
      }
      if (pending !== undefined && open && part.joins && pending.length + 2 + part.text.length <= MAX_TEXT) {
        pending = `${pending}\n\n${part.text}`;
      } else {
        flush();
        pending = part.text;
      }
      open = !part.ends;
    }
  }
  flush();
  return out;
}
