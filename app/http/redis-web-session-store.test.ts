import { describe, expect, it } from "vitest";
import { useIntegration } from "../../test/support/integration.js";
import { redisWebSessionStore } from "./redis-web-session-store.js";

describe("Redis web session store", () => {
  const ctx = useIntegration();
  const key = (k: string) => `${ctx.redisPrefix}:web-session:${k}`;

  it("creates, finds, renews and forgets sessions under the app's prefix", async () => {
    const store = redisWebSessionStore(ctx.redis, { prefix: ctx.redisPrefix });
    expect(await store.find("a")).toBeNull();
    await store.create("a", { chatId: "chat-1", consented: false }, 60);
    expect(await store.find("a")).toEqual({ chatId: "chat-1", consented: false });
    expect(await ctx.redis.ttl(key("a"))).toBeGreaterThan(50);
    expect(await store.touch("a", 3_600)).toBe(true);
    expect(await ctx.redis.ttl(key("a"))).toBeGreaterThan(3_500);
    expect(await store.touch("missing", 60)).toBe(false);
    expect(await ctx.redis.exists(key("missing"))).toBe(0);
    // a value that is not ours is no session
    await ctx.redis.set(key("junk"), "{not json", "EX", 60);
    await ctx.redis.set(key("other"), JSON.stringify({ chatId: 7 }), "EX", 60);
    expect(await store.find("junk")).toBeNull();
    expect(await store.find("other")).toBeNull();
  });

  it("replaces a session atomically: of racing replacements exactly one wins", async () => {
    const store = redisWebSessionStore(ctx.redis, { prefix: ctx.redisPrefix });
    await store.create("old", { chatId: "chat-2", consented: false }, 60);
    const results = await Promise.all(
      ["n1", "n2", "n3", "n4"].map((next) => store.replace("old", next, { chatId: "chat-2", consented: true }, 120)),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    const winner = ["n1", "n2", "n3", "n4"][results.indexOf(true)] ?? "";
    expect(await store.find("old")).toBeNull();
    expect(await store.find(winner)).toEqual({ chatId: "chat-2", consented: true });
    expect(await ctx.redis.ttl(key(winner))).toBeGreaterThan(100);
    const losers = ["n1", "n2", "n3", "n4"].filter((k) => k !== winner);
    for (const loser of losers) expect(await ctx.redis.exists(key(loser))).toBe(0);
  });
});
