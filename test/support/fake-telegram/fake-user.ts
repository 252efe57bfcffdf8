import type { Chat, Contact, KeyboardButton, Message, ReplyKeyboardMarkup, Update, User } from "grammy/types";
import type { RecordedCall } from "./call-log.js";
import type { FakeTelegram } from "./fake-telegram.js";
import { type ButtonSelector, describeButtons, describeSelector, privateChatOf } from "./user-updates.js";

export interface FakeUserProfile {
  id: number;
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
  is_premium?: true;
}

/** Bot calls that show up in a chat: what {@link FakeUser.waitForReplies} counts unless told otherwise. */
export const REPLY_METHODS: readonly string[] = [
  "sendMessage",
  "sendDocument",
  "sendPhoto",
  "sendAudio",
  "sendVideo",
  "sendVoice",
  "sendAnimation",
  "sendSticker",
  "sendLocation",
  "sendVenue",
  "sendContact",
  "sendPoll",
  "sendMediaGroup",
  "copyMessage",
  "forwardMessage",
  "editMessageText",
  "editMessageCaption",
  "editMessageMedia",
  "editMessageReplyMarkup",
  "editMessageLiveLocation",
  "deleteMessage",
];

export interface WaitForRepliesOptions {
  /**
   * How many new replies to wait for; exactly that many are returned. Without it: waits until the bot handled every
   * update this user sent, then returns all replies not returned before (possibly none).
   */
  count?: number;
  /** Default 5000 ms. */
  timeoutMs?: number;
  /** Which methods count as replies. Default {@link REPLY_METHODS}; add `answerCallbackQuery` to see answers. */
  methods?: readonly string[];
}

/**
 * A scripted Telegram user in a private chat with the bot. Each action injects the update a real client would
 * cause; `waitForReplies`/`nextReply` return the bot's calls in this chat, in order, each exactly once.
 */
export class FakeUser {
  readonly user: User;
  readonly chat: Chat.PrivateChat;
  /** Replies with seq up to this were returned already. */
  private seenSeq = 0;
  private lastUpdateId: number | undefined;
  /** seq of a one-time reply keyboard the user already used. */
  private usedOneTimeKeyboardSeq: number | undefined;

  constructor(
    private readonly fake: FakeTelegram,
    profile: FakeUserProfile,
  ) {
    this.user = { is_bot: false, ...profile };
    this.chat = privateChatOf(this.user);
  }

  // ---- Actions --------------------------------------------------------------------------------------------------

  say(text: string): Promise<Update> {
    return this.sent(this.fake.inject.text(this.user, text));
  }

  /** `/start` or `/start <payload>` (a deep link `t.me/<bot>?start=<payload>`). */
  start(payload?: string): Promise<Update> {
    return this.command("start", payload);
  }

  command(name: string, payload?: string): Promise<Update> {
    return this.sent(this.fake.inject.command(this.user, name, payload));
  }

  /**
   * Presses an inline button (by exact label, label pattern, or `{ data }`) of the last bot message in this chat
   * that has an inline keyboard, or of `messageId`. Throws listing the buttons when none matches.
   */
  press(button: ButtonSelector, options: { messageId?: number } = {}): Promise<Update> {
    const message =
      options.messageId === undefined
        ? this.botMessages()
            .filter((m) => m.reply_markup !== undefined)
            .at(-1)
        : this.fake.message(this.chat.id, options.messageId);
    if (!message) {
      return Promise.reject(
        new Error(
          options.messageId === undefined
            ? `${this.name} cannot press ${describeSelector(button)}: no bot message in the chat has an inline keyboard`
            : `${this.name} cannot press ${describeSelector(button)}: message ${options.messageId} does not exist`,
        ),
      );
    }
    try {
      return this.sent(
        this.fake.inject.callbackQuery(this.user, { chatId: this.chat.id, messageId: message.message_id, button }),
      );
    } catch (error) {
      return Promise.reject(
        error instanceof Error && error.message.startsWith("No button")
          ? new Error(`${this.name} cannot press ${describeSelector(button)}: ${error.message}`)
          : error,
      );
    }
  }

  /**
   * Taps a button of the reply keyboard the bot shows: sends its text, or shares the contact / the given location
   * for `request_contact` / `request_location` buttons.
   */
  tap(label: string | RegExp, options: { location?: { latitude: number; longitude: number } } = {}): Promise<Update> {
    const shown = this.shownKeyboard();
    if (!shown)
      return Promise.reject(new Error(`${this.name} cannot tap ${String(label)}: no reply keyboard is shown`));
    const buttons = shown.markup.keyboard.flat().map((b: KeyboardButton) => (typeof b === "string" ? { text: b } : b));
    const button = buttons.find((b) => (typeof label === "string" ? b.text === label : label.test(b.text)));
    if (!button) {
      const list = buttons.map((b) => JSON.stringify(b.text)).join(", ");
      return Promise.reject(new Error(`${this.name} cannot tap ${String(label)}: the reply keyboard has ${list}`));
    }
    if (shown.markup.one_time_keyboard) this.usedOneTimeKeyboardSeq = shown.seq;
    if ("request_contact" in button && button.request_contact) return this.shareContact();
    if ("request_location" in button && button.request_location) {
      if (!options.location) {
        return Promise.reject(
          new Error(`${this.name} tapped ${JSON.stringify(button.text)}: pass { location } to share one`),
        );
      }
      return this.shareLocation(options.location.latitude, options.location.longitude);
    }
    return this.say(button.text);
  }

  shareLocation(latitude: number, longitude: number): Promise<Update> {
    return this.sent(this.fake.inject.location(this.user, latitude, longitude));
  }

  /** Shares the user's own contact (with user_id), or the given one. */
  shareContact(contact: Partial<Contact> = {}): Promise<Update> {
    return this.sent(this.fake.inject.contact(this.user, contact));
  }

  sendSticker(options: { emoji?: string } = {}): Promise<Update> {
    return this.sent(this.fake.inject.sticker(this.user, options));
  }

  sendPhoto(options: { caption?: string } = {}): Promise<Update> {
    return this.sent(this.fake.inject.photo(this.user, options));
  }

  sendVoice(options: { duration?: number } = {}): Promise<Update> {
    return this.sent(this.fake.inject.voice(this.user, options));
  }

  /** The user blocks the bot: the bot's sends to this chat answer 403 "Forbidden: bot was blocked by the user". */
  block(): void {
    this.fake.setBlocked(this.user.id, true);
  }

  unblock(): void {
    this.fake.setBlocked(this.user.id, false);
  }

  // ---- Observing ------------------------------------------------------------------------------------------------

  /** Waits for the bot's replies in this chat (events, no polling). See {@link WaitForRepliesOptions}. */
  async waitForReplies(options: WaitForRepliesOptions = {}): Promise<RecordedCall[]> {
    const timeoutMs = options.timeoutMs ?? 5000;
    const methods = new Set((options.methods ?? REPLY_METHODS).map((m) => m.toLowerCase()));
    const fresh = () =>
      this.fake.calls(
        (c) => c.seq > this.seenSeq && c.ok && c.chatId === this.chat.id && methods.has(c.method.toLowerCase()),
      );
    if (options.count === undefined) {
      if (this.lastUpdateId !== undefined) await this.fake.waitUntilHandled(this.lastUpdateId, { timeoutMs });
      const replies = fresh();
      this.seenSeq = Math.max(this.seenSeq, ...this.fake.calls().map((c) => c.seq));
      return replies;
    }
    const count = options.count;
    const replies = await new Promise<RecordedCall[]>((resolve, reject) => {
      const check = (): boolean => {
        const now = fresh();
        if (now.length < count) return false;
        clearTimeout(timer);
        stop();
        resolve(now.slice(0, count));
        return true;
      };
      const stop = this.fake.onCall(() => check());
      const timer = setTimeout(() => {
        stop();
        const got = fresh();
        reject(
          new Error(
            `Timed out after ${timeoutMs} ms: ${this.name} expected ${count} repl${count === 1 ? "y" : "ies"} from the bot, got ${got.length}` +
              (got.length > 0 ? `: ${got.map(describeCall).join("; ")}` : "") +
              `. Failed calls in this chat: ${this.failedCalls() || "none"}`,
          ),
        );
      }, timeoutMs);
      check();
    });
    this.seenSeq = replies.at(-1)?.seq ?? this.seenSeq;
    return replies;
  }

  /** The next reply (see {@link waitForReplies} with count 1). */
  async nextReply(options: Omit<WaitForRepliesOptions, "count"> = {}): Promise<RecordedCall> {
    const [reply] = await this.waitForReplies({ ...options, count: 1 });
    if (!reply) throw new Error("unreachable: waitForReplies returned no reply");
    return reply;
  }

  /** The bot's answerCallbackQuery for a press (the Update `press` returned), once it comes. */
  callbackAnswer(press: Update, options: { timeoutMs?: number } = {}): Promise<RecordedCall> {
    const id = press.callback_query?.id;
    if (id === undefined) return Promise.reject(new Error("callbackAnswer needs the Update returned by press()"));
    return this.fake.waitForCall(
      (c) => c.method === "answerCallbackQuery" && c.ok && c.params.callback_query_id === id,
      options,
    );
  }

  /** Every message in the chat as it is now (edits applied, deleted ones gone), oldest first. */
  messages(): Message[] {
    return this.fake.messages(this.chat.id);
  }

  /** The bot's messages in the chat as they are now. */
  botMessages(): Message[] {
    return this.messages().filter((m) => m.from?.id === this.fake.botInfo.id);
  }

  lastBotMessage(): Message | undefined {
    return this.botMessages().at(-1);
  }

  /** The reply keyboard the client would show now, if any. */
  keyboard(): ReplyKeyboardMarkup | undefined {
    return this.shownKeyboard()?.markup;
  }

  /** Describes the inline buttons of a message, e.g. for assertions in error messages. */
  buttonsOf(message: Message): string {
    return describeButtons(message);
  }

  private shownKeyboard(): { markup: ReplyKeyboardMarkup; seq: number } | undefined {
    let shown: { markup: ReplyKeyboardMarkup; seq: number } | undefined;
    for (const call of this.fake.calls((c) => c.ok && c.chatId === this.chat.id && c.method.startsWith("send"))) {
      const markup = call.params.reply_markup as Record<string, unknown> | undefined;
      if (markup && "keyboard" in markup) shown = { markup: markup as unknown as ReplyKeyboardMarkup, seq: call.seq };
      else if (markup && markup.remove_keyboard === true) shown = undefined;
    }
    return shown && shown.seq !== this.usedOneTimeKeyboardSeq ? shown : undefined;
  }

  private get name(): string {
    return `${this.user.first_name} (${this.user.id})`;
  }

  private failedCalls(): string {
    return this.fake
      .calls((c) => !c.ok && c.chatId === this.chat.id)
      .map((c) => `${c.method}: ${c.error?.description}`)
      .join("; ");
  }

  private sent(update: Update): Promise<Update> {
    this.lastUpdateId = update.update_id;
    return Promise.resolve(update);
  }
}

/** A scripted user of the bot behind `fake`. */
export function fakeUser(fake: FakeTelegram, profile: FakeUserProfile): FakeUser {
  return new FakeUser(fake, profile);
}

function describeCall(call: RecordedCall): string {
  return call.text === undefined ? call.method : `${call.method} ${JSON.stringify(call.text)}`;
}
