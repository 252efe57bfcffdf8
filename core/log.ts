/**
 * The logging port. Adapters pass a pino logger, which fits this shape. Never put phone numbers,
 * codice fiscale or message text in the fields: the adapter scrubs them, but do not rely on it.
 */
export interface LogFn {
  (fields: Record<string, unknown>, message: string): void;
  (message: string): void;
}

export interface Log {
  debug: LogFn;
  info: LogFn;
  warn: LogFn;
  error: LogFn;
  child(bindings: Record<string, unknown>): Log;
}

const noop = () => {};

export const silentLog: Log = {
  debug: noop,
  info: noop,
  warn: noop,
  error: noop,
  child: () => silentLog,
};
