import type { ChannelName } from "../core/citizens/citizen.js";

/**
 * Queue names. Outbound messages have one queue per channel, each with its own limits (Telegram's
 * ceiling does not slow the web chat); chores have their own.
 */
export const CHORES_QUEUE = "chores";

export function messagesQueue(channel: ChannelName): string {
  return `messages-${channel}`;
}
