import type { ConnectionState } from "@whiskeysockets/baileys";
import type { Log } from "../../core/log.js";
import { loadAuthState, type StoredAuthState } from "./auth-state.js";
import { type BaileysLogger, type BaileysLogLevel, baileysLogger } from "./baileys-logger.js";
import { backoffDelay, type DisconnectDecision, disconnectCode, disconnectPolicy } from "./disconnect-policy.js";
import { type HeldNumberLock, lockRefusal, type NumberLock } from "./number-lock.js";
import { type SentCopies, sentCopies } from "./sent-copies.js";
import type { SocketFactory, WhatsAppSocket } from "./socket.js";
import type { WhatsAppStorage } from "./storage.js";
import { ttlCache } from "./ttl-cache.js";

export type ConnectionPhase =
  /** Not started, or stopped. */
  | "stopped"
  /** Taking the number's lock and loading the session. */
  | "starting"
  | "connecting"
  | "open"
  /** Closed by a transient error: reconnecting at `nextAttemptAt`. */
  | "reconnecting"
  /** No linked number for this session: waiting for `npm run whatsapp:link`. */
  | "not_linked"
  /** 401: the creds were deleted; waiting for the number to be linked again. */
  | "logged_out"
  /** 440: another socket uses these creds; stopped, never looping. */
  | "replaced"
  /** 403 / 411: stopped, often before a ban. */
  | "blocked"
  /** 405: this Baileys speaks a WhatsApp Web version that is refused. */
  | "outdated"
  /** Another process holds the number: this one waits and takes over if it goes. */
  | "standby"
  /** Linking mode only: the link did not succeed (see `detail`). */
  | "failed";

/** The connection's state as /healthz shows it: no phone number, no JID. */
export interface ConnectionStatus {
  session: string;
  phase: ConnectionPhase;
  /** True only while the socket is open. */
  healthy: boolean;
  /** Whether the session's creds are registered (the phone confirmed the link). */
  linked: boolean;
  since: string;
  /** Plain words for the operator: what is happening and what to do. */
  detail: string;
  lastDisconnect?: { code: number | undefined; reason: string; at: string };
  nextAttemptAt?: string;
  /** Failed connections in a row (reset after a connection stayed open a while). */
  failures: number;
  /** WhatsApp's "reach-out" restriction on this number, while it lasts. */
  reachoutLockedUntil?: string;
}

export type LinkMode =
  | { kind: "serve" }
  | {
      kind: "link";
      /** Digits with country code: ask a pairing code once, on the first QR event. Without: show QRs. */
      phone?: string;
      onPairingCode?(code: string): void;
      onQr?(qr: string): void;
    };

export interface OperatorAlert {
  session: string;
  phase: ConnectionPhase;
  code?: number;
  message: string;
}

export interface Timers {
  set(run: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimers: Timers = {
  set(run, ms) {
    const handle = setTimeout(run, ms);
    handle.unref();
    return handle;
  },
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface WhatsAppConnectionOptions {
  session: string;
  storage: WhatsAppStorage;
  lock: NumberLock;
  makeSocket: SocketFactory;
  log: Log;
  baileysLogLevel?: BaileysLogLevel;
  mode?: LinkMode;
  /** Called with every new socket, after the connection's own handlers: attach the inbound handlers here. */
  onSocket?(socket: WhatsAppSocket): void;
  /** Told whenever the status changes. */
  onStatus?(status: ConnectionStatus): void;
  /** Things an operator must know (also logged at error or warn level). */
  onAlert?(alert: OperatorAlert): void;
  backoff?: { initialMs?: number; maxMs?: number; random?: () => number };
  /** A connection that stayed open this long resets the failure count. */
  stableMs?: number;
  /** How often a process in standby, not linked or logged out looks again. */
  recheckMs?: number;
  /** How long copies of sent messages are kept for retries. */
  sentCopyTtlMs?: number;
  now?: () => Date;
  timers?: Timers;
}

export interface WhatsAppConnection {
  /** Takes the number's lock, loads the session and connects. Never throws for WhatsApp's sake. */
  start(): Promise<void>;
  /** Closes the socket (no logout), finishes pending creds writes and releases the lock. */
  stop(): Promise<void>;
  status(): ConnectionStatus;
  /** The open socket, if any. */
  socket(): WhatsAppSocket | undefined;
  /** The live socket's own account (to recognise the number's own messages). */
  me(): { id?: string | null; lid?: string | null } | undefined;
  /** Sent-message copies for `getMessage` (the outbox keeps a copy of each message it sends). */
  sent: SentCopies;
}

const HOUR = 60 * 60 * 1000;

/**
 * The life of one linked number's socket: a new socket on every (re)connect with the handlers
 * re-attached, the connection policy applied to every close (see disconnect-policy.ts), the
 * creds saved on every update and flushed before reconnecting, one process per number.
 */
export function createWhatsAppConnection(options: WhatsAppConnectionOptions): WhatsAppConnection {
  const { session, storage, log } = options;
  const mode = options.mode ?? { kind: "serve" };
  const timers = options.timers ?? realTimers;
  const now = options.now ?? (() => new Date());
  const backoff = {
    initialMs: options.backoff?.initialMs ?? 2_000,
    maxMs: options.backoff?.maxMs ?? 5 * 60_000,
    random: options.backoff?.random ?? Math.random,
  };
  const stableMs = options.stableMs ?? 60_000;
  const recheckMs = options.recheckMs ?? 60_000;
  const logger: BaileysLogger = baileysLogger(log, options.baileysLogLevel ?? "warn");
  const retryCounters = ttlCache({ ttlMs: HOUR, max: 10_000 });
  const sent = sentCopies({
    log: storage.sent,
    session,
    logger: log,
    ...(options.sentCopyTtlMs ? { ttlMs: options.sentCopyTtlMs } : {}),
  });

  let status: ConnectionStatus = {
    session,
    phase: "stopped",
    healthy: false,
    linked: false,
    since: now().toISOString(),
    detail: "not started",
    failures: 0,
  };
  let stopped = true;
  let lock: HeldNumberLock | undefined;
  let auth: StoredAuthState | undefined;
  let current: WhatsAppSocket | undefined;
  let openSocket: WhatsAppSocket | undefined;
  let openedAt: number | undefined;
  let timer: unknown;
  let alerted500 = false;
  /** The number was logged out (401) and not linked again since. */
  let loggedOut = false;
  /** The phase last told to the operator by `notLinked` (told once, not at every look). */
  let told: ConnectionPhase | undefined;
  /** Sockets we end on purpose: their close is not a disconnect to act on. */
  const endedOnPurpose = new WeakSet<WhatsAppSocket>();

  function update(changes: Partial<ConnectionStatus>): void {
    const next: ConnectionStatus = { ...status, ...changes };
    if (changes.phase && changes.phase !== status.phase) next.since = now().toISOString();
    // a time for the next attempt holds only for the update that set it
    if (changes.phase && !("nextAttemptAt" in changes)) delete next.nextAttemptAt;
    if (next.reachoutLockedUntil === undefined) delete next.reachoutLockedUntil;
    next.healthy = next.phase === "open";
    status = next;
    options.onStatus?.({ ...status });
  }

  function alert(phase: ConnectionPhase, message: string, code?: number, level: "error" | "warn" = "error"): void {
    log[level]({ session, phase, code }, `WhatsApp: ${message}`);
    options.onAlert?.({ session, phase, message, ...(code !== undefined ? { code } : {}) });
  }

  function schedule(run: () => void, ms: number): void {
    timers.clear(timer);
    timer = timers.set(() => {
      timer = undefined;
      if (!stopped) run();
    }, ms);
  }

  async function releaseLock(): Promise<void> {
    const held = lock;
    lock = undefined;
    await held?.release().catch((error) => log.warn({ err: error, session }, "WhatsApp: could not release the lock"));
  }

  /** Takes the lock (or waits in standby), loads the session, then connects or waits for a link. */
  async function begin(): Promise<void> {
    if (stopped) return;
    // a process waiting (standby, not linked) keeps saying so while it looks again
    if (status.phase === "stopped") update({ phase: "starting", detail: "taking the number's lock" });
    let attempt: Awaited<ReturnType<NumberLock["acquire"]>>;
    try {
      attempt = await options.lock.acquire(session);
    } catch (error) {
      log.warn({ err: error, session }, "WhatsApp: could not take the number's lock, retrying");
      return waitAndBegin("standby", "the database did not answer while taking the number's lock; retrying");
    }
    if (stopped) {
      if (attempt.acquired) await attempt.lock.release();
      return;
    }
    if (!attempt.acquired) {
      const message = lockRefusal(session, attempt.holder);
      if (mode.kind === "link") return fail(message);
      if (told !== "standby") alert("standby", `${message} Waiting in standby.`, undefined, "warn");
      told = "standby";
      return waitAndBegin("standby", message);
    }
    const held = attempt.lock;
    lock = held;
    held.onLost((error) => {
      if (stopped || lock !== held) return;
      lock = undefined;
      log.error({ err: error, session }, "WhatsApp: the number's lock was lost; closing the socket");
      endCurrent();
      if (mode.kind === "link") void fail("the database connection holding the number's lock was lost");
      else waitAndBegin("standby", "the number's lock was lost with its database connection; taking it again");
    });
    try {
      auth = await loadAuthState(storage.auth, session, logger);
    } catch (error) {
      log.error({ err: error, session }, "WhatsApp: could not load the session");
      await releaseLock();
      if (mode.kind === "link") return fail("could not load the session from the database");
      return waitAndBegin("starting", "could not load the session from the database; retrying");
    }
    update({ linked: auth.registered() });
    // after a logout the status says so until the number is linked again
    if (mode.kind === "serve" && !auth.registered()) return notLinked(loggedOut ? "logged_out" : "not_linked");
    loggedOut = false;
    told = undefined;
    connect();
  }

  function waitAndBegin(phase: ConnectionPhase, detail: string): void {
    update({ phase, detail, nextAttemptAt: new Date(now().getTime() + recheckMs).toISOString() });
    schedule(() => void begin(), recheckMs);
  }

  /** Nothing to connect: let `whatsapp:link` take the lock, and look again from time to time. */
  async function notLinked(phase: "not_linked" | "logged_out", code?: number): Promise<void> {
    await releaseLock();
    const detail =
      phase === "not_linked"
        ? `no WhatsApp number is linked to session "${session}": run npm run whatsapp:link -- --phone <number>`
        : `WhatsApp logged this number out (session "${session}"); its creds and keys were deleted: link it again with npm run whatsapp:link -- --phone <number>`;
    if (told !== phase) alert(phase, detail, code, phase === "logged_out" ? "error" : "warn");
    told = phase;
    waitAndBegin(phase, detail);
  }

  async function fail(detail: string, code?: number): Promise<void> {
    endCurrent();
    await auth?.flush();
    await releaseLock();
    stopped = true;
    update({
      phase: "failed",
      detail,
      ...(code !== undefined ? { lastDisconnect: lastDisconnect(code, detail) } : {}),
    });
  }

  function lastDisconnect(code: number | undefined, reason: string) {
    return { code, reason, at: now().toISOString() };
  }

  function endCurrent(): void {
    const socket = current;
    current = undefined;
    openSocket = undefined;
    if (!socket) return;
    endedOnPurpose.add(socket);
    socket.end(undefined).catch(() => {});
  }

  function connect(): void {
    if (stopped || !auth) return;
    const state = auth;
    const socket = options.makeSocket({
      auth: state.state,
      logger,
      getMessage: sent.getMessage,
      msgRetryCounterCache: retryCounters,
    });
    current = socket;
    let pairingAsked = false;
    socket.ev.on("creds.update", () => {
      state.saveCreds().catch((error) => log.error({ err: error, session }, "WhatsApp: saving the creds failed"));
    });
    socket.ev.on("connection.update", (change) => {
      if (socket !== current) return;
      onUpdate(socket, change, () => {
        if (pairingAsked) return false;
        pairingAsked = true;
        return true;
      });
    });
    options.onSocket?.(socket);
    update({ phase: "connecting", detail: "connecting to WhatsApp" });
  }

  function onUpdate(socket: WhatsAppSocket, change: Partial<ConnectionState>, firstPairing: () => boolean): void {
    if (change.reachoutTimeLock) {
      const lock = change.reachoutTimeLock;
      const until = lock.isActive ? lock.timeEnforcementEnds?.toISOString() : undefined;
      if (until) alert(status.phase, `WhatsApp restricts this number from reaching new contacts until ${until}`);
      update(until ? { reachoutLockedUntil: until } : { reachoutLockedUntil: undefined });
    }
    if (change.qr && !auth?.registered()) onQr(socket, change.qr, firstPairing);
    if (change.connection === "open") {
      openSocket = socket;
      openedAt = now().getTime();
      alerted500 = false;
      update({ phase: "open", detail: "connected", linked: auth?.registered() ?? false });
    }
    if (change.connection === "close") void onClose(socket, change.lastDisconnect?.error);
  }

  function onQr(socket: WhatsAppSocket, qr: string, firstPairing: () => boolean): void {
    if (mode.kind === "serve") {
      // the app never links by itself: `whatsapp:link` does, with a person at the phone
      endCurrent();
      void notLinked("not_linked");
      return;
    }
    if (mode.phone) {
      if (!firstPairing()) return;
      socket.requestPairingCode(mode.phone).then(
        (code) => mode.onPairingCode?.(code),
        (error) => {
          log.error({ err: error, session }, "WhatsApp: asking a pairing code failed");
          void fail(
            `WhatsApp did not give a pairing code (${disconnectCode(error) ?? "error"}): try again in a few minutes`,
          );
        },
      );
      return;
    }
    mode.onQr?.(qr);
  }

  async function onClose(socket: WhatsAppSocket, error: unknown): Promise<void> {
    if (socket !== current && !endedOnPurpose.has(socket)) return;
    if (socket === current) current = undefined;
    if (openSocket === socket) openSocket = undefined;
    // the pending creds write finishes before anything else uses the creds
    await auth?.flush();
    if (stopped || endedOnPurpose.has(socket)) return;
    const code = disconnectCode(error);
    const decision = disconnectPolicy(code);
    const at = now().getTime();
    const wasStable = openedAt !== undefined && at - openedAt >= stableMs;
    openedAt = undefined;
    // 515 is the normal restart after pairing: not worth a warning
    log[decision.action.do === "reconnect_now" ? "info" : "warn"](
      { session, code, reason: decision.reason },
      "WhatsApp connection closed",
    );
    update({ lastDisconnect: lastDisconnect(code, decision.reason) });
    if (mode.kind === "link") return onLinkClose(code, decision);
    await act(code, decision, wasStable);
  }

  async function act(code: number | undefined, decision: DisconnectDecision, wasStable: boolean): Promise<void> {
    const { action } = decision;
    switch (action.do) {
      case "reconnect_now":
        connect();
        return;
      case "logged_out":
        await storage.auth
          .deleteSession(session)
          .catch((error) => log.error({ err: error, session }, "WhatsApp: deleting the logged-out session failed"));
        auth = undefined;
        loggedOut = true;
        update({ linked: false });
        return notLinked("logged_out", code);
      case "stop": {
        // the lock stays held: a process in standby must not take over and loop the same way
        const detail = `${decision.reason}. ${decision.advice ?? ""}`.trim();
        alert(action.phase, detail, code);
        update({ phase: action.phase, detail });
        return;
      }
      case "backoff": {
        const failures = (wasStable ? 0 : status.failures) + 1;
        const delay = backoffDelay(failures, backoff);
        if (action.alertAfter !== undefined && failures >= action.alertAfter && !alerted500) {
          alerted500 = true;
          alert(
            "reconnecting",
            `${decision.reason}, ${failures} times in a row. ${decision.advice ?? ""}`.trim(),
            code,
          );
        }
        update({
          phase: "reconnecting",
          failures,
          detail: `${decision.reason}; reconnecting in ${Math.round(delay / 1000)} s`,
          nextAttemptAt: new Date(now().getTime() + delay).toISOString(),
        });
        schedule(connect, delay);
        return;
      }
    }
  }

  /** While linking, only 515 (pairing done, restart) reconnects: repeated tries get rate-limited. */
  async function onLinkClose(code: number | undefined, decision: DisconnectDecision): Promise<void> {
    if (decision.action.do === "reconnect_now") {
      connect();
      return;
    }
    if (decision.action.do === "logged_out") {
      await storage.auth.deleteSession(session).catch(() => {});
      return fail("WhatsApp refused the link (401): run the command again for a new code", code);
    }
    const detail =
      code === 408
        ? "the code expired before it was used: run the command again"
        : `the connection closed before the link was complete: ${decision.reason}${decision.advice ? `. ${decision.advice}` : ""}`;
    return fail(detail, code);
  }

  return {
    async start() {
      if (!stopped) return;
      stopped = false;
      await begin();
    },
    async stop() {
      stopped = true;
      timers.clear(timer);
      timer = undefined;
      endCurrent();
      await auth?.flush();
      await releaseLock();
      if (status.phase !== "failed") update({ phase: "stopped", detail: "stopped" });
    },
    status: () => ({ ...status }),
    socket: () => openSocket,
    me: () => current?.user ?? openSocket?.user ?? auth?.state.creds.me,
    sent,
  };
}
