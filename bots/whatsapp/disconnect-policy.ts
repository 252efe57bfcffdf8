/**
 * What to do when the socket closes, by `lastDisconnect.error.output.statusCode` (the table in
 * bots/whatsapp/README.md, from Baileys' source and issues).
 */

export type StopPhase = "replaced" | "blocked" | "outdated";

export type DisconnectAction =
  /** 515 after pairing: reconnect at once with the saved creds, or the link fails (#2488). */
  | { do: "reconnect_now" }
  /** A transient drop: reconnect after a growing delay; `alertAfter` failures in a row tell the operator. */
  | { do: "backoff"; alertAfter?: number }
  /** 401: the creds are dead; delete them, tell the operator to link again, never reconnect. */
  | { do: "logged_out" }
  /** Reconnecting would loop or make things worse: stop and tell the operator. */
  | { do: "stop"; phase: StopPhase };

export interface DisconnectDecision {
  action: DisconnectAction;
  /** What the code means, for the log and /healthz. */
  reason: string;
  /** What the operator should do, when something must be done. */
  advice?: string;
}

/** Persisting 500s (or unknown codes) are told to the operator after this many failures in a row. */
export const ALERT_AFTER_FAILURES = 5;

const DECISIONS: Record<number, DisconnectDecision> = {
  515: { action: { do: "reconnect_now" }, reason: "restart required (normal right after pairing)" },
  401: {
    action: { do: "logged_out" },
    reason: "logged out: the phone removed this linked device, or WhatsApp ended the session",
    advice: "link the number again: npm run whatsapp:link -- --phone <number>",
  },
  440: {
    action: { do: "stop", phase: "replaced" },
    reason: "connection replaced: another socket is using these credentials",
    advice:
      "make sure only one Sportello (or other WhatsApp Web client) uses this session, then restart; not reconnecting, to avoid a replace loop",
  },
  428: { action: { do: "backoff" }, reason: "connection closed" },
  408: { action: { do: "backoff" }, reason: "connection lost or timed out" },
  503: { action: { do: "backoff" }, reason: "WhatsApp service unavailable" },
  500: {
    action: { do: "backoff", alertAfter: ALERT_AFTER_FAILURES },
    reason: "unknown stream error (bad session)",
    advice: "if it keeps failing, link the number again",
  },
  403: {
    action: { do: "stop", phase: "blocked" },
    reason: "forbidden: WhatsApp refused this number (often before a ban)",
    advice: "check the phone's WhatsApp for a warning or a ban notice; restart only once the number works on the phone",
  },
  411: {
    action: { do: "stop", phase: "blocked" },
    reason: "multi-device mismatch (often before a ban)",
    advice: "check the phone's WhatsApp and its linked devices, then link again",
  },
  405: {
    action: { do: "stop", phase: "outdated" },
    reason: "WhatsApp refused this WhatsApp Web version",
    advice: "upgrade @whiskeysockets/baileys to a release that speaks the current version",
  },
};

const UNKNOWN: DisconnectDecision = {
  action: { do: "backoff", alertAfter: ALERT_AFTER_FAILURES },
  reason: "connection closed for an unknown reason",
};

export function disconnectPolicy(code: number | undefined): DisconnectDecision {
  return (code !== undefined ? DECISIONS[code] : undefined) ?? UNKNOWN;
}

/** The status code of a close: Baileys' errors are @hapi/boom errors with `output.statusCode`. */
export function disconnectCode(error: unknown): number | undefined {
  const code = (error as { output?: { statusCode?: unknown } } | undefined)?.output?.statusCode;
  return typeof code === "number" ? code : undefined;
}

export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
  random: () => number;
}

/** The n-th delay (n from 1): doubling from `initialMs` up to `maxMs`, each between half and all of it. */
export function backoffDelay(failures: number, options: BackoffOptions): number {
  const ceiling = Math.min(options.maxMs, options.initialMs * 2 ** Math.max(0, failures - 1));
  return Math.round(ceiling / 2 + (options.random() * ceiling) / 2);
}
