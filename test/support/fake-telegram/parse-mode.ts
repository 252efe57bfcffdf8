import type { MessageEntity } from "grammy/types";
import { badRequest } from "./errors.js";

/** Text with its entities; offsets and lengths in UTF-16 code units, as in the Bot API. */
export interface FormattedText {
  text: string;
  entities: MessageEntity[];
}

/** Applies `parse_mode` (HTML, MarkdownV2 or legacy Markdown) like Telegram does, or returns the text as is. */
export function applyParseMode(source: string, parseMode: string | undefined): FormattedText {
  if (parseMode === undefined || parseMode === "") return { text: source, entities: [] };
  switch (parseMode.toLowerCase()) {
    case "html":
      return parseHtml(source);
    case "markdownv2":
      return parseMarkdownV2(source);
    case "markdown":
      return parseMarkdown(source);
    default:
      throw badRequest("unsupported parse_mode");
  }
}

function cantParse(what: string): Error {
  return badRequest(`can't parse entities: ${what}`);
}

function byteOffset(source: string, index: number): number {
  return Buffer.byteLength(source.slice(0, index), "utf8");
}

export function sortEntities(entities: MessageEntity[]): MessageEntity[] {
  return entities
    .filter((e) => e.length > 0)
    .sort((a, b) => a.offset - b.offset || b.length - a.length || a.type.localeCompare(b.type));
}

function simpleEntity(type: MessageEntity.CommonMessageEntity["type"], offset: number, length: number): MessageEntity {
  return { type, offset, length };
}

/** Telegram normalises link targets: a bare host gets `http://`, a URL without path gets `/`. */
function normaliseUrl(href: string): string {
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(href) ? href : `http://${href}`;
  try {
    return new URL(withScheme).toString();
  } catch {
    return withScheme;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// HTML

const HTML_TAGS = new Set([
  "b",
  "strong",
  "i",
  "em",
  "u",
  "ins",
  "s",
  "strike",
  "del",
  "span",
  "tg-spoiler",
  "a",
  "code",
  "pre",
  "blockquote",
  "tg-emoji",
]);

const NAMED_HTML_ENTITIES: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"' };

interface OpenTag {
  tag: string;
  offset: number;
  attrs: Map<string, string>;
  /** For <pre>: language set by a nested <code class="language-…">. */
  language?: string;
}

function parseHtml(source: string): FormattedText {
  let text = "";
  const entities: MessageEntity[] = [];
  const stack: OpenTag[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    if (c === "<") {
      const close = source.indexOf(">", i);
      if (close < 0) throw cantParse(`Unclosed start tag at byte offset ${byteOffset(source, i)}`);
      const inner = source.slice(i + 1, close);
      if (inner.startsWith("/")) {
        const name = inner.slice(1).trim().toLowerCase();
        const open = stack.pop();
        if (open === undefined) throw cantParse(`Unexpected end tag at byte offset ${byteOffset(source, i)}`);
        if (name !== "" && name !== open.tag) {
          throw cantParse(
            `Unmatched end tag at byte offset ${byteOffset(source, i)}, expected "</${open.tag}>", found "</${name}>"`,
          );
        }
        closeHtmlTag(open, text.length, stack, entities);
      } else {
        const match = /^([a-zA-Z][a-zA-Z0-9-]*)/.exec(inner);
        const name = match?.[1]?.toLowerCase();
        if (name === undefined || !HTML_TAGS.has(name)) {
          throw cantParse(`Unsupported start tag "${name ?? inner}" at byte offset ${byteOffset(source, i)}`);
        }
        const attrs = parseAttributes(inner.slice(name.length));
        if (name === "span" && attrs.get("class") !== "tg-spoiler") {
          throw cantParse(`Tag "span" must have class "tg-spoiler" at byte offset ${byteOffset(source, i)}`);
        }
        if (name === "tg-emoji" && !attrs.has("emoji-id")) {
          throw cantParse(`Tag "tg-emoji" must have attribute "emoji-id" at byte offset ${byteOffset(source, i)}`);
        }
        stack.push({ tag: name, offset: text.length, attrs });
      }
      i = close + 1;
      continue;
    }
    if (c === "&") {
      const decoded = decodeHtmlEntity(source, i);
      if (decoded) {
        text += decoded.value;
        i += decoded.consumed;
        continue;
      }
    }
    text += c;
    i++;
  }
  const unclosed = stack.at(-1);
  if (unclosed) throw cantParse(`Can't find end tag corresponding to start tag "${unclosed.tag}"`);
  return { text, entities: sortEntities(entities) };
}

function closeHtmlTag(open: OpenTag, end: number, stack: OpenTag[], entities: MessageEntity[]): void {
  const offset = open.offset;
  const length = end - offset;
  switch (open.tag) {
    case "b":
    case "strong":
      entities.push(simpleEntity("bold", offset, length));
      return;
    case "i":
    case "em":
      entities.push(simpleEntity("italic", offset, length));
      return;
    case "u":
    case "ins":
      entities.push(simpleEntity("underline", offset, length));
      return;
    case "s":
    case "strike":
    case "del":
      entities.push(simpleEntity("strikethrough", offset, length));
      return;
    case "span":
    case "tg-spoiler":
      entities.push(simpleEntity("spoiler", offset, length));
      return;
    case "a": {
      const href = open.attrs.get("href");
      if (href !== undefined && href !== "")
        entities.push({ type: "text_link", offset, length, url: normaliseUrl(href) });
      return;
    }
    case "code": {
      const parent = stack.at(-1);
      const language = /^language-(.+)$/.exec(open.attrs.get("class") ?? "")?.[1];
      if (parent?.tag === "pre" && parent.offset === offset) {
        if (language !== undefined) parent.language = language;
        return; // <pre><code> is one pre entity
      }
      entities.push(simpleEntity("code", offset, length));
      return;
    }
    case "pre":
      entities.push(
        open.language === undefined
          ? { type: "pre", offset, length }
          : { type: "pre", offset, length, language: open.language },
      );
      return;
    case "blockquote":
      entities.push(
        simpleEntity(open.attrs.has("expandable") ? "expandable_blockquote" : "blockquote", offset, length),
      );
      return;
    case "tg-emoji":
      entities.push({ type: "custom_emoji", offset, length, custom_emoji_id: open.attrs.get("emoji-id") ?? "" });
      return;
  }
}

function parseAttributes(source: string): Map<string, string> {
  const attrs = new Map<string, string>();
  const re = /([a-zA-Z_:][a-zA-Z0-9_.:-]*)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
  for (const m of source.matchAll(re)) {
    const name = (m[1] ?? "").toLowerCase();
    const value = m[2] ?? m[3] ?? m[4] ?? "";
    attrs.set(name, decodeHtmlEntities(value));
  }
  return attrs;
}

function decodeHtmlEntity(source: string, at: number): { value: string; consumed: number } | undefined {
  const m = /^&(#[0-9]{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]+);/.exec(source.slice(at, at + 12));
  if (!m?.[1]) return undefined;
  const body = m[1];
  if (body.startsWith("#")) {
    const code =
      body[1] === "x" || body[1] === "X" ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10);
    if (!Number.isFinite(code) || code > 0x10ffff) return undefined;
    return { value: String.fromCodePoint(code), consumed: m[0].length };
  }
  const named = NAMED_HTML_ENTITIES[body.toLowerCase()];
  return named === undefined ? undefined : { value: named, consumed: m[0].length };
}

function decodeHtmlEntities(value: string): string {
  let out = "";
  for (let i = 0; i < value.length; ) {
    const decoded = value[i] === "&" ? decodeHtmlEntity(value, i) : undefined;
    if (decoded) {
      out += decoded.value;
      i += decoded.consumed;
    } else {
      out += value[i];
      i++;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// MarkdownV2

const MDV2_RESERVED = new Set("_*[]()~`>#+-=|{}.!");

type Mdv2Kind = "bold" | "italic" | "underline" | "strikethrough" | "spoiler" | "text_link";

const MDV2_NAMES: Record<Mdv2Kind | "code" | "pre", string> = {
  bold: "Bold",
  italic: "Italic",
  underline: "Underline",
  strikethrough: "Strikethrough",
  spoiler: "Spoiler",
  text_link: "TextUrl",
  code: "Code",
  pre: "Pre",
};

interface Mdv2Open {
  kind: Mdv2Kind;
  offset: number;
  sourceIndex: number;
}

function parseMarkdownV2(source: string): FormattedText {
  let text = "";
  const entities: MessageEntity[] = [];
  const stack: Mdv2Open[] = [];
  let quoteStart: number | undefined;
  let i = 0;

  const toggle = (kind: Mdv2Kind, width: number) => {
    const at = stack.findIndex((o) => o.kind === kind);
    if (at >= 0) {
      const [open] = stack.splice(at, 1);
      if (open)
        entities.push(
          simpleEntity(kind as MessageEntity.CommonMessageEntity["type"], open.offset, text.length - open.offset),
        );
    } else {
      stack.push({ kind, offset: text.length, sourceIndex: i });
    }
    i += width;
  };

  while (i < source.length) {
    const c = source[i] ?? "";
    const atLineStart = i === 0 || source[i - 1] === "\n";
    if (atLineStart) {
      if (c === ">") {
        quoteStart ??= text.length;
        i++;
        continue;
      }
      if (quoteStart !== undefined) {
        // The previous line ended the quote (its "\n" was already copied); the quote excludes that newline.
        entities.push(simpleEntity("blockquote", quoteStart, text.length - 1 - quoteStart));
        quoteStart = undefined;
      }
    }
    if (c === "\\") {
      const next = source[i + 1];
      if (next !== undefined && next.charCodeAt(0) >= 1 && next.charCodeAt(0) <= 126) {
        text += next;
        i += 2;
        continue;
      }
      throw reservedV2(c);
    }
    if (c === "`") {
      const block = source.startsWith("```", i);
      const start = i;
      i += block ? 3 : 1;
      let language: string | undefined;
      if (block) {
        const newline = source.indexOf("\n", i);
        const firstLine = newline < 0 ? "" : source.slice(i, newline);
        if (newline >= 0 && /^[^\s`]*$/.test(firstLine)) {
          if (firstLine !== "") language = firstLine;
          i = newline + 1;
        }
      }
      const offset = text.length;
      let closed = false;
      while (i < source.length) {
        if (source[i] === "\\" && (source[i + 1] === "`" || source[i + 1] === "\\")) {
          text += source[i + 1];
          i += 2;
          continue;
        }
        if (block ? source.startsWith("```", i) : source[i] === "`") {
          i += block ? 3 : 1;
          closed = true;
          break;
        }
        text += source[i];
        i++;
      }
      if (!closed)
        throw cantParse(
          `Can't find end of ${MDV2_NAMES[block ? "pre" : "code"]} entity at byte offset ${byteOffset(source, start)}`,
        );
      if (block) {
        entities.push(
          language === undefined
            ? { type: "pre", offset, length: text.length - offset }
            : { type: "pre", offset, length: text.length - offset, language },
        );
      } else {
        entities.push(simpleEntity("code", offset, text.length - offset));
      }
      continue;
    }
    if (c === "*") {
      toggle("bold", 1);
      continue;
    }
    if (c === "_") {
      if (source[i + 1] === "_") toggle("underline", 2);
      else toggle("italic", 1);
      continue;
    }
    if (c === "~") {
      toggle("strikethrough", 1);
      continue;
    }
    if (c === "|" && source[i + 1] === "|") {
      toggle("spoiler", 2);
      continue;
    }
    if (c === "[") {
      stack.push({ kind: "text_link", offset: text.length, sourceIndex: i });
      i++;
      continue;
    }
    if (c === "]") {
      const at = stack.map((o) => o.kind).lastIndexOf("text_link");
      if (at < 0 || source[i + 1] !== "(") throw reservedV2(c);
      const [open] = stack.splice(at, 1);
      let url = "";
      let j = i + 2;
      while (j < source.length && source[j] !== ")") {
        if (source[j] === "\\" && j + 1 < source.length) j++;
        url += source[j];
        j++;
      }
      if (j >= source.length) throw cantParse(`Can't find end of a url at byte offset ${byteOffset(source, i + 2)}`);
      if (open && url !== "") {
        entities.push({
          type: "text_link",
          offset: open.offset,
          length: text.length - open.offset,
          url: normaliseUrl(url),
        });
      }
      i = j + 1;
      continue;
    }
    if (MDV2_RESERVED.has(c)) throw reservedV2(c);
    text += c;
    i++;
  }
  if (quoteStart !== undefined) entities.push(simpleEntity("blockquote", quoteStart, text.length - quoteStart));
  const open = stack[0];
  if (open) {
    throw cantParse(
      `Can't find end of ${MDV2_NAMES[open.kind]} entity at byte offset ${byteOffset(source, open.sourceIndex)}`,
    );
  }
  return { text, entities: sortEntities(entities) };
}

function reservedV2(c: string): Error {
  return cantParse(`Character '${c}' is reserved and must be escaped with the preceding '\\'`);
}

// ---------------------------------------------------------------------------------------------------------------
// Legacy Markdown

function parseMarkdown(source: string): FormattedText {
  let text = "";
  const entities: MessageEntity[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i] ?? "";
    if (c === "\\" && "_*`[".includes(source[i + 1] ?? "")) {
      text += source[i + 1];
      i += 2;
      continue;
    }
    if (c !== "*" && c !== "_" && c !== "`" && c !== "[") {
      text += c;
      i++;
      continue;
    }
    const start = i;
    const offset = text.length;
    if (c === "[") {
      const close = source.indexOf("]", i + 1);
      const urlEnd = close < 0 ? -1 : source.indexOf(")", close);
      if (close < 0 || source[close + 1] !== "(" || urlEnd < 0) {
        throw cantParse(`Can't find end of the entity starting at byte offset ${byteOffset(source, start)}`);
      }
      text += source.slice(i + 1, close);
      const url = source.slice(close + 2, urlEnd);
      if (url !== "")
        entities.push({ type: "text_link", offset, length: text.length - offset, url: normaliseUrl(url) });
      i = urlEnd + 1;
      continue;
    }
    const fence = c === "`" && source.startsWith("```", i) ? "```" : c;
    const end = source.indexOf(fence, i + fence.length);
    if (end < 0) throw cantParse(`Can't find end of the entity starting at byte offset ${byteOffset(source, start)}`);
    let inner = source.slice(i + fence.length, end);
    let language: string | undefined;
    if (fence === "```") {
      const newline = inner.indexOf("\n");
      if (newline >= 0 && /^[^\s`]+$/.test(inner.slice(0, newline))) {
        language = inner.slice(0, newline);
        inner = inner.slice(newline + 1);
      }
    }
    text += inner;
    const length = text.length - offset;
    if (fence === "```") {
      entities.push(
        language === undefined ? { type: "pre", offset, length } : { type: "pre", offset, length, language },
      );
    } else {
      entities.push(simpleEntity(c === "*" ? "bold" : c === "_" ? "italic" : "code", offset, length));
    }
    i = end + fence.length;
  }
  return { text, entities: sortEntities(entities) };
}
