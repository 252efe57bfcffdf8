import { EventEmitter } from "node:events";
import type { Update, WebhookInfo } from "grammy/types";
import type { UpdateQueue } from "./update-queue.js";

export interface WebhookConfig {
  url: string;
  secretToken?: string;
  maxConnections: number;
}

/** Runs a method a webhook answered with in its response body (Telegram's "webhook reply"). */
export type WebhookReplyRunner = (payload: Record<string, unknown>) => Promise<void>;

/** One POST of an update to the webhook and how it went. */
export interface WebhookAttempt {
  update_id: number;
  url: string;
  ok: boolean;
  /** HTTP status, when the webhook answered at all. */
  status?: number;
  /** What getWebhookInfo reports as last_error_message after a failure. */
  error?: string;
}

/**
 * Delivers pending updates to the webhook like Telegram: one POST per update with a JSON body and, when a secret
 * token was set, the `X-Telegram-Bot-Api-Secret-Token` header. A 2xx answer removes the update from the queue (and a
 * JSON body with a `method` is run as a webhook reply); anything else is recorded as `last_error_message` and
 * retried later. Updates go out one at a time, in order (Telegram may use up to `max_connections` in parallel).
 */
export class WebhookDelivery {
  private config: WebhookConfig | undefined;
  private lastError: { date: number; message: string } | undefined;
  private running = false;
  private closed = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private readonly abort = new AbortController();
  private readonly stopListening: () => void;
  private readonly attempts: WebhookAttempt[] = [];
  private readonly events = new EventEmitter();

  constructor(
    private readonly queue: UpdateQueue,
    private readonly runReply: WebhookReplyRunner,
    private readonly retryDelayMs: number,
    private readonly now: () => number,
  ) {
    this.stopListening = queue.onPushed(() => this.kick());
  }

  get active(): WebhookConfig | undefined {
    return this.config;
  }

  set(config: WebhookConfig): void {
    this.config = config;
    this.lastError = undefined;
    this.kick();
  }

  remove(): void {
    this.config = undefined;
    this.lastError = undefined;
    clearTimeout(this.retryTimer);
  }

  info(): WebhookInfo {
    const base: WebhookInfo = {
      url: this.config?.url ?? "",
      has_custom_certificate: false,
      pending_update_count: this.queue.pendingCount,
    };
    if (!this.config) return base;
    const allowed = this.queue.allowedUpdates;
    return {
      ...base,
      ip_address: "127.0.0.1",
      max_connections: this.config.maxConnections,
      ...(this.lastError ? { last_error_date: this.lastError.date, last_error_message: this.lastError.message } : {}),
      ...(allowed ? { allowed_updates: allowed as WebhookInfo["allowed_updates"] } : {}),
    };
  }

  /** Every delivery attempt so far, oldest first. */
  history(): WebhookAttempt[] {
    return [...this.attempts];
  }

  /** Resolves with the `count`-th attempt once it happened. */
  waitForAttempts(count: number, timeoutMs: number): Promise<WebhookAttempt[]> {
    if (this.attempts.length >= count) return Promise.resolve(this.attempts.slice(0, count));
    return new Promise((resolve, reject) => {
      const check = () => {
        if (this.attempts.length < count) return;
        clearTimeout(timer);
        this.events.off("attempt", check);
        resolve(this.attempts.slice(0, count));
      };
      const timer = setTimeout(() => {
        this.events.off("attempt", check);
        reject(
          new Error(
            `Timed out after ${timeoutMs} ms waiting for webhook attempt ${count}; ${this.attempts.length} so far`,
          ),
        );
      }, timeoutMs);
      this.events.on("attempt", check);
    });
  }

  close(): void {
    this.closed = true;
    this.stopListening();
    clearTimeout(this.retryTimer);
    this.abort.abort();
  }

  private kick(): void {
    if (this.running || this.closed || !this.config) return;
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    void this.run();
  }

  private async run(): Promise<void> {
    this.running = true;
    try {
      for (;;) {
        const config = this.config;
        const update = this.queue.peek()[0];
        if (!config || !update || this.closed) return;
        if (!(await this.deliver(config, update))) {
          if (!this.closed) {
            this.retryTimer = setTimeout(() => this.kick(), this.retryDelayMs);
            this.retryTimer.unref();
          }
          return;
        }
        this.queue.delivered(update.update_id);
      }
    } finally {
      this.running = false;
    }
  }

  private async deliver(config: WebhookConfig, update: Update): Promise<boolean> {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (config.secretToken !== undefined) headers["x-telegram-bot-api-secret-token"] = config.secretToken;
    let status: number;
    let statusText: string;
    let body: string;
    try {
      const response = await fetch(config.url, {
        method: "POST",
        headers,
        body: JSON.stringify(update),
        signal: this.abort.signal,
      });
      status = response.status;
      statusText = response.statusText;
      body = await response.text();
    } catch (error) {
      if (!this.closed) this.fail(config, update, connectionError(error));
      return false;
    }
    if (status < 200 || status > 299) {
      this.fail(config, update, `Wrong response from the webhook: ${status} ${statusText}`, status);
      return false;
    }
    await this.runWebhookReply(body);
    this.record({ update_id: update.update_id, url: config.url, ok: true, status });
    return true;
  }

  private async runWebhookReply(body: string): Promise<void> {
    if (body.trim() === "") return;
    let payload: unknown;
    try {
      payload = JSON.parse(body);
    } catch {
      return; // Telegram ignores a body that is not a method call.
    }
    if (
      typeof payload === "object" &&
      payload !== null &&
      typeof (payload as { method?: unknown }).method === "string"
    ) {
      await this.runReply(payload as Record<string, unknown>);
    }
  }

  private fail(config: WebhookConfig, update: Update, message: string, status?: number): void {
    this.lastError = { date: this.now(), message };
    this.record({
      update_id: update.update_id,
      url: config.url,
      ok: false,
      error: message,
      ...(status === undefined ? {} : { status }),
    });
  }

  private record(attempt: WebhookAttempt): void {
    this.attempts.push(attempt);
    this.events.emit("attempt", attempt);
  }
}

function connectionError(error: unknown): string {
  const code = (error as { cause?: { code?: string } })?.cause?.code;
  if (code === "ECONNREFUSED") return "Connection refused";
  if (code === "ENOTFOUND") return "Failed to resolve host: Name or service not known";
  return `Connection failed: ${code ?? String(error)}`;
}
