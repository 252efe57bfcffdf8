import type { MessageEntity } from "grammy/types";
import { detectEntities } from "./auto-entities.js";
import { badRequest } from "./errors.js";
import { applyParseMode, type FormattedText, sortEntities } from "./parse-mode.js";

export interface TextRules {
  /** Maximum length in Unicode code points after entity parsing (4096 for text, 1024 for captions). */
  maxLength: number;
  /** Error for an empty result, or undefined when empty is allowed (captions). */
  emptyError?: string;
  tooLongError: string;
}

export const MESSAGE_TEXT: TextRules = {
  maxLength: 4096,
  emptyError: "message text is empty",
  tooLongError: "message is too long",
};

export const CAPTION: TextRules = { maxLength: 1024, tooLongError: "message caption is too long" };

/**
 * What Telegram does to the text of an outgoing message: applies `parse_mode` (or takes explicit `entities`),
 * strips leading and trailing whitespace, adds the entities it detects by itself (commands, URLs, mentions…),
 * and enforces the length limits, counted in characters after entity parsing.
 */
export function formatOutgoingText(
  source: string,
  parseMode: string | undefined,
  explicitEntities: unknown,
  rules: TextRules,
): FormattedText {
  const parsed =
    parseMode === undefined || parseMode === ""
      ? { text: source, entities: validateEntities(explicitEntities, source) }
      : applyParseMode(source, parseMode);
  const trimmed = trimFormatted(parsed);
  if (trimmed.text === "" && rules.emptyError !== undefined) throw badRequest(rules.emptyError);
  if ([...trimmed.text].length > rules.maxLength) throw badRequest(rules.tooLongError);
  const noDetection = new Set(["code", "pre", "text_link", "url", "email", "text_mention"]);
  const blocked = trimmed.entities.filter((e) => noDetection.has(e.type));
  const detected = detectEntities(trimmed.text).filter(
    (d) => !blocked.some((e) => d.offset < e.offset + e.length && e.offset < d.offset + d.length),
  );
  return { text: trimmed.text, entities: sortEntities([...trimmed.entities, ...detected]) };
}

function validateEntities(value: unknown, text: string): MessageEntity[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw badRequest("can't parse entities JSON object");
  return value.map((e: unknown) => {
    const entity = e as Partial<MessageEntity> | null;
    if (typeof entity?.type !== "string" || typeof entity.offset !== "number" || typeof entity.length !== "number") {
      throw badRequest('can\'t parse MessageEntity: Field "type" must be of type String');
    }
    if (entity.offset < 0 || entity.length < 0 || entity.offset + entity.length > text.length) {
      throw badRequest("entity beginning is out of bounds");
    }
    return entity as MessageEntity;
  });
}

/** Strips leading/trailing whitespace and moves or clips the entities accordingly. */
export function trimFormatted({ text, entities }: FormattedText): FormattedText {
  const start = text.length - text.trimStart().length;
  const trimmed = text.trim();
  const end = start + trimmed.length;
  const moved = entities
    .map((e) => {
      const from = Math.max(e.offset, start);
      const to = Math.min(e.offset + e.length, end);
      return { ...e, offset: from - start, length: to - from };
    })
    .filter((e) => e.length > 0);
  return { text: trimmed, entities: moved };
}
