/**
 * Reads the PostgreSQL SQLSTATE and constraint name out of the several shapes Prisma (with the
 * pg driver adapter) wraps database errors in.
 */
interface PgCause {
  originalCode?: string;
  code?: string;
  originalMessage?: string;
  message?: string;
  constraint?: unknown;
}

function causeOf(error: unknown): PgCause | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const meta = (error as { meta?: { driverAdapterError?: { cause?: PgCause } } }).meta;
  if (meta?.driverAdapterError?.cause) return meta.driverAdapterError.cause;
  const cause = (error as { cause?: unknown }).cause;
  if (typeof cause === "object" && cause !== null) return cause as PgCause;
  return undefined;
}

export function pgErrorCode(error: unknown): string | undefined {
  const cause = causeOf(error);
  const code = cause?.originalCode ?? cause?.code;
  if (code) return code;
  // P2002 is Prisma's unique violation whatever the adapter says
  if ((error as { code?: string }).code === "P2002") return "23505";
  return undefined;
}

/** The constraint or index named in the message, e.g. "slot_occupancy_capacity_check". */
export function pgConstraint(error: unknown): string | undefined {
  const cause = causeOf(error);
  const message = cause?.originalMessage ?? cause?.message ?? (error as Error)?.message ?? "";
  return /constraint "([^"]+)"/.exec(message)?.[1];
}

export const PG = {
  uniqueViolation: "23505",
  checkViolation: "23514",
  foreignKeyViolation: "23503",
  serializationFailure: "40001",
  deadlockDetected: "40P01",
} as const;
