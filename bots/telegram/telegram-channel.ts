import { type RunnerHandle, run } from "@grammyjs/runner";
import { webhookCallback } from "grammy";
import type { ConversationEngine } from "../../core/conversation/engine.js";
import type { Log } from "../../core/log.js";
import type { Route } from "../http/route.js";
import { createTelegramBot, setBotCommands } from "./telegram-bot.js";

export const WEBHOOK_PATH = "/telegram/webhook";
const ALLOWED_UPDATES = ["message", "callback_query"] as const;

export interface TelegramChannelOptions {
  token: string;
  apiRoot: string;
  /** Public https address of this server: webhook mode. Undefined: long polling. */
  publicUrl: string | undefined;
  webhookSecret: string | undefined;
  engine: ConversationEngine;
  log: Log;
  /** Long-polling timeout in seconds (tests use short ones). */
  pollingTimeoutSeconds?: number;
  /** Delay before retrying a Telegram that did not answer at start. */
  retryDelayMs?: number;
}

export interface TelegramChannel {
  /** HTTP routes to serve (the webhook, in webhook mode). */
  routes: Route[];
  /** Starts in the background: Telegram being unreachable never stops the app. */
  start(): void;
  stop(): Promise<void>;
}

/**
 * Telegram, by long polling (default) or by webhook when a public URL is set; the webhook
 * verifies Telegram's secret token header.
 */
export function telegramChannel(options: TelegramChannelOptions): TelegramChannel {
  const { log } = options;
  const bot = createTelegramBot(options);
  const webhook = options.publicUrl !== undefined;
  let runner: RunnerHandle | undefined;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;

  async function connect(): Promise<void> {
    await bot.init();
    await setBotCommands(bot).catch((error) => log.warn({ err: error }, "Telegram: could not set the command menu"));
    if (webhook) {
      await bot.api.setWebhook(`${options.publicUrl?.replace(/\/+$/, "")}${WEBHOOK_PATH}`, {
        ...(options.webhookSecret ? { secret_token: options.webhookSecret } : {}),
        allowed_updates: [...ALLOWED_UPDATES],
      });
      log.info({ mode: "webhook" }, "Telegram connected");
      return;
    }
    await bot.api.deleteWebhook();
    if (stopped) return;
    runner = run(bot, {
      runner: {
        fetch: { allowed_updates: [...ALLOWED_UPDATES], timeout: options.pollingTimeoutSeconds ?? 30 },
        silent: true,
        retryInterval: "exponential",
      },
    });
    log.info({ mode: "polling" }, "Telegram connected");
  }

  function attempt(): void {
    connect().catch((error) => {
      if (stopped) return;
      log.warn({ err: error }, "Telegram not reachable, retrying");
      retry = setTimeout(attempt, options.retryDelayMs ?? 10_000);
    });
  }

  const routes: Route[] = webhook
    ? [
        {
          method: "POST",
          path: WEBHOOK_PATH,
          handler: webhookCallback(bot, "http", {
            ...(options.webhookSecret ? { secretToken: options.webhookSecret } : {}),
            onTimeout: "return",
            timeoutMilliseconds: 9_000,
          }),
        },
      ]
    : [];

  return {
    routes,
    start: attempt,
    async stop() {
      stopped = true;
      clearTimeout(retry);
      if (runner?.isRunning()) await runner.stop();
    },
  };
}
