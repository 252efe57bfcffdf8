import { Bot, type BotConfig, type Context } from "grammy";
import type { FakeTelegram } from "./fake-telegram.js";

/** A grammY Bot talking to the fake server instead of api.telegram.org. */
export function botFor(fake: FakeTelegram, config: BotConfig<Context> = {}): Bot {
  return new Bot(fake.token, { ...config, client: { ...config.client, apiRoot: fake.apiRoot } });
}

export interface PollingBot {
  /** Errors bot.start() ended with (e.g. a 409 or 401), if any. */
  readonly errors: unknown[];
  /** bot.stop() and wait for the polling loop to end. */
  stop(): Promise<void>;
}

/**
 * Starts long polling (grammY's bot.start) and resolves once polling began (getMe and deleteWebhook done).
 * Always call `stop()` (e.g. in afterEach) before closing the fake.
 */
export async function startPolling(bot: Bot, options: { timeout?: number } = {}): Promise<PollingBot> {
  const errors: unknown[] = [];
  let started!: () => void;
  const ready = new Promise<void>((resolve) => {
    started = resolve;
  });
  const running = bot.start({ timeout: options.timeout ?? 10, onStart: () => started() }).catch((error: unknown) => {
    errors.push(error);
  });
  await Promise.race([ready, running]);
  return {
    errors,
    async stop() {
      if (bot.isRunning()) await bot.stop();
      await running;
    },
  };
}
