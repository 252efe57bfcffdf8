export type ProbeStatus = "up" | "down";

export interface HealthReport {
  status: "ok" | "degraded";
  checks: Record<string, { status: ProbeStatus; latencyMs: number; error?: string }>;
  /** The WhatsApp number's connection, when WhatsApp is on (no phone number or JID in it). */
  whatsapp?: unknown;
}

export type Probe = () => Promise<unknown>;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    // Timers run before I/O in each turn of the event loop: after a busy stretch, an answer that
    // arrived in time would lose to the timer. setImmediate runs after that turn's I/O, so an
    // answer already there wins; a real silence still fails.
    timer = setTimeout(() => setImmediate(() => reject(new Error(`no answer within ${ms} ms`))), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Runs every probe in parallel, each bounded by `timeoutMs`, and never throws. */
export async function checkHealth(probes: Record<string, Probe>, timeoutMs = 1_000): Promise<HealthReport> {
  const entries = await Promise.all(
    Object.entries(probes).map(async ([name, probe]) => {
      const started = performance.now();
      try {
        await withTimeout(Promise.resolve().then(probe), timeoutMs);
        return [name, { status: "up" as const, latencyMs: Math.round(performance.now() - started) }] as const;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        return [
          name,
          { status: "down" as const, latencyMs: Math.round(performance.now() - started), error: message.slice(0, 200) },
        ] as const;
      }
    }),
  );
  const checks = Object.fromEntries(entries);
  const status = entries.every(([, check]) => check.status === "up") ? "ok" : "degraded";
  return { status, checks };
}
