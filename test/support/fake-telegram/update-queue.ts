import { EventEmitter } from "node:events";
import type { Update } from "grammy/types";
import { type ApiError, conflict } from "./errors.js";

export type UpdateType = Exclude<keyof Update, "update_id">;
/** An update as injected, before the fake gives it its update_id. */
export type UpdatePayload = Omit<Update, "update_id">;

/** Update types Telegram leaves out unless `allowed_updates` names them. */
const OPT_IN_TYPES: readonly string[] = ["chat_member", "message_reaction", "message_reaction_count"];

export interface PollOptions {
  offset?: number;
  limit?: number;
  timeout?: number;
  allowedUpdates?: unknown;
  /** Aborted when the client goes away (e.g. grammY's bot.stop() cancels its long poll). */
  signal?: AbortSignal;
}

interface Waiter {
  limit: number;
  finish: (updates: Update[]) => void;
  fail: (error: ApiError) => void;
}

/**
 * The bot's pending updates, as Telegram keeps them: numbered monotonically, kept until confirmed (by a getUpdates
 * with a higher offset) or delivered to the webhook, and handed out by long polling.
 */
export class UpdateQueue {
  private nextId: number;
  private pending: Update[] = [];
  private allowed: readonly string[] | undefined;
  private waiter: Waiter | undefined;
  private readonly events = new EventEmitter();

  constructor(firstUpdateId: number) {
    this.nextId = firstUpdateId;
    this.events.setMaxListeners(0);
  }

  /** Queues an update; returns it with its update_id. Types not allowed by `allowed_updates` are dropped. */
  push(payload: UpdatePayload): Update {
    const update = { update_id: this.nextId++, ...payload } as Update;
    if (!this.isAllowed(update)) return update;
    this.pending.push(update);
    const waiter = this.waiter;
    if (waiter) {
      this.waiter = undefined;
      waiter.finish(this.pending.slice(0, waiter.limit));
    }
    this.events.emit("pushed", update);
    return update;
  }

  /** Pending (unconfirmed, undelivered) updates, oldest first. */
  peek(): Update[] {
    return [...this.pending];
  }

  get pendingCount(): number {
    return this.pending.length;
  }

  setAllowedUpdates(value: unknown): void {
    if (Array.isArray(value)) this.allowed = value.length === 0 ? undefined : value.map(String);
  }

  get allowedUpdates(): readonly string[] | undefined {
    return this.allowed;
  }

  /** getUpdates: confirms by offset, then answers at once or waits up to `timeout` seconds for an update. */
  poll(options: PollOptions): Promise<Update[]> {
    this.waiter?.fail(
      conflict("terminated by other getUpdates request; make sure that only one bot instance is running"),
    );
    this.waiter = undefined;
    if (options.allowedUpdates !== undefined) this.setAllowedUpdates(options.allowedUpdates);
    const offset = options.offset ?? 0;
    if (offset > 0) this.removeWhere((u) => u.update_id < offset);
    else if (offset < 0) this.removeWhere((_, index) => index < this.pending.length + offset);
    const limit = Math.min(Math.max(options.limit ?? 100, 1), 100);
    const timeout = Math.min(Math.max(options.timeout ?? 0, 0), 50);
    if (this.pending.length > 0 || timeout === 0 || options.signal?.aborted) {
      return Promise.resolve(this.pending.slice(0, limit));
    }
    return new Promise<Update[]>((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        options.signal?.removeEventListener("abort", onAbort);
        if (this.waiter === waiter) this.waiter = undefined;
      };
      const waiter: Waiter = {
        limit,
        finish: (updates) => {
          done();
          resolve(updates);
        },
        fail: (error) => {
          done();
          reject(error);
        },
      };
      const onAbort = () => waiter.finish([]);
      const timer = setTimeout(() => waiter.finish([]), timeout * 1000);
      options.signal?.addEventListener("abort", onAbort);
      this.waiter = waiter;
      this.events.emit("waiting");
    });
  }

  /** True while a long poll waits on the server for updates. */
  get isPolling(): boolean {
    return this.waiter !== undefined;
  }

  /** Resolves once a long poll is waiting on the server (now or later). */
  waitPolling(timeoutMs: number): Promise<void> {
    if (this.isPolling) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const onWaiting = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.events.off("waiting", onWaiting);
        reject(new Error(`Timed out after ${timeoutMs} ms waiting for a long poll (getUpdates with a timeout)`));
      }, timeoutMs);
      this.events.once("waiting", onWaiting);
    });
  }

  /** Removes one update after the webhook accepted it. */
  delivered(updateId: number): void {
    this.removeWhere((u) => u.update_id === updateId);
  }

  /** drop_pending_updates. */
  dropAll(): void {
    this.removeWhere(() => true);
  }

  /** Ends a waiting long poll (server shutdown) with an empty answer. */
  release(): void {
    this.waiter?.finish([]);
  }

  /** An update is handled once it left the queue: confirmed by the poller, delivered to the webhook, or dropped. */
  isHandled(updateId: number): boolean {
    return updateId < this.nextId && !this.pending.some((u) => u.update_id === updateId);
  }

  /** Resolves once {@link isHandled}; rejects after `timeoutMs` with a hint on what is missing. */
  waitHandled(updateId: number, timeoutMs: number): Promise<void> {
    if (this.isHandled(updateId)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const check = () => {
        if (!this.isHandled(updateId)) return;
        clearTimeout(timer);
        this.events.off("removed", check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.events.off("removed", check);
        reject(
          new Error(
            `Timed out after ${timeoutMs} ms waiting for the bot to handle update ${updateId}: ` +
              "it was neither confirmed by a getUpdates with a higher offset nor accepted by the webhook " +
              "(is the bot running, and did its handler finish?)",
          ),
        );
      }, timeoutMs);
      this.events.on("removed", check);
    });
  }

  onPushed(listener: (update: Update) => void): () => void {
    this.events.on("pushed", listener);
    return () => this.events.off("pushed", listener);
  }

  private removeWhere(predicate: (update: Update, index: number) => boolean): void {
    const before = this.pending.length;
    this.pending = this.pending.filter((u, i) => !predicate(u, i));
    if (this.pending.length !== before) this.events.emit("removed");
  }

  private isAllowed(update: Update): boolean {
    const type = Object.keys(update).find((k) => k !== "update_id") ?? "";
    return this.allowed === undefined ? !OPT_IN_TYPES.includes(type) : this.allowed.includes(type);
  }
}
