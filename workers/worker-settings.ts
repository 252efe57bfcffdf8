/** Everything about how workers run, from app/config.ts. */
export interface WorkerSettings {
  /** Jobs one process handles at once, per queue. */
  concurrency: number;
  /** Telegram messages per second for the whole bot, across every worker process. */
  telegramPerSecond: number;
  /** At least this long between two messages to one Telegram chat. */
  telegramChatGapMs: number;
  /** A message claimed for sending is presumed lost ("unknown") after this long. */
  leaseMs: number;
  /** Attempts of a message before it is marked failed (transient errors only). */
  attempts: number;
  /** Jobs exist for pending messages due within this window. */
  lookaheadMs: number;
  /** The reconciler's period (at start too). */
  reconcileEveryMs: number;
  /** The outbox loop's period: domain events relayed, due messages queued. */
  dispatchEveryMs: number;
  /** Active jobs get this long to finish at shutdown. */
  shutdownTimeoutMs: number;
  /** Cron patterns of the chores (tz Europe/Rome unless `timeZone` says otherwise). */
  timeZone: string;
  /** Local time (HH:MM) of the facilitators' morning agenda. */
  morningAgendaTime: string;
}
