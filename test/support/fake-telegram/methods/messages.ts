import type { Message } from "grammy/types";
import { badRequest } from "../errors.js";
import { formatOutgoingText, MESSAGE_TEXT } from "../message-text.js";
import { deliverBotMessage, targetChat } from "../outgoing-message.js";
import { optBool, optInt, optString, reqString } from "../params.js";
import { validateReplyMarkup } from "../reply-markup.js";
import type { MethodContext, MethodHandler } from "../state.js";

const CHAT_ACTIONS = new Set([
  "typing",
  "upload_photo",
  "record_video",
  "upload_video",
  "record_voice",
  "upload_voice",
  "upload_document",
  "choose_sticker",
  "find_location",
  "record_video_note",
  "upload_video_note",
]);

const NOT_MODIFIED =
  "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message";

/** sendMessage, editMessageText, editMessageReplyMarkup, deleteMessage and sendChatAction. */
export const messageMethods: Record<string, MethodHandler> = {
  sendMessage: (ctx) => {
    const chat = targetChat(ctx);
    const { text, entities } = formatOutgoingText(
      optString(ctx.params, "text") ?? "",
      optString(ctx.params, "parse_mode"),
      ctx.params.entities,
      MESSAGE_TEXT,
    );
    return deliverBotMessage(ctx, chat, {
      text,
      ...(entities.length > 0 ? { entities } : {}),
      ...linkPreview(ctx),
    });
  },

  editMessageText: (ctx) => {
    const current = editableMessage(ctx);
    if (current.text === undefined) throw badRequest("there is no text in the message to edit");
    const { text, entities } = formatOutgoingText(
      optString(ctx.params, "text") ?? "",
      optString(ctx.params, "parse_mode"),
      ctx.params.entities,
      MESSAGE_TEXT,
    );
    // Like Telegram: an edit without reply_markup removes the inline keyboard.
    const markup = validateReplyMarkup(ctx.params.reply_markup, true);
    const { entities: _e, reply_markup: _m, ...rest } = current;
    const edited = {
      ...rest,
      text,
      ...(entities.length > 0 ? { entities } : {}),
      ...(markup ? { reply_markup: markup } : {}),
    } as Message;
    return saveEdit(ctx, current, edited);
  },

  editMessageReplyMarkup: (ctx) => {
    const current = editableMessage(ctx);
    const markup = validateReplyMarkup(ctx.params.reply_markup, true);
    const { reply_markup: _m, ...rest } = current;
    const edited = { ...rest, ...(markup ? { reply_markup: markup } : {}) } as Message;
    return saveEdit(ctx, current, edited);
  },

  deleteMessage: (ctx) => {
    const chat = ctx.state.chats.resolve(ctx.params.chat_id);
    ctx.note.chatId = chat.id;
    const messageId = optInt(ctx.params, "message_id");
    if (messageId === undefined) throw badRequest("message identifier is not specified");
    if (!ctx.state.chats.delete(chat.id, messageId)) throw badRequest("message to delete not found");
    return true;
  },

  sendChatAction: (ctx) => {
    targetChat(ctx);
    const action = reqString(ctx.params, "action", "action is empty");
    if (!CHAT_ACTIONS.has(action)) throw badRequest("wrong parameter action in request");
    return true;
  },
};

function linkPreview(ctx: MethodContext): Partial<Message> {
  const options = ctx.params.link_preview_options;
  if (typeof options === "object" && options !== null) return { link_preview_options: options };
  if (optBool(ctx.params, "disable_web_page_preview")) return { link_preview_options: { is_disabled: true } };
  return {};
}

/** The bot message an edit method names by chat_id and message_id. */
function editableMessage(ctx: MethodContext): Message {
  if (ctx.params.inline_message_id !== undefined) throw badRequest("MESSAGE_ID_INVALID"); // no inline mode here
  const chat = targetChat(ctx);
  const messageId = optInt(ctx.params, "message_id");
  if (messageId === undefined) throw badRequest("message identifier is not specified");
  const message = ctx.state.chats.message(chat.id, messageId);
  if (!message) throw badRequest("message to edit not found");
  if (message.from?.id !== ctx.state.bot.id) throw badRequest("message can't be edited");
  return message;
}

function saveEdit(ctx: MethodContext, current: Message, edited: Message): Message {
  const { edit_date: _a, ...before } = current;
  const { edit_date: _b, ...after } = edited;
  if (stableJson(before) === stableJson(after)) throw badRequest(NOT_MODIFIED);
  const saved = { ...after, edit_date: ctx.state.now() } as Message;
  ctx.state.chats.save(saved);
  ctx.note.message = saved;
  return saved;
}

/** JSON with object keys sorted, so that equal content compares equal whatever the key order. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === "object" && v !== null && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}
