import type { MethodHandler } from "../state.js";
import { botMethods } from "./bot.js";
import { callbackMethods } from "./callbacks.js";
import { mediaMethods } from "./media.js";
import { messageMethods } from "./messages.js";
import { updateMethods } from "./updates.js";

/** Every method the fake implements, by lowercased name (Telegram method names are case-insensitive). */
export const METHODS = new Map<string, { name: string; handler: MethodHandler }>(
  Object.entries({ ...botMethods, ...updateMethods, ...messageMethods, ...mediaMethods, ...callbackMethods }).map(
    ([name, handler]) => [name.toLowerCase(), { name, handler }],
  ),
);
