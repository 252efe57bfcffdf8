import { describe, expect, it } from "vitest";
import { SportelloError } from "../errors.js";
import { distanceKm } from "./distance.js";
import { createNearestIndex, type IndexedPoint } from "./nearest-index.js";

/** Deterministic pseudo-random numbers (mulberry32). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const torino = { lat: 45.0703, lon: 7.6869 };
const milano = { lat: 45.4642, lon: 9.19 };

describe("distanceKm", () => {
  it("measures great-circle distances", () => {
    expect(distanceKm(torino, milano)).toBeGreaterThan(124);
    expect(distanceKm(torino, milano)).toBeLessThan(128);
    expect(distanceKm(torino, torino)).toBe(0);
    expect(distanceKm({ lat: 0, lon: 0 }, { lat: 0, lon: 180 })).toBeCloseTo(Math.PI * 6371, 0);
  });
});

describe("createNearestIndex", () => {
  it("agrees with a brute-force search", () => {
    const next = random(42);
    const points: IndexedPoint[] = Array.from({ length: 2000 }, (_, i) => ({
      id: `p${i}`,
      lat: 36.5 + next() * 10,
      lon: 7 + next() * 11,
    }));
    const index = createNearestIndex(points);
    for (let q = 0; q < 200; q++) {
      const here = { lat: 36.5 + next() * 10, lon: 7 + next() * 11 };
      const maxKm = q % 2 === 0 ? undefined : 5 + next() * 40;
      const expected = points
        .map((p) => ({ id: p.id, distanceKm: distanceKm(here, p) }))
        .filter((p) => maxKm === undefined || p.distanceKm <= maxKm)
        .sort((a, b) => a.distanceKm - b.distanceKm)
        .slice(0, 3);
      const actual = index.nearest(here.lat, here.lon, 3, maxKm);
      expect(actual.map((h) => h.id)).toEqual(expected.map((p) => p.id));
      for (const [i, hit] of actual.entries()) {
        expect(hit.distanceKm).toBeCloseTo(expected[i]?.distanceKm ?? Number.NaN, 6);
      }
    }
  });

  it("returns every point when k is larger than the index, nearest first", () => {
    const index = createNearestIndex([
      { id: "milano", ...milano },
      { id: "torino", ...torino },
    ]);
    expect(index.size).toBe(2);
    const hits = index.nearest(torino.lat, torino.lon, 10);
    expect(hits.map((h) => h.id)).toEqual(["torino", "milano"]);
    expect(hits[0]).toEqual({ id: "torino", ...torino, distanceKm: 0 });
    expect(index.nearest(torino.lat, torino.lon, Number.POSITIVE_INFINITY)).toHaveLength(2);
  });

  it("leaves out points beyond the maximum distance", () => {
    const index = createNearestIndex([
      { id: "milano", ...milano },
      { id: "torino", ...torino },
    ]);
    expect(index.nearest(torino.lat, torino.lon, 3, 100).map((h) => h.id)).toEqual(["torino"]);
    expect(index.nearest(45.3, 8.4, 3, 10)).toEqual([]);
    expect(index.nearest(torino.lat, torino.lon, 3, 0).map((h) => h.id)).toEqual(["torino"]);
  });

  it("answers an empty index, and k = 0, with no hits", () => {
    expect(createNearestIndex([]).nearest(45, 7, 3)).toEqual([]);
    expect(createNearestIndex([]).size).toBe(0);
    expect(createNearestIndex([{ id: "torino", ...torino }]).nearest(45, 7, 0)).toEqual([]);
  });

  it("handles points at identical coordinates", () => {
    const index = createNearestIndex([
      { id: "a", ...torino },
      { id: "b", ...torino },
      { id: "c", ...torino },
      { id: "milano", ...milano },
    ]);
    const two = index.nearest(torino.lat, torino.lon, 2);
    expect(two).toHaveLength(2);
    expect(new Set(two.map((h) => h.id)).size).toBe(2);
    expect(two.every((h) => ["a", "b", "c"].includes(h.id) && h.distanceKm === 0)).toBe(true);
    expect(
      index
        .nearest(torino.lat, torino.lon, 5)
        .map((h) => h.id)
        .sort(),
    ).toEqual(["a", "b", "c", "milano"]);
  });

  it("returns each id once, at its nearest place, when an id is indexed several times", () => {
    const index = createNearestIndex([
      { id: "point-1", lat: 45.0, lon: 7.6 },
      { id: "point-1", lat: 45.01, lon: 7.6 },
      { id: "point-1", lat: 45.02, lon: 7.6 },
      { id: "point-2", lat: 45.2, lon: 7.6 },
    ]);
    expect(index.size).toBe(2);
    const hits = index.nearest(45.0, 7.6, 2);
    expect(hits.map((h) => [h.id, h.lat])).toEqual([
      ["point-1", 45.0],
      ["point-2", 45.2],
    ]);
  });

  it("is not affected by later changes to the caller's array", () => {
    const points: IndexedPoint[] = [{ id: "torino", ...torino }];
    const index = createNearestIndex(points);
    points[0] = { id: "changed", ...milano };
    expect(index.nearest(torino.lat, torino.lon, 1)[0]?.id).toBe("torino");
  });

  it("rejects invalid coordinates and arguments with a validation error", () => {
    expect(() => createNearestIndex([{ id: "x", lat: 91, lon: 0 }])).toThrow(SportelloError);
    expect(() => createNearestIndex([{ id: "x", lat: Number.NaN, lon: 0 }])).toThrow(SportelloError);
    const index = createNearestIndex([{ id: "torino", ...torino }]);
    for (const call of [
      () => index.nearest(Number.NaN, 7, 3),
      () => index.nearest(45, 181, 3),
      () => index.nearest(45, 7, -1),
      () => index.nearest(45, 7, Number.NaN),
      () => index.nearest(45, 7, 3, -5),
    ]) {
      try {
        call();
        expect.unreachable("should have thrown");
      } catch (error) {
        expect(error).toBeInstanceOf(SportelloError);
        expect((error as SportelloError).code).toBe("validation");
      }
    }
  });
});
