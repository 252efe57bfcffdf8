import type { Chat, Message } from "grammy/types";
import { badRequest } from "./errors.js";
import { optBool, optInt } from "./params.js";
import { isInlineKeyboard, type ReplyMarkup, validateReplyMarkup } from "./reply-markup.js";
import { botAsUser, type MethodContext } from "./state.js";

/** The content fields of a message the bot sends (text, document, location…). */
export type MessageContent = Partial<Omit<Message, "message_id" | "from" | "chat" | "date">>;

/** The chat a send method targets: `chat_id` resolved, blocked users refused. */
export function targetChat(ctx: MethodContext): Chat {
  const chat = ctx.state.chats.resolveWritable(ctx.params.chat_id);
  ctx.note.chatId = chat.id;
  return chat;
}

/**
 * Builds, stores and returns the Message for a send method, shaped like Telegram's: next message id of the chat,
 * the bot as `from`, the date, `reply_to_message` and the inline keyboard (reply keyboards are not echoed back).
 */
export function deliverBotMessage(ctx: MethodContext, chat: Chat, content: MessageContent): Message {
  const { state, params } = ctx;
  const markup: ReplyMarkup | undefined = validateReplyMarkup(params.reply_markup);
  const replyTo = repliedMessage(ctx, chat);
  const message = {
    message_id: state.chats.nextMessageId(chat.id),
    from: botAsUser(state.bot),
    chat,
    date: state.now(),
    ...(replyTo ? { reply_to_message: replyTo } : {}),
    ...content,
    ...(isInlineKeyboard(markup) ? { reply_markup: markup } : {}),
  } as Message;
  state.chats.save(message);
  ctx.note.message = message;
  return message;
}

function repliedMessage(ctx: MethodContext, chat: Chat): Message | undefined {
  const { params, state } = ctx;
  const replyParameters = params.reply_parameters as
    | { message_id?: unknown; allow_sending_without_reply?: unknown }
    | undefined;
  const messageId =
    typeof replyParameters?.message_id === "number"
      ? replyParameters.message_id
      : optInt(params, "reply_to_message_id");
  if (messageId === undefined) return undefined;
  const allowWithout =
    replyParameters?.allow_sending_without_reply === true || optBool(params, "allow_sending_without_reply");
  const replied = state.chats.message(chat.id, messageId);
  if (!replied) {
    if (allowWithout) return undefined;
    throw badRequest("message to be replied not found");
  }
  const { reply_to_message: _nested, ...withoutNested } = replied;
  return withoutNested as Message;
}
