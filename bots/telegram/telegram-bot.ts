import { autoRetry } from "@grammyjs/auto-retry";
import { Bot } from "grammy";
import { chatTurns } from "../../core/conversation/chat-turns.js";
import type { ConversationEngine } from "../../core/conversation/engine.js";
import type { Log } from "../../core/log.js";
import { telegramInbound } from "./telegram-inbound.js";
import { renderReplies } from "./telegram-render.js";

export interface TelegramBotOptions {
  token: string;
  /** Telegram's, a self-hosted Bot API server, or a local fake in tests. */
  apiRoot: string;
  engine: ConversationEngine;
  log: Log;
}

const KEYBOARD_MEMORY = 10_000;

/**
 * The Telegram channel: turns updates into engine input and engine replies into Bot API calls.
 * Updates of one chat run in order; 429 and 5xx answers are retried; nothing personal is logged.
 */
export function createTelegramBot(options: TelegramBotOptions): Bot {
  const { engine, log } = options;
  const bot = new Bot(options.token, { client: { apiRoot: options.apiRoot } });
  bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 30 }));
  // Chats where a location keyboard may still be open (best effort, per instance, bounded).
  const keyboards = new Map<number, true>();

  // one update of a chat at a time, in order, and the fallback: shared by every channel
  const turns = chatTurns({ engine, log });
  bot.use(async (ctx) => {
    const input = telegramInbound(ctx.update);
    if (!input) return;
    await turns.inOrder(input.identity, async () => {
      // stops the button's spinner: sent while the engine works, finished before the replies go out
      const answered = input.callback ? ctx.answerCallbackQuery().catch(() => {}) : undefined;
      const { replies } = await turns.answer(input.identity, input.inbound);
      await answered;
      const shown = await renderReplies(replies, {
        api: ctx.api,
        chatId: input.chatId,
        ...(input.callback?.messageId !== undefined ? { pressedMessageId: input.callback.messageId } : {}),
        replyKeyboardShown: keyboards.has(input.chatId),
      });
      keyboards.delete(input.chatId);
      if (shown) {
        if (keyboards.size >= KEYBOARD_MEMORY) keyboards.clear();
        keyboards.set(input.chatId, true);
      }
    });
  });
  bot.catch((error) => {
    log.error(
      { err: error.error, channel: "telegram", updateId: error.ctx.update.update_id },
      "telegram update failed",
    );
  });
  return bot;
}

/** The command menu shown by Telegram clients, in Italian and English. */
export async function setBotCommands(bot: Bot): Promise<void> {
  await bot.api.setMyCommands([
    { command: "start", description: "Inizia da capo" },
    { command: "menu", description: "Menu principale" },
    { command: "aiuto", description: "Come funziona" },
    { command: "lingua", description: "Cambia lingua" },
    { command: "privacy", description: "Privacy e cancellazione dati" },
  ]);
  await bot.api.setMyCommands(
    [
      { command: "start", description: "Start again" },
      { command: "menu", description: "Main menu" },
      { command: "help", description: "How it works" },
      { command: "language", description: "Change language" },
      { command: "privacy", description: "Privacy and data deletion" },
    ],
    { language_code: "en" },
  );
}
