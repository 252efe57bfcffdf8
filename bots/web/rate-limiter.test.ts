import { describe, expect, it } from "vitest";
import { slidingWindowLimiter } from "./rate-limiter.js";

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe("slidingWindowLimiter", () => {
  it("lets max messages through per window, then says how long to wait", () => {
    const time = clock();
    const limiter = slidingWindowLimiter({ max: 3, windowMs: 10_000, now: time.now });
    expect([limiter.take("a"), limiter.take("a"), limiter.take("a")]).toEqual(Array(3).fill({ allowed: true }));
    time.advance(2_500);
    expect(limiter.take("a")).toEqual({ allowed: false, retryAfterSeconds: 8 });
    // another session is not affected
    expect(limiter.take("b")).toEqual({ allowed: true });
  });

  it("slides: a message leaves the window exactly windowMs after it was counted; refusals are not counted", () => {
    const time = clock();
    const limiter = slidingWindowLimiter({ max: 2, windowMs: 1_000, now: time.now });
    limiter.take("a");
    time.advance(600);
    limiter.take("a");
    time.advance(399);
    expect(limiter.take("a").allowed).toBe(false);
    expect(limiter.take("a").allowed).toBe(false);
    time.advance(1); // the first message is now 1000 ms old
    expect(limiter.take("a").allowed).toBe(true);
    expect(limiter.take("a").allowed).toBe(false);
  });

  it("keeps at most maxKeys sessions in memory, forgetting idle ones first", () => {
    const time = clock();
    const limiter = slidingWindowLimiter({ max: 1, windowMs: 1_000, now: time.now, maxKeys: 2 });
    limiter.take("old");
    time.advance(5_000);
    limiter.take("busy");
    limiter.take("new"); // "old" is idle and forgotten
    expect(limiter.take("busy").allowed).toBe(false);
    expect(limiter.take("new").allowed).toBe(false);
    limiter.take("newer"); // nobody idle: the least recently seen ("busy") goes
    expect(limiter.take("newer").allowed).toBe(false);
    expect(limiter.take("busy").allowed).toBe(true);
  });
});
