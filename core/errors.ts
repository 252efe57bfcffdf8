/**
 * The one error type of Sportello. `message` is for logs and developers (never shown to users,
 * never containing personal data); `userMessage` is the plain-Italian text a citizen may read.
 */
export type ErrorCode =
  | "config_invalid"
  | "validation"
  | "not_found"
  | "conflict"
  | "forbidden"
  | "unavailable"
  | "internal"
  | (string & {});

export interface SportelloErrorOptions {
  code: ErrorCode;
  /** Internal, English, for logs. No personal data. */
  message: string;
  /** Plain Italian for the person using the service. */
  userMessage?: string;
  /** Extra machine-readable detail (no personal data). */
  details?: Record<string, unknown>;
  cause?: unknown;
}

export const DEFAULT_USER_MESSAGE = "Qualcosa non ha funzionato. Riprova tra poco.";

export class SportelloError extends Error {
  readonly code: ErrorCode;
  readonly userMessage: string;
  readonly details: Record<string, unknown> | undefined;

  constructor(options: SportelloErrorOptions) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "SportelloError";
    this.code = options.code;
    this.userMessage = options.userMessage ?? DEFAULT_USER_MESSAGE;
    this.details = options.details;
  }
}

export function isSportelloError(value: unknown): value is SportelloError {
  return value instanceof SportelloError;
}

/** The Italian message to show for any thrown value: ours, or a generic kind sentence. */
export function userMessageOf(error: unknown): string {
  return isSportelloError(error) ? error.userMessage : DEFAULT_USER_MESSAGE;
}
