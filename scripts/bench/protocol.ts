/** What the benchmark (parent) and the bot process (child) say to each other over IPC. */

export type BotKind = "echo" | "sportello";

/** The child's first argument, as JSON. */
export interface BotProcessConfig {
  kind: BotKind;
  token: string;
  apiRoot: string;
  /** Sportello only. */
  databaseUrl?: string;
  redisUrl?: string;
  redisPrefix?: string;
  timeZone?: string;
  /** Time the engine, the conversation store, Redis commands and repositories (wrappers around them, in the child). */
  instrument?: boolean;
}

export type ToChild =
  | { type: "mark"; label: string }
  | { type: "profile-start" }
  | { type: "profile-stop"; path: string }
  | { type: "stop" };

/** Calls counted (and timed) by the child's wrappers since the previous mark. */
export interface Counter {
  count: number;
  totalMs: number;
}

export interface MarkReport {
  type: "mark";
  label: string;
  /** process.cpuUsage() since the start of the child, microseconds. */
  cpuUserUs: number;
  cpuSystemUs: number;
  /** Monotonic clock of the child, milliseconds. */
  atMs: number;
  /** Event-loop utilisation since the previous mark (0..1). */
  eventLoopUtilisation: number;
  /** Event-loop delay since the previous mark, milliseconds. */
  loopDelayP99Ms: number;
  loopDelayMaxMs: number;
  rssBytes: number;
  heapUsedBytes: number;
  /** Since the previous mark: engine.handle wall times (ms) and wrapped calls. */
  engineMs: number[];
  counters: Record<string, Counter>;
  errors: number;
}

export type FromChild =
  | { type: "ready" }
  | MarkReport
  | { type: "profile-written"; path: string }
  | { type: "stopped" }
  | { type: "failed"; message: string };
