import type { Log } from "../../core/log.js";
import type { WhatsAppSocket } from "./socket.js";

/** WhatsApp drops "composing" after about 10 s: say it again a little before. */
export const TYPING_REFRESH_MS = 8_000;

export interface Typing {
  /** Says "paused" (once), and stops refreshing. */
  stop(): Promise<void>;
}

/**
 * Shows "sta scrivendo…" in the chat while Sportello works on an answer: `composing` at once
 * and every 8 s, `paused` at the end. Best effort: a presence that fails never stops the answer.
 */
export function startTyping(
  socket: () => WhatsAppSocket | undefined,
  jid: string,
  options: { log?: Log; refreshMs?: number } = {},
): Typing {
  let stopped = false;
  const say = (presence: "composing" | "paused") =>
    socket()
      ?.sendPresenceUpdate(presence, jid)
      .catch((error) => options.log?.debug({ err: error, channel: "whatsapp" }, "WhatsApp: presence not sent"));
  void say("composing");
  const timer = setInterval(() => {
    if (!stopped) void say("composing");
  }, options.refreshMs ?? TYPING_REFRESH_MS);
  timer.unref();
  return {
    async stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      await say("paused");
    },
  };
}
