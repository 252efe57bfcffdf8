import type {
  ForceReply,
  InlineKeyboardButton,
  InlineKeyboardMarkup,
  KeyboardButton,
  ReplyKeyboardMarkup,
  ReplyKeyboardRemove,
} from "grammy/types";
import { badRequest } from "./errors.js";

export type ReplyMarkup = InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove | ForceReply;

/** Inline button fields, each of which makes a button "not a text button". */
const INLINE_ACTIONS = [
  "url",
  "callback_data",
  "web_app",
  "login_url",
  "switch_inline_query",
  "switch_inline_query_current_chat",
  "switch_inline_query_chosen_chat",
  "copy_text",
  "callback_game",
  "pay",
] as const;

/**
 * Validates `reply_markup` the way Telegram does and returns a clean copy, or undefined when absent.
 * `inlineOnly` is for edit methods, which accept only inline keyboards.
 */
export function validateReplyMarkup(value: unknown, inlineOnly = false): ReplyMarkup | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw badRequest("can't parse reply keyboard markup JSON object");
  }
  const markup = value as Record<string, unknown>;
  if ("inline_keyboard" in markup) return { inline_keyboard: validateInlineKeyboard(markup.inline_keyboard) };
  if (inlineOnly) throw badRequest("inline keyboard expected");
  if ("keyboard" in markup) return validateReplyKeyboard(markup);
  if (markup.remove_keyboard === true) {
    return markup.selective === true ? { remove_keyboard: true, selective: true } : { remove_keyboard: true };
  }
  if (markup.force_reply === true) {
    const placeholder = optionalPlaceholder(markup.input_field_placeholder);
    return {
      force_reply: true,
      ...(placeholder === undefined ? {} : { input_field_placeholder: placeholder }),
      ...(markup.selective === true ? { selective: true } : {}),
    };
  }
  throw badRequest("can't parse reply keyboard markup JSON object");
}

function validateInlineKeyboard(rows: unknown): InlineKeyboardButton[][] {
  if (!Array.isArray(rows) || !rows.every(Array.isArray)) {
    throw badRequest('field "inline_keyboard" of the InlineKeyboardMarkup should be an Array of Arrays');
  }
  return (rows as unknown[][]).map((row) => row.map(validateInlineButton));
}

function validateInlineButton(value: unknown): InlineKeyboardButton {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw badRequest("can't parse inline keyboard button: InlineKeyboardButton must be an Object");
  }
  const button = value as Record<string, unknown>;
  if (typeof button.text !== "string") {
    throw badRequest('can\'t parse inline keyboard button: Field "text" must be of type String');
  }
  const action = INLINE_ACTIONS.find((key) => button[key] !== undefined && button[key] !== null);
  if (action === undefined) {
    throw badRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
  }
  if (action === "callback_data") {
    const data = button.callback_data;
    if (typeof data !== "string" || Buffer.byteLength(data, "utf8") < 1 || Buffer.byteLength(data, "utf8") > 64) {
      throw badRequest("BUTTON_DATA_INVALID");
    }
  }
  if (action === "url") {
    if (typeof button.url !== "string" || !isValidButtonUrl(button.url)) throw badRequest("BUTTON_URL_INVALID");
  }
  const clean: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(button)) if (v !== null && v !== undefined) clean[k] = v;
  return clean as unknown as InlineKeyboardButton;
}

function isValidButtonUrl(url: string): boolean {
  if (url === "") return false;
  try {
    const parsed = new URL(/^[a-z][a-z0-9+.-]*:/i.test(url) ? url : `http://${url}`);
    return ["http:", "https:", "tg:", "ton:"].includes(parsed.protocol);
  } catch {
    return false;
  }
}

function validateReplyKeyboard(markup: Record<string, unknown>): ReplyKeyboardMarkup {
  const rows = markup.keyboard;
  if (!Array.isArray(rows) || !rows.every(Array.isArray)) {
    throw badRequest('field "keyboard" of the ReplyKeyboardMarkup should be an Array of Arrays');
  }
  const keyboard = (rows as unknown[][]).map((row) =>
    row.map((button): KeyboardButton => {
      if (typeof button === "string") return { text: button };
      if (typeof button === "object" && button !== null && typeof (button as { text?: unknown }).text === "string") {
        return button as KeyboardButton;
      }
      throw badRequest('can\'t parse keyboard button: Field "text" must be of type String');
    }),
  );
  const placeholder = optionalPlaceholder(markup.input_field_placeholder);
  const result: ReplyKeyboardMarkup = { keyboard };
  for (const flag of ["is_persistent", "resize_keyboard", "one_time_keyboard", "selective"] as const) {
    if (markup[flag] === true) result[flag] = true;
  }
  if (placeholder !== undefined) result.input_field_placeholder = placeholder;
  return result;
}

function optionalPlaceholder(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string" || [...value].length > 64) throw badRequest("input field placeholder is too long");
  return value;
}

export function isInlineKeyboard(markup: ReplyMarkup | undefined): markup is InlineKeyboardMarkup {
  return markup !== undefined && "inline_keyboard" in markup;
}
