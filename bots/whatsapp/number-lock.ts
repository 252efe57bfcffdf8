/**
 * One socket per linked number, across processes: two sockets with the same credentials replace
 * each other (440) in a loop. The PostgreSQL implementation (a session advisory lock) is in
 * `app/db/whatsapp-number-lock.ts`; `processNumberLock` serves a single process (the embedded
 * database, tests).
 */

export interface HeldNumberLock {
  /** Called once if the lock is lost while held (its database connection dropped). */
  onLost(listener: (error: Error) => void): void;
  release(): Promise<void>;
}

export type LockAttempt =
  | { acquired: true; lock: HeldNumberLock }
  /** `holder` says, in plain words, who holds it (host, process, since when) when known. */
  | { acquired: false; holder: string | undefined };

export interface NumberLock {
  acquire(session: string): Promise<LockAttempt>;
}

/** Plain words for an operator: why this process does not use the number. */
export function lockRefusal(session: string, holder: string | undefined): string {
  return (
    `WhatsApp session "${session}" is already in use by another Sportello process` +
    `${holder ? ` (${holder})` : ""}: only one process may connect a number at a time. ` +
    "Stop the other one first, or use another WHATSAPP_SESSION."
  );
}

/** A lock held within this process only. */
export function processNumberLock(): NumberLock {
  const held = new Set<string>();
  return {
    async acquire(session) {
      if (held.has(session)) return { acquired: false, holder: `this process, pid ${process.pid}` };
      held.add(session);
      return {
        acquired: true,
        lock: {
          onLost() {},
          async release() {
            held.delete(session);
          },
        },
      };
    },
  };
}
