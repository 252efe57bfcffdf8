import { EventEmitter } from "node:events";
import type { Message, ResponseParameters } from "grammy/types";
import type { CallParams } from "./params.js";

/** One call the bot made to the fake, as it arrived and as it was answered. */
export interface RecordedCall {
  /** 1, 2, 3… in order of arrival. */
  seq: number;
  /** Canonical method name, e.g. `sendMessage` (Telegram accepts any letter case). */
  method: string;
  /** Parameters after normalisation: numbers and JSON fields typed, uploads as `UploadedFile`. */
  params: CallParams;
  ok: boolean;
  result?: unknown;
  error?: { error_code: number; description: string; parameters?: ResponseParameters };
  /** True when the answer was a failure injected with `failNext`. */
  injected?: boolean;
  /** `http` for a request, `webhook-reply` for a method returned in the body of a webhook response. */
  via: "http" | "webhook-reply";
  /** The chat the call acted on, when known (for answerCallbackQuery: the chat of the pressed message). */
  chatId?: number;
  /** The message sent or edited (the `result` of send and edit methods). */
  message?: Message;
  /** Convenience: the text or caption of {@link message}. */
  text?: string;
}

/** Every call the fake answered, in order; emits `call` for each new one. */
export class CallLog {
  private readonly calls: RecordedCall[] = [];
  private readonly events = new EventEmitter();

  constructor() {
    this.events.setMaxListeners(0);
  }

  add(call: Omit<RecordedCall, "seq">): RecordedCall {
    const recorded = { ...call, seq: this.calls.length + 1 } as RecordedCall;
    if (recorded.message) recorded.text = recorded.message.text ?? recorded.message.caption;
    this.calls.push(recorded);
    this.events.emit("call", recorded);
    return recorded;
  }

  all(): RecordedCall[] {
    return [...this.calls];
  }

  onCall(listener: (call: RecordedCall) => void): () => void {
    this.events.on("call", listener);
    return () => this.events.off("call", listener);
  }

  /** The first call, already recorded or still to come, that matches; rejects after `timeoutMs`. */
  waitFor(
    predicate: (call: RecordedCall) => boolean,
    timeoutMs: number,
    what = "a matching call",
  ): Promise<RecordedCall> {
    const existing = this.calls.find(predicate);
    if (existing) return Promise.resolve(existing);
    return new Promise((resolve, reject) => {
      const stop = this.onCall((call) => {
        if (!predicate(call)) return;
        clearTimeout(timer);
        stop();
        resolve(call);
      });
      const timer = setTimeout(() => {
        stop();
        const seen = this.calls.map((c) => `${c.method}${c.ok ? "" : ` (${c.error?.error_code})`}`).join(", ");
        reject(new Error(`Timed out after ${timeoutMs} ms waiting for ${what}; calls so far: ${seen || "none"}`));
      }, timeoutMs);
    });
  }
}
