import type { MessageEntity } from "grammy/types";

/**
 * Entities Telegram finds in any message text by itself: bot commands, @mentions, #hashtags, e-mail addresses and
 * URLs with an explicit scheme or `www.` (bare domains such as `example.com` are not detected here; Telegram checks
 * them against its list of top-level domains).
 */
export function detectEntities(text: string): MessageEntity[] {
  const found: MessageEntity[] = [];
  const add = (type: MessageEntity.CommonMessageEntity["type"], offset: number, length: number) => {
    if (!found.some((e) => offset < e.offset + e.length && e.offset < offset + length)) {
      found.push({ type, offset, length });
    }
  };
  for (const m of text.matchAll(/(?:https?:\/\/|www\.)[^\s<>"]+/gi)) {
    const url = m[0].replace(/[.,;:!?'")\]]+$/, "");
    if (isWordStart(text, m.index)) add("url", m.index, url.length);
  }
  for (const m of text.matchAll(/[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g)) {
    if (isWordStart(text, m.index)) add("email", m.index, m[0].length);
  }
  for (const m of text.matchAll(/\/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?/g)) {
    if (isWordStart(text, m.index) && isWordEnd(text, m.index + m[0].length)) add("bot_command", m.index, m[0].length);
  }
  for (const m of text.matchAll(/@[A-Za-z0-9_]{4,32}/g)) {
    if (isWordStart(text, m.index) && isWordEnd(text, m.index + m[0].length)) add("mention", m.index, m[0].length);
  }
  for (const m of text.matchAll(/#[\p{L}\p{N}_]*\p{L}[\p{L}\p{N}_]*/gu)) {
    if (isWordStart(text, m.index)) add("hashtag", m.index, m[0].length);
  }
  return found;
}

function isWordStart(text: string, index: number): boolean {
  return index === 0 || !/[\p{L}\p{N}_/@#.]/u.test(text[index - 1] ?? "");
}

function isWordEnd(text: string, index: number): boolean {
  return index >= text.length || !/[\p{L}\p{N}_/@]/u.test(text[index] ?? "");
}
