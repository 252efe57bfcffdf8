import { pino } from "pino";
import pretty from "pino-pretty";
import type { Log } from "../core/log.js";
import type { Config } from "./config.js";
import { scrubText, scrubValue } from "./log-scrub.js";

export type Logger = pino.Logger & Log;

export interface LoggerOptions {
  level: Config["log"]["level"];
  format: Config["log"]["format"];
  /** Where JSON lines go; defaults to stdout. Tests pass a collecting stream. */
  destination?: pino.DestinationStream;
}

/** pino, pretty for a person at a terminal, JSON otherwise, personal data scrubbed. */
export function createLogger(options: LoggerOptions): Logger {
  const usePretty =
    options.destination === undefined &&
    (options.format === "pretty" || (options.format === "auto" && process.stdout.isTTY === true));
  const destination =
    options.destination ??
    (usePretty ? pretty({ colorize: true, sync: true, translateTime: "SYS:HH:MM:ss" }) : pino.destination(1));
  return pino(
    {
      level: options.level,
      base: undefined,
      // errors arrive already turned into scrubbed plain objects (formatters.log): keep them as they are
      serializers: { err: (value: unknown) => value, error: (value: unknown) => value },
      formatters: {
        log: (fields) => scrubValue(fields) as Record<string, unknown>,
      },
      hooks: {
        logMethod(args, method) {
          const scrubbed = args.map((arg) => (typeof arg === "string" ? scrubText(arg) : arg));
          method.apply(this, scrubbed as Parameters<typeof method>);
        },
      },
    },
    destination,
  ) as Logger;
}
