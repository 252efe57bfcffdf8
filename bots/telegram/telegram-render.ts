import { type Api, InputFile } from "grammy";
import type { InlineKeyboardButton, KeyboardButton } from "grammy/types";
import type { Choice, Reply } from "../../core/conversation/reply.js";

const MAX_TEXT = 4_096;
const MAX_CALLBACK_BYTES = 64;

/** Numbered labels; short ones (times, days) share a row, long ones get their own. */
export function inlineKeyboard(choices: readonly Choice[]): InlineKeyboardButton[][] {
  // numbered before anything is dropped: the number typed must be the engine's
  const buttons = choices
    .map((c, i) => ({ text: `${i + 1}. ${c.label}`, callback_data: c.id }))
    .filter((b) => Buffer.byteLength(b.callback_data) <= MAX_CALLBACK_BYTES);
  const perRow = buttons.every((b) => b.text.length <= 12) ? 3 : buttons.every((b) => b.text.length <= 20) ? 2 : 1;
  const rows: InlineKeyboardButton[][] = [];
  for (let i = 0; i < buttons.length; i += perRow) rows.push(buttons.slice(i, i + perRow));
  return rows;
}

/** Splits a text Telegram would refuse (over 4096 characters) at paragraph or line ends. */
export function splitText(text: string): string[] {
  const parts: string[] = [];
  let rest = text.trim() || "…";
  while ([...rest].length > MAX_TEXT) {
    const window = rest.slice(0, MAX_TEXT);
    // a paragraph end if there is one in the second half, else a line end, else anywhere
    const paragraph = window.lastIndexOf("\n\n");
    const line = window.lastIndexOf("\n");
    const cut = paragraph > MAX_TEXT / 2 ? paragraph : line > MAX_TEXT / 2 ? line : MAX_TEXT;
    parts.push(rest.slice(0, cut).trim());
    rest = rest.slice(cut).trim();
  }
  parts.push(rest);
  return parts;
}

export interface RenderContext {
  api: Api;
  chatId: number;
  /** The message whose button was pressed: edited when the reply asks for it. */
  pressedMessageId?: number;
  /** Whether a reply keyboard (location request) may still be on screen. */
  replyKeyboardShown: boolean;
  /** Receives the id of every message sent (pushed messages keep the first as the provider id). */
  sentMessageIds?: number[];
}

/**
 * Joins plain texts to the question that follows them ("Grazie! ✅" + "Cosa vuoi fare?"): one
 * message instead of two, less noise in the chat and fewer Bot API calls. Not when the text must
 * remove a location keyboard, nor when it would make the message too long.
 */
export function mergeTextsIntoQuestions(replies: readonly Reply[], keyboardShown: boolean): Reply[] {
  const merged: Reply[] = [];
  let pending: string[] = [];
  const flush = () => {
    for (const text of pending) merged.push({ kind: "text", text });
    pending = [];
  };
  for (const reply of replies) {
    if (reply.kind === "text" && !(keyboardShown && merged.length === 0 && pending.length === 0)) {
      pending.push(reply.text);
      continue;
    }
    if (reply.kind === "choices" && pending.length > 0) {
      const text = [...pending, reply.text].join("\n\n");
      if ([...text].length <= MAX_TEXT && !reply.edit) {
        merged.push({ ...reply, text });
        pending = [];
        continue;
      }
    }
    flush();
    merged.push(reply);
  }
  flush();
  return merged;
}

/**
 * Sends the engine's replies as Telegram messages, in order. Returns whether a reply keyboard is
 * left on screen (so the next batch can remove it).
 */
export async function renderReplies(input: readonly Reply[], ctx: RenderContext): Promise<boolean> {
  const replies = mergeTextsIntoQuestions(input, ctx.replyKeyboardShown);
  const { chatId } = ctx;
  const api = ctx.sentMessageIds ? recordingApi(ctx.api, ctx.sentMessageIds) : ctx.api;
  let keyboardShown = ctx.replyKeyboardShown;
  const removeKeyboard = () => {
    if (!keyboardShown) return {};
    keyboardShown = false;
    return { reply_markup: { remove_keyboard: true as const } };
  };
  for (const reply of replies) {
    switch (reply.kind) {
      case "text":
        for (const part of splitText(reply.text)) await api.sendMessage(chatId, part, removeKeyboard());
        break;
      case "choices": {
        const keyboard = { inline_keyboard: inlineKeyboard(reply.choices) };
        const parts = splitText(reply.text);
        const question = parts.pop() ?? "…";
        if (reply.edit && ctx.pressedMessageId !== undefined && parts.length === 0 && !keyboardShown) {
          const edited = await api
            .editMessageText(chatId, ctx.pressedMessageId, question, { reply_markup: keyboard })
            .then(() => true)
            .catch(() => false);
          if (edited) break;
        }
        // A reply keyboard can only be removed by a message without inline buttons: the text
        // before the question carries the removal when there is one.
        if (keyboardShown) {
          const paragraphs = question.split("\n\n");
          const last = paragraphs.pop() ?? question;
          if (paragraphs.length > 0) parts.push(paragraphs.join("\n\n"));
          for (const part of parts) await api.sendMessage(chatId, part, removeKeyboard());
          await api.sendMessage(chatId, last, { reply_markup: keyboard });
        } else {
          for (const part of parts) await api.sendMessage(chatId, part);
          await api.sendMessage(chatId, question, { reply_markup: keyboard });
        }
        break;
      }
      case "location_request": {
        const rows: KeyboardButton[][] = [
          [{ text: reply.label, request_location: true }],
          ...reply.choices.map((c) => [{ text: c.label }]),
        ];
        await api.sendMessage(chatId, reply.text, {
          reply_markup: {
            keyboard: rows,
            resize_keyboard: true,
            one_time_keyboard: true,
            input_field_placeholder: "Torino, 10121…",
          },
        });
        keyboardShown = true;
        break;
      }
      case "venue":
        await api.sendVenue(chatId, reply.lat, reply.lon, reply.title.slice(0, 256), reply.address.slice(0, 256));
        break;
      case "file":
        await api.sendDocument(chatId, new InputFile(Buffer.from(reply.content, "utf8"), reply.filename), {
          caption: reply.caption.slice(0, 1_024),
        });
        break;
    }
  }
  return keyboardShown;
}

/** The same API, noting the id of each message it sends. */
function recordingApi(api: Api, ids: number[]): Api {
  const note = <T extends { message_id: number }>(message: T): T => {
    ids.push(message.message_id);
    return message;
  };
  return {
    sendMessage: (...args: Parameters<Api["sendMessage"]>) => api.sendMessage(...args).then(note),
    sendVenue: (...args: Parameters<Api["sendVenue"]>) => api.sendVenue(...args).then(note),
    sendDocument: (...args: Parameters<Api["sendDocument"]>) => api.sendDocument(...args).then(note),
    editMessageText: (...args: Parameters<Api["editMessageText"]>) => api.editMessageText(...args),
  } as unknown as Api;
}
