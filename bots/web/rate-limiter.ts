export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export interface RateLimiter {
  /** Counts one message for `key`, unless the key is already over its limit. */
  take(key: string): RateDecision;
}

export interface RateLimitOptions {
  /** At most this many messages… */
  max: number;
  /** …in any window of this many milliseconds. */
  windowMs: number;
  now?: () => number;
  /** Keys kept in memory at most; the idle ones are forgotten first. */
  maxKeys?: number;
}

/**
 * A sliding-window limiter in this process's memory. Refused messages are not counted, so
 * someone who waits is let through again.
 */
export function slidingWindowLimiter(options: RateLimitOptions): RateLimiter {
  const { max, windowMs } = options;
  const now = options.now ?? Date.now;
  const maxKeys = options.maxKeys ?? 10_000;
  const hits = new Map<string, number[]>();

  function forgetIdle(at: number): void {
    for (const [key, times] of hits) {
      if ((times.at(-1) ?? 0) <= at - windowMs) hits.delete(key);
    }
    // still too many active keys: forget the ones seen least recently
    for (const key of hits.keys()) {
      if (hits.size < maxKeys) break;
      hits.delete(key);
    }
  }

  return {
    take(key) {
      const at = now();
      const recent = (hits.get(key) ?? []).filter((t) => t > at - windowMs);
      const [oldest] = recent;
      if (recent.length >= max && oldest !== undefined) {
        hits.set(key, recent);
        return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((oldest + windowMs - at) / 1000)) };
      }
      recent.push(at);
      hits.delete(key); // re-insert: Map order is then least recently seen first
      if (hits.size >= maxKeys) forgetIdle(at);
      hits.set(key, recent);
      return { allowed: true };
    },
  };
}
