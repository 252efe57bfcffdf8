import type { BotCommand, CallbackQuery, Message, User, UserFromGetMe } from "grammy/types";
import type { ChatStore } from "./chats.js";
import type { FileStore } from "./files.js";
import type { CallParams } from "./params.js";
import type { UpdateQueue } from "./update-queue.js";
import type { WebhookDelivery } from "./webhook.js";

/** A callback query a user made, and whether the bot answered it. */
export interface CallbackQueryRecord {
  query: CallbackQuery;
  answered: boolean;
}

/** Everything the fake Bot API server knows about its one bot. */
export interface FakeState {
  readonly token: string;
  readonly bot: UserFromGetMe;
  readonly chats: ChatStore;
  readonly files: FileStore;
  readonly updates: UpdateQueue;
  readonly webhook: WebhookDelivery;
  readonly callbackQueries: Map<string, CallbackQueryRecord>;
  /** setMyCommands, keyed by scope and language. */
  readonly commands: Map<string, BotCommand[]>;
  /** Unix time in seconds, for `date` and `edit_date`. */
  now(): number;
  /** Whether a second answerCallbackQuery for the same query is refused (Telegram: QUERY_ID_INVALID). */
  readonly rejectRepeatedCallbackAnswers: boolean;
}

/** What a method handler gets. */
export interface MethodContext {
  state: FakeState;
  params: CallParams;
  /** Aborted when the client closed the connection. */
  signal: AbortSignal;
  /** What the call log should show besides params and result. */
  note: { chatId?: number; message?: Message };
}

/** A method's result with the `description` Telegram adds to some successful answers ("Webhook was set"). */
export class Described {
  constructor(
    readonly result: unknown,
    readonly description: string,
  ) {}
}

export type MethodHandler = (ctx: MethodContext) => unknown;

/** The bot as it appears in `from` of the messages it sends. */
export function botAsUser(bot: UserFromGetMe): User {
  return { id: bot.id, is_bot: true, first_name: bot.first_name, username: bot.username };
}
