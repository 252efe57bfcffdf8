import type { SocketConfig } from "@whiskeysockets/baileys";
import type { Log } from "../../core/log.js";

/** The logger shape Baileys takes (pino-like). */
export type BaileysLogger = SocketConfig["logger"];

export type BaileysLogLevel = "silent" | "error" | "warn" | "info" | "debug";

const RANK = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, silent: 100 } as const;

/** The error inside whatever Baileys logs: `{ err }`, `{ error }` or an Error itself. */
function errorOf(obj: unknown): Error | undefined {
  if (obj instanceof Error) return obj;
  if (typeof obj !== "object" || obj === null) return undefined;
  const fields = obj as Record<string, unknown>;
  if (fields.err instanceof Error) return fields.err;
  if (fields.error instanceof Error) return fields.error;
  return undefined;
}

/**
 * Baileys' logger, written to our Log port. Baileys puts JIDs, message keys and sometimes whole
 * messages in its fields, so only the message text, an error and a `component` field pass (the
 * app's scrubber then masks what remains). Its info level is chatty: warn by default.
 */
export function baileysLogger(log: Log, level: BaileysLogLevel = "warn"): BaileysLogger {
  const min = RANK[level];
  const write = (rank: number, method: "debug" | "info" | "warn" | "error") => (obj: unknown, msg?: string) => {
    if (rank < min) return;
    const message = msg ?? (typeof obj === "string" ? obj : "baileys event");
    const err = errorOf(obj);
    log[method]({ component: "baileys", ...(err ? { err } : {}) }, message);
  };
  const logger: BaileysLogger = {
    level,
    child: () => logger,
    trace: write(RANK.trace, "debug"),
    debug: write(RANK.debug, "debug"),
    info: write(RANK.info, "info"),
    warn: write(RANK.warn, "warn"),
    error: write(RANK.error, "error"),
  };
  return logger;
}
