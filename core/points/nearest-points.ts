import type { Clock } from "../clock.js";
import type { PointDetails, PointRepository } from "../ports.js";
import { addDays } from "../time/local-date.js";
import { localDateAt } from "../time/zoned-time.js";
import { createPointDirectory, type NearbyPoint, type PointDirectory } from "./point-directory.js";
import type { Coordinates } from "./types.js";

export interface NearestPointsFinder {
  nearest(
    from: Coordinates,
    options?: { k?: number; maxDistanceKm?: number; filter?: (p: PointDetails) => boolean },
  ): Promise<NearbyPoint[]>;
  point(pointId: string): Promise<PointDetails | undefined>;
  /** Forget the cached directory (after an import, for instance): the next call loads it again. */
  invalidate(): void;
  /** Resolves when no reload is under way (tests, shutdown). */
  settled(): Promise<void>;
}

/**
 * The nearest-points service: loads every active point once into an in-memory directory and
 * reloads it when older than `maxAgeMs`, one load at a time. A stale directory keeps answering
 * while the new one loads (a reload never makes a citizen wait); only the first load is waited for.
 */
export function createNearestPointsFinder(deps: {
  points: PointRepository;
  clock: Clock;
  timeZone: string;
  maxAgeMs?: number;
  /** Itinerant visits are kept this many days ahead (at least the booking horizon). */
  visitDays?: number;
}): NearestPointsFinder {
  const maxAge = deps.maxAgeMs ?? 60_000;
  const visitDays = Math.max(deps.visitDays ?? 60, 8);
  let current: { directory: PointDirectory; loadedAt: number } | undefined;
  let loading: Promise<PointDirectory> | undefined;

  async function directory(): Promise<PointDirectory> {
    const now = deps.clock.now().getTime();
    if (current && now - current.loadedAt < maxAge) return current.directory;
    const reload = load();
    if (current) {
      reload.catch(() => {}); // the stale directory answers; the next call retries a failed reload
      return current.directory;
    }
    return reload;
  }

  function load(): Promise<PointDirectory> {
    loading ??= (async () => {
      try {
        const today = localDateAt(deps.clock.now(), deps.timeZone);
        const points = await deps.points.listActive({
          visitsFrom: addDays(today, -1),
          visitsUntil: addDays(today, visitDays),
        });
        const built = createPointDirectory(points);
        current = { directory: built, loadedAt: deps.clock.now().getTime() };
        return built;
      } finally {
        loading = undefined;
      }
    })();
    return loading;
  }

  return {
    async nearest(from, options = {}) {
      return (await directory()).nearest(from, {
        k: options.k ?? 3,
        now: deps.clock.now(),
        zone: deps.timeZone,
        ...(options.maxDistanceKm === undefined ? {} : { maxDistanceKm: options.maxDistanceKm }),
        ...(options.filter ? { filter: options.filter } : {}),
      });
    },
    async point(pointId) {
      return (await directory()).get(pointId);
    },
    invalidate() {
      current = undefined;
    },
    async settled() {
      await loading?.catch(() => {});
    },
  };
}
