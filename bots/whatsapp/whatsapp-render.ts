import type { AnyMessageContent } from "@whiskeysockets/baileys";
import type { Choice, Reply } from "../../core/conversation/reply.js";

/**
 * The engine's replies as WhatsApp messages, with no network: `sendMessage` contents in order.
 * WhatsApp has no buttons for us (Baileys removed them, 2024): choices are numbered lines and
 * the person answers with the number, which the engine already understands. The words added for
 * this (how to answer, how to share a position) come from the engine, in the citizen's language,
 * because the WhatsApp channel profile (core/conversation/channel-profile.ts) asks for them.
 */

/** A numbered list longer than this is hard to read on a phone: the rest goes in the next message. */
export const MAX_CHOICES_PER_MESSAGE = 10;
/** WhatsApp takes far more (65,536), but a phone folds long messages: split well before. */
export const MAX_TEXT = 4_096;

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

/**
 * A question with its numbered choices: the question and the first ten, then the rest, the hint
 * ("Rispondi con il numero.", added by the engine for this channel's profile) last.
 */
function questionParts(
  text: string,
  choices: readonly Choice[],
  hint: string | undefined,
  before: string[] = [],
): Part[] {
  const groups = numberedGroups(choices);
  if (groups.length === 0) return [{ text: [...before, text].join("\n\n"), joins: true, ends: true }];
  return groups.map((group, i) => {
    const last = i === groups.length - 1;
    const blocks = [...(i === 0 ? [...before, text] : []), group.join("\n"), ...(last && hint ? [`_${hint}_`] : [])];
    // the first part may take texts said before it; a list's later parts stand alone
    return { text: blocks.join("\n\n"), joins: i === 0, ends: true };
  });
}

function partsOf(reply: Reply): Part[] {
  switch (reply.kind) {
    case "text":
      return [{ text: reply.text, joins: true, ends: false }];
    case "choices":
      return questionParts(reply.text, reply.choices, reply.hint);
    case "location_request":
      // no location button on WhatsApp: the engine says how to send one (`howToShare`)
      return reply.howToShare
        ? questionParts(`📍 ${reply.howToShare}`, reply.choices, reply.hint, [reply.text])
        : questionParts(reply.text, reply.choices, reply.hint);
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
export function renderWhatsApp(replies: readonly Reply[]): AnyMessageContent[] {
  const out: AnyMessageContent[] = [];
  let pending: string | undefined;
  let open = false; // whether the pending text may take more
  const flush = () => {
    if (pending === undefined) return;
    for (const part of splitLongText(pending)) out.push({ text: part });
    pending = undefined;
  };
  for (const reply of replies) {
    for (const part of partsOf(reply)) {
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
