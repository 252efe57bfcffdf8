import type { CacheStore } from "@whiskeysockets/baileys";

/**
 * A small in-memory `CacheStore` with expiry and a size bound, for Baileys' message retry
 * counters (its own default is a cache inside the socket, lost at every reconnect).
 */
export function ttlCache(options: { ttlMs: number; max: number; now?: () => number }): CacheStore & { size(): number } {
  const now = options.now ?? Date.now;
  const entries = new Map<string, { value: unknown; expires: number }>();
  const live = (key: string) => {
    const entry = entries.get(key);
    if (!entry) return undefined;
    if (entry.expires <= now()) {
      entries.delete(key);
      return undefined;
    }
    return entry;
  };
  return {
    get<T>(key: string) {
      return live(key)?.value as T | undefined;
    },
    set<T>(key: string, value: T) {
      entries.delete(key);
      entries.set(key, { value, expires: now() + options.ttlMs });
      // the oldest entries go first when full
      while (entries.size > options.max) {
        const oldest = entries.keys().next().value;
        if (oldest === undefined) break;
        entries.delete(oldest);
      }
    },
    del(key: string) {
      entries.delete(key);
    },
    flushAll() {
      entries.clear();
    },
    size: () => entries.size,
  };
}
