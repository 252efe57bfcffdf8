import { createHash, randomBytes } from "node:crypto";
import type {
  CallbackQuery,
  Chat,
  Contact,
  InlineKeyboardButton,
  Message,
  PhotoSize,
  Sticker,
  Update,
  User,
  Voice,
} from "grammy/types";
import { detectEntities } from "./auto-entities.js";
import type { MessageContent } from "./outgoing-message.js";
import type { FakeState } from "./state.js";
import type { UpdatePayload } from "./update-queue.js";

/** Where and how a user message is sent. */
export interface UserMessageOptions {
  /** Defaults to the user's private chat with the bot. */
  chat?: Exclude<Chat, Chat.ChannelChat>;
  /** message_id (in the same chat) this message replies to. */
  replyTo?: number;
}

/** Picks an inline button: by exact label, by a pattern on the label, or by its callback_data. */
export type ButtonSelector = string | RegExp | { data: string };

/** The private chat of a user with the bot (its id is the user's id). */
export function privateChatOf(user: User): Chat.PrivateChat {
  return {
    id: user.id,
    type: "private",
    first_name: user.first_name,
    ...(user.last_name === undefined ? {} : { last_name: user.last_name }),
    ...(user.username === undefined ? {} : { username: user.username }),
  };
}

/** Builds the updates a Telegram client would cause; each stores the user's message like Telegram does. */
export class UserUpdates {
  constructor(private readonly state: FakeState) {}

  text(from: User, text: string, options: UserMessageOptions = {}): UpdatePayload {
    const entities = detectEntities(text);
    return { message: this.message(from, { text, ...(entities.length > 0 ? { entities } : {}) }, options) };
  }

  /** `/start p_123`: a text starting with a bot_command entity. In groups pass `mention: true` for `/start@bot`. */
  command(
    from: User,
    command: string,
    payload?: string,
    options: UserMessageOptions & { mention?: boolean } = {},
  ): UpdatePayload {
    const name = command.replace(/^\//, "");
    const head = `/${name}${options.mention ? `@${this.state.bot.username}` : ""}`;
    const text = payload === undefined || payload === "" ? head : `${head} ${payload}`;
    return this.text(from, text, options);
  }

  location(
    from: User,
    latitude: number,
    longitude: number,
    options: UserMessageOptions & { horizontalAccuracy?: number } = {},
  ): UpdatePayload {
    const location = {
      latitude,
      longitude,
      ...(options.horizontalAccuracy === undefined ? {} : { horizontal_accuracy: options.horizontalAccuracy }),
    };
    return { message: this.message(from, { location }, options) };
  }

  sticker(from: User, options: UserMessageOptions & { emoji?: string; setName?: string } = {}): UpdatePayload {
    const file = this.state.files.add("sticker", fakeBytes("RIFF\0\0\0\0WEBPVP8 "), { mimeType: "image/webp" });
    const thumb = this.state.files.add("photo", fakeJpeg(), { mimeType: "image/jpeg" });
    const sticker: Sticker = {
      file_id: file.file_id,
      file_unique_id: file.file_unique_id,
      type: "regular",
      width: 512,
      height: 512,
      is_animated: false,
      is_video: false,
      thumbnail: {
        file_id: thumb.file_id,
        file_unique_id: thumb.file_unique_id,
        width: 128,
        height: 128,
        file_size: thumb.bytes.length,
      },
      emoji: options.emoji ?? "👍",
      set_name: options.setName ?? "FakeTelegramStickers",
      file_size: file.bytes.length,
    };
    return { message: this.message(from, { sticker }, options) };
  }

  photo(from: User, options: UserMessageOptions & { caption?: string } = {}): UpdatePayload {
    const photo: PhotoSize[] = [
      [90, 68],
      [320, 240],
      [800, 600],
    ].map(([width = 0, height = 0]) => {
      const file = this.state.files.add("photo", fakeJpeg(`${width}x${height}`), { mimeType: "image/jpeg" });
      return {
        file_id: file.file_id,
        file_unique_id: file.file_unique_id,
        width,
        height,
        file_size: file.bytes.length,
      };
    });
    const caption = options.caption;
    const entities = caption === undefined ? [] : detectEntities(caption);
    return {
      message: this.message(
        from,
        {
          photo,
          ...(caption === undefined ? {} : { caption }),
          ...(entities.length > 0 ? { caption_entities: entities } : {}),
        },
        options,
      ),
    };
  }

  voice(from: User, options: UserMessageOptions & { duration?: number } = {}): UpdatePayload {
    const file = this.state.files.add("voice", fakeBytes("OggS\0\u0002"), { mimeType: "audio/ogg" });
    const voice: Voice = {
      file_id: file.file_id,
      file_unique_id: file.file_unique_id,
      duration: options.duration ?? 3,
      mime_type: "audio/ogg",
      file_size: file.bytes.length,
    };
    return { message: this.message(from, { voice }, options) };
  }

  /** Shares a contact; by default the user's own, as a `request_contact` button does (then user_id is set). */
  contact(from: User, contact: Partial<Contact> = {}, options: UserMessageOptions = {}): UpdatePayload {
    const full: Contact = {
      phone_number: contact.phone_number ?? `39333${String(from.id).padStart(7, "0").slice(-7)}`,
      first_name: contact.first_name ?? from.first_name,
      ...((contact.last_name ?? from.last_name) ? { last_name: contact.last_name ?? from.last_name } : {}),
      ...(contact.user_id !== undefined || contact.phone_number === undefined
        ? { user_id: contact.user_id ?? from.id }
        : {}),
      ...(contact.vcard === undefined ? {} : { vcard: contact.vcard }),
    };
    return { message: this.message(from, { contact: full }, options) };
  }

  /**
   * The user presses a callback button of a message the bot sent. Throws (a test error, not an API error) when the
   * message is missing, is not the bot's, has no inline keyboard, or no callback button matches.
   */
  callbackQuery(from: User, target: { chatId?: number; messageId: number; button: ButtonSelector }): UpdatePayload {
    const chatId = target.chatId ?? from.id;
    const message = this.state.chats.message(chatId, target.messageId);
    if (!message) throw new Error(`Cannot press a button: there is no message ${target.messageId} in chat ${chatId}`);
    if (message.from?.id !== this.state.bot.id) {
      throw new Error(`Cannot press a button: message ${target.messageId} in chat ${chatId} was not sent by the bot`);
    }
    const button = findButton(message, target.button);
    if (!button) {
      throw new Error(
        `No button ${describeSelector(target.button)} in message ${message.message_id} (${JSON.stringify(message.text ?? message.caption ?? "")}); buttons: ${describeButtons(message)}`,
      );
    }
    if (!("callback_data" in button) && !("callback_game" in button)) {
      throw new Error(
        `Button ${JSON.stringify(button.text)} is not a callback button (${buttonKind(button)}): pressing it sends no update`,
      );
    }
    const query: CallbackQuery = {
      id: randomBytes(8).readBigUInt64BE().toString(),
      from,
      message: structuredClone(message),
      chat_instance: chatInstance(this.state.bot.id, chatId),
      ...("callback_data" in button ? { data: button.callback_data } : { game_short_name: "game" }),
    };
    this.state.callbackQueries.set(query.id, { query, answered: false });
    return { callback_query: query };
  }

  private message(from: User, content: MessageContent, options: UserMessageOptions): Message & Update.NonChannel {
    const chat = options.chat ?? privateChatOf(from);
    this.state.chats.remember(chat);
    const replied = options.replyTo === undefined ? undefined : this.state.chats.message(chat.id, options.replyTo);
    if (options.replyTo !== undefined && !replied)
      throw new Error(`No message ${options.replyTo} in chat ${chat.id} to reply to`);
    const message = {
      message_id: this.state.chats.nextMessageId(chat.id),
      from,
      chat,
      date: this.state.now(),
      ...(replied ? { reply_to_message: withoutReply(replied) } : {}),
      ...content,
    } as Message & Update.NonChannel;
    this.state.chats.save(message);
    return message;
  }
}

export function inlineButtons(message: Message): InlineKeyboardButton[] {
  return message.reply_markup?.inline_keyboard.flat() ?? [];
}

export function findButton(message: Message, selector: ButtonSelector): InlineKeyboardButton | undefined {
  return inlineButtons(message).find((b) =>
    typeof selector === "string"
      ? b.text === selector
      : selector instanceof RegExp
        ? selector.test(b.text)
        : "callback_data" in b && b.callback_data === selector.data,
  );
}

export function describeButtons(message: Message): string {
  const buttons = inlineButtons(message);
  if (buttons.length === 0) return "(none)";
  return buttons.map((b) => `${JSON.stringify(b.text)} [${buttonKind(b)}]`).join(", ");
}

export function describeSelector(selector: ButtonSelector): string {
  if (typeof selector === "string") return JSON.stringify(selector);
  if (selector instanceof RegExp) return String(selector);
  return `with callback_data ${JSON.stringify(selector.data)}`;
}

function buttonKind(button: InlineKeyboardButton): string {
  if ("callback_data" in button) return `callback_data ${JSON.stringify(button.callback_data)}`;
  if ("url" in button) return `url ${button.url}`;
  return Object.keys(button).find((k) => k !== "text") ?? "text";
}

function withoutReply(message: Message): Message {
  const { reply_to_message: _nested, ...rest } = message;
  return rest as Message;
}

/** Telegram's chat_instance: a stable signed 64-bit number per bot and chat. */
function chatInstance(botId: number, chatId: number): string {
  return createHash("sha256").update(`${botId}:${chatId}`).digest().readBigInt64BE().toString();
}

function fakeBytes(header: string): Buffer {
  return Buffer.concat([Buffer.from(header, "latin1"), randomBytes(32)]);
}

function fakeJpeg(label = ""): Buffer {
  return Buffer.concat([
    Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
    Buffer.from(label),
    randomBytes(32),
    Buffer.from([0xff, 0xd9]),
  ]);
}
