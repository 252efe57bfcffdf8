import type { BotCommand } from "grammy/types";
import { badRequest } from "../errors.js";
import { optString } from "../params.js";
import type { MethodContext, MethodHandler } from "../state.js";

/** getMe and the bot's command list (setMyCommands, getMyCommands, deleteMyCommands). */
export const botMethods: Record<string, MethodHandler> = {
  getMe: ({ state }) => state.bot,

  setMyCommands: (ctx) => {
    const commands = ctx.params.commands;
    if (!Array.isArray(commands)) throw badRequest("can't parse commands JSON object");
    if (commands.length > 100) throw badRequest("too many commands specified");
    const clean = commands.map((c: unknown): BotCommand => {
      const { command, description } = (c ?? {}) as { command?: unknown; description?: unknown };
      if (typeof command !== "string" || !/^[a-z0-9_]{1,32}$/.test(command)) throw badRequest("BOT_COMMAND_INVALID");
      if (typeof description !== "string" || description.length < 1 || description.length > 256) {
        throw badRequest("BOT_COMMAND_DESCRIPTION_INVALID");
      }
      return { command, description };
    });
    ctx.state.commands.set(commandsKey(ctx), clean);
    return true;
  },

  getMyCommands: (ctx) => ctx.state.commands.get(commandsKey(ctx)) ?? [],

  deleteMyCommands: (ctx) => {
    ctx.state.commands.delete(commandsKey(ctx));
    return true;
  },
};

/** Commands are stored per scope and language, as Telegram does. */
export function commandsKey(ctx: Pick<MethodContext, "params">): string {
  const scope = (ctx.params.scope ?? { type: "default" }) as { type?: unknown; chat_id?: unknown; user_id?: unknown };
  if (typeof scope !== "object" || typeof scope.type !== "string") throw badRequest("can't parse BotCommandScope");
  return scopeKey(scope.type, scope.chat_id, scope.user_id, optString(ctx.params, "language_code"));
}

export function scopeKey(type: string, chatId?: unknown, userId?: unknown, language?: string): string {
  return [type, chatId ?? "", userId ?? "", language ?? ""].join("|");
}
