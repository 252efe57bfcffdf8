import type {
  BotCommand,
  BotCommandScope,
  Chat,
  Contact,
  Message,
  Update,
  User,
  UserFromGetMe,
  WebhookInfo,
} from "grammy/types";
import { CallLog, type RecordedCall } from "./call-log.js";
import { ChatStore } from "./chats.js";
import { ApiError } from "./errors.js";
import type { FailureInjector, InjectedFailure, RawAnswer } from "./failures.js";
import { FileStore, type StoredFile } from "./files.js";
import { scopeKey } from "./methods/bot.js";
import { METHODS } from "./methods/index.js";
import type { UploadedFile } from "./multipart.js";
import { type CallParams, normaliseParams } from "./params.js";
import { Described, type FakeState, type MethodContext } from "./state.js";
import { type UpdatePayload, UpdateQueue } from "./update-queue.js";
import { type ButtonSelector, type UserMessageOptions, UserUpdates } from "./user-updates.js";
import { type WebhookAttempt, WebhookDelivery } from "./webhook.js";

export interface FakeTelegramOptions {
  /** The bot token; its numeric prefix is the bot's id. Default `123456789:AAF4k3-T0k3n_f0r-T3sts-0nly-xxxxxxxxx`. */
  token?: string;
  /** Overrides of the bot's getMe answer (first_name, username…). */
  bot?: Partial<Omit<UserFromGetMe, "id" | "is_bot">>;
  /** update_id of the first update. Default 10_000. */
  firstUpdateId?: number;
  /** Unix time in seconds for message dates. Default: the real clock. */
  now?: () => number;
  /** Delay before redelivering to a webhook that failed. Default 1000 ms. */
  webhookRetryDelayMs?: number;
  /** Refuse a second answerCallbackQuery for the same query like Telegram does (QUERY_ID_INVALID). Default true. */
  rejectRepeatedCallbackAnswers?: boolean;
  /** Port to listen on (127.0.0.1). Default: a free port. */
  port?: number;
}

export const DEFAULT_TOKEN = "123456789:AAF4k3-T0k3n_f0r-T3sts-0nly-xxxxxxxxx";

/** Injects updates as if users did things in Telegram clients. All return the queued Update with its update_id. */
export interface UpdateInjector {
  /** Any update, as is (the chat of a message in it becomes known to the bot). */
  update(payload: UpdatePayload): Update;
  text(from: User, text: string, options?: UserMessageOptions): Update;
  /** `/command payload` with a bot_command entity. */
  command(from: User, command: string, payload?: string, options?: UserMessageOptions & { mention?: boolean }): Update;
  location(
    from: User,
    latitude: number,
    longitude: number,
    options?: UserMessageOptions & { horizontalAccuracy?: number },
  ): Update;
  sticker(from: User, options?: UserMessageOptions & { emoji?: string; setName?: string }): Update;
  photo(from: User, options?: UserMessageOptions & { caption?: string }): Update;
  voice(from: User, options?: UserMessageOptions & { duration?: number }): Update;
  contact(from: User, contact?: Partial<Contact>, options?: UserMessageOptions): Update;
  /** Presses a callback button of a bot message; chatId defaults to the user's private chat. */
  callbackQuery(from: User, target: { chatId?: number; messageId: number; button: ButtonSelector }): Update;
}

export interface WaitOptions {
  /** Default 5000 ms. */
  timeoutMs?: number;
}

/**
 * A fake Telegram Bot API server for one bot: answers the HTTP API like api.telegram.org, records every call, and
 * lets tests inject updates and failures. Create it with `startFakeTelegram()`.
 */
export class FakeTelegram {
  readonly token: string;
  readonly botInfo: UserFromGetMe;
  readonly inject: UpdateInjector;
  private readonly state: FakeState;
  private readonly log = new CallLog();
  private closed = false;

  constructor(
    options: FakeTelegramOptions,
    /** `http://127.0.0.1:<port>`: pass as grammY's `client.apiRoot`. */
    readonly apiRoot: string,
    private readonly failures: FailureInjector,
    private readonly closeServer: () => Promise<void>,
  ) {
    this.token = options.token ?? DEFAULT_TOKEN;
    const botId = Number(/^(\d+):/.exec(this.token)?.[1] ?? 123456789);
    this.botInfo = {
      id: botId,
      is_bot: true,
      first_name: "Fake Bot",
      username: "fake_test_bot",
      can_join_groups: true,
      can_read_all_group_messages: false,
      supports_inline_queries: false,
      can_connect_to_business: false,
      has_main_web_app: false,
      has_topics_enabled: false,
      allows_users_to_create_topics: false,
      can_manage_bots: false,
      supports_join_request_queries: false,
      ...options.bot,
    };
    const now = options.now ?? (() => Math.floor(Date.now() / 1000));
    const updates = new UpdateQueue(options.firstUpdateId ?? 10_000);
    this.state = {
      token: this.token,
      bot: this.botInfo,
      chats: new ChatStore(),
      files: new FileStore(),
      updates,
      webhook: new WebhookDelivery(
        updates,
        async ({ method, ...params }) => {
          await this.answer(String(method), params, new Map(), new AbortController().signal, "webhook-reply");
        },
        options.webhookRetryDelayMs ?? 1000,
        now,
      ),
      callbackQueries: new Map(),
      commands: new Map(),
      now,
      rejectRepeatedCallbackAnswers: options.rejectRepeatedCallbackAnswers ?? true,
    };
    this.inject = this.makeInjector();
  }

  // ---- Observing ----------------------------------------------------------------------------------------------

  /** Recorded calls, in order; optionally only one method (any case) or those matching a predicate. */
  calls(filter?: string | ((call: RecordedCall) => boolean)): RecordedCall[] {
    const all = this.log.all();
    if (filter === undefined) return all;
    if (typeof filter === "string") return all.filter((c) => c.method.toLowerCase() === filter.toLowerCase());
    return all.filter(filter);
  }

  /** Subscribes to every call as it is answered; returns the unsubscribe function. */
  onCall(listener: (call: RecordedCall) => void): () => void {
    return this.log.onCall(listener);
  }

  /** The first call (already made or still to come) of that method or matching that predicate. */
  waitForCall(filter: string | ((call: RecordedCall) => boolean), options: WaitOptions = {}): Promise<RecordedCall> {
    const predicate =
      typeof filter === "string" ? (c: RecordedCall) => c.method.toLowerCase() === filter.toLowerCase() : filter;
    return this.log.waitFor(
      predicate,
      options.timeoutMs ?? 5000,
      typeof filter === "string" ? `a ${filter} call` : undefined,
    );
  }

  /** The messages of a chat as they are now (edits applied, deleted ones gone), user's and bot's, oldest first. */
  messages(chatId: number): Message[] {
    return this.state.chats.list(chatId);
  }

  message(chatId: number, messageId: number): Message | undefined {
    return this.state.chats.message(chatId, messageId);
  }

  /** A file by file_id: bytes, file name and MIME type of what the bot uploaded (or a user sent). */
  file(fileId: string): StoredFile | undefined {
    return this.state.files.get(fileId);
  }

  webhookInfo(): WebhookInfo {
    return this.state.webhook.info();
  }

  /** Every attempt to deliver an update to the webhook, oldest first. */
  webhookAttempts(): WebhookAttempt[] {
    return this.state.webhook.history();
  }

  /** Resolves with the first `count` webhook delivery attempts once they happened. */
  waitForWebhookAttempts(count: number, options: WaitOptions = {}): Promise<WebhookAttempt[]> {
    return this.state.webhook.waitForAttempts(count, options.timeoutMs ?? 5000);
  }

  /** The commands set for a scope (default scope if omitted) and language. */
  commands(scope: BotCommandScope = { type: "default" }, languageCode?: string): BotCommand[] {
    const s = scope as { type: string; chat_id?: unknown; user_id?: unknown };
    return this.state.commands.get(scopeKey(s.type, s.chat_id, s.user_id, languageCode)) ?? [];
  }

  /** Updates not yet confirmed by the poller nor accepted by the webhook. */
  pendingUpdates(): Update[] {
    return this.state.updates.peek();
  }

  /**
   * Resolves once the bot has handled the update: with long polling, once it asked getUpdates with a higher offset
   * (grammY does so only after its middleware finished); with a webhook, once the webhook answered 2xx.
   */
  waitUntilHandled(updateId: number, options: WaitOptions = {}): Promise<void> {
    return this.state.updates.waitHandled(updateId, options.timeoutMs ?? 5000);
  }

  /** Resolves once a getUpdates long poll is parked on the server, e.g. to know a polling bot is idle. */
  waitUntilPolling(options: WaitOptions = {}): Promise<void> {
    return this.state.updates.waitPolling(options.timeoutMs ?? 5000);
  }

  // ---- Controlling --------------------------------------------------------------------------------------------

  /** The next `times` calls of `method` (or `*`: any method) fail with this answer instead of running. */
  failNext(method: string, failure: InjectedFailure, times = 1): void {
    this.failures.add(method, failure, times);
  }

  clearFailures(): void {
    this.failures.clear();
  }

  /** Makes a chat known, as if its user had already written to the bot. */
  addChat(chat: Chat): void {
    this.state.chats.remember(chat);
  }

  /** The user blocks (or unblocks) the bot: sending to the private chat answers 403. */
  setBlocked(userId: number, blocked: boolean): void {
    this.state.chats.setBlocked(userId, blocked);
  }

  /** Stops webhook delivery, answers pending long polls and closes the server and its connections. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.state.webhook.close();
    this.state.updates.release();
    await this.closeServer();
  }

  // ---- Serving ------------------------------------------------------------------------------------------------

  /** Runs one Bot API call and renders Telegram's HTTP answer. Unknown methods are 404 and not recorded. */
  async answer(
    methodName: string,
    raw: Record<string, unknown>,
    files: Map<string, UploadedFile>,
    signal: AbortSignal,
    via: RecordedCall["via"],
  ): Promise<RawAnswer> {
    const method = METHODS.get(methodName.toLowerCase());
    if (!method) return json(404, { ok: false, error_code: 404, description: "Not Found" });
    const injected = this.failures.take(method.name);
    if (injected) {
      let recorded: CallParams = raw;
      try {
        recorded = normaliseParams(raw, files);
      } catch {
        // The call fails anyway: record the raw parameters.
      }
      this.log.add({
        method: method.name,
        params: recorded,
        ok: false,
        injected: true,
        via,
        error: injectedError(injected),
        ...(typeof recorded.chat_id === "number" ? { chatId: recorded.chat_id } : {}),
      });
      return injected;
    }
    let params: CallParams = raw;
    const ctx: MethodContext = { state: this.state, params, signal, note: {} };
    try {
      params = normaliseParams(raw, files);
      ctx.params = params;
      const value = await method.handler(ctx);
      const result = value instanceof Described ? value.result : value;
      const description = value instanceof Described ? value.description : undefined;
      this.log.add({ method: method.name, params, ok: true, result, via, ...ctx.note });
      return json(200, { ok: true, result, ...(description === undefined ? {} : { description }) });
    } catch (error) {
      const apiError =
        error instanceof ApiError
          ? error
          : new ApiError(
              500,
              `Internal Server Error: fake-telegram failed: ${error instanceof Error ? error.message : String(error)}`,
            );
      const { ok: _ok, ...body } = apiError.toJSON();
      this.log.add({
        method: method.name,
        params,
        ok: false,
        via,
        error: body,
        ...(ctx.note.chatId === undefined ? {} : { chatId: ctx.note.chatId }),
      });
      return json(apiError.errorCode, apiError.toJSON());
    }
  }

  /** Serves `/file/bot<token>/<file_path>` downloads. */
  download(path: string): StoredFile | undefined {
    return this.state.files.atPath(path);
  }

  private makeInjector(): UpdateInjector {
    const build = new UserUpdates(this.state);
    const push = (payload: UpdatePayload): Update => {
      if (this.closed) throw new Error("The fake Telegram server is closed");
      return this.state.updates.push(payload);
    };
    return {
      update: (payload) => {
        for (const value of Object.values(payload)) {
          const chat = (value as { chat?: Chat; message?: { chat?: Chat } } | undefined)?.chat;
          const queryChat = (value as { message?: { chat?: Chat } } | undefined)?.message?.chat;
          if (chat) this.state.chats.remember(chat);
          if (queryChat) this.state.chats.remember(queryChat);
        }
        return push(payload);
      },
      text: (from, text, options) => push(build.text(from, text, options)),
      command: (from, command, payload, options) => push(build.command(from, command, payload, options)),
      location: (from, latitude, longitude, options) => push(build.location(from, latitude, longitude, options)),
      sticker: (from, options) => push(build.sticker(from, options)),
      photo: (from, options) => push(build.photo(from, options)),
      voice: (from, options) => push(build.voice(from, options)),
      contact: (from, contact, options) => push(build.contact(from, contact, options)),
      callbackQuery: (from, target) => push(build.callbackQuery(from, target)),
    };
  }
}

function json(status: number, body: unknown): RawAnswer {
  return { status, contentType: "application/json", body: JSON.stringify(body) };
}

function injectedError(answer: RawAnswer): NonNullable<RecordedCall["error"]> {
  if (answer.contentType === "application/json") {
    const { ok: _ok, ...body } = JSON.parse(answer.body) as { ok: false } & NonNullable<RecordedCall["error"]>;
    return body;
  }
  return { error_code: answer.status, description: `HTTP ${answer.status} (HTML page)` };
}
