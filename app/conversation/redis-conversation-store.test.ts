import { describe, expect, it } from "vitest";
import { freshState } from "../../core/conversation/state.js";
import { useIntegration } from "../../test/support/integration.js";
import { redisConversationStore } from "./redis-conversation-store.js";

describe("Redis conversation store", () => {
  const ctx = useIntegration();

  it("loads, saves with a TTL, and forgets", async () => {
    const store = redisConversationStore(ctx.redis, { prefix: ctx.redisPrefix });
    const state = { ...freshState("it"), step: "menu" as const };
    expect(
      await store.withConversation("a", async (stored) => ({ next: state, ttlSeconds: 60, result: stored })),
    ).toBeNull();
    const loaded = await store.withConversation("a", async (stored) => ({
      next: stored,
      ttlSeconds: 60,
      result: stored,
    }));
    expect(loaded).toEqual(state);
    const ttl = await ctx.redis.ttl(`${ctx.redisPrefix}:conv:a`);
    expect(ttl).toBeGreaterThan(50);
    expect(ttl).toBeLessThanOrEqual(60);
    await store.withConversation("a", async () => ({ next: null, ttlSeconds: 60, result: undefined }));
    expect(await ctx.redis.exists(`${ctx.redisPrefix}:conv:a`)).toBe(0);
    expect(await ctx.redis.exists(`${ctx.redisPrefix}:conv-lock:a`)).toBe(0);
  });

  it("runs one turn of a chat at a time, in arrival order, and other chats meanwhile", async () => {
    const store = redisConversationStore(ctx.redis, { prefix: ctx.redisPrefix });
    const events: string[] = [];
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const first = store.withConversation("b", async () => {
      events.push("first starts");
      await gate;
      events.push("first ends");
      return { next: { ...freshState("it"), seq: 1 }, ttlSeconds: 60, result: 1 };
    });
    while (!events.includes("first starts")) await new Promise((resolve) => setImmediate(resolve));
    const second = store.withConversation("b", async (stored) => {
      events.push(`second sees seq ${stored?.seq}`);
      return { next: stored, ttlSeconds: 60, result: 2 };
    });
    const other = await store.withConversation("c", async () => {
      events.push("other chat");
      return { next: null, ttlSeconds: 60, result: 3 };
    });
    expect(other).toBe(3);
    release();
    expect(await Promise.all([first, second])).toEqual([1, 2]);
    expect(events).toEqual(["first starts", "other chat", "first ends", "second sees seq 1"]);
  });

  it("releases the lock when a turn fails, and never saves over a lock it lost", async () => {
    let lost = 0;
    const store = redisConversationStore(ctx.redis, {
      prefix: ctx.redisPrefix,
      lockTtlMs: 50,
      onLostLock: () => {
        lost += 1;
      },
    });
    await expect(
      store.withConversation("d", async () => {
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await ctx.redis.exists(`${ctx.redisPrefix}:conv-lock:d`)).toBe(0);

    // a turn slower than the lock's life: another instance takes over; the slow one must not write
    const slow = store.withConversation("e", async () => {
      await new Promise((resolve) => setTimeout(resolve, 120));
      return { next: { ...freshState("it"), seq: 99 }, ttlSeconds: 60, result: "slow" };
    });
    await new Promise((resolve) => setTimeout(resolve, 70));
    await store.withConversation("e", async () => ({
      next: { ...freshState("it"), seq: 7 },
      ttlSeconds: 60,
      result: "fast",
    }));
    expect(await slow).toBe("slow");
    const saved = JSON.parse((await ctx.redis.get(`${ctx.redisPrefix}:conv:e`)) ?? "{}");
    expect(saved.seq).toBe(7);
    expect(lost).toBe(1);
  });

  it("says kindly that the previous message is still being answered when the lock never frees", async () => {
    const store = redisConversationStore(ctx.redis, { prefix: ctx.redisPrefix, lockWaitMs: 50 });
    await ctx.redis.set(`${ctx.redisPrefix}:conv-lock:f`, "someone-else", "PX", 5_000);
    const error = await store
      .withConversation("f", async () => ({ next: null, ttlSeconds: 1, result: 0 }))
      .catch((e) => e);
    expect(error.code).toBe("unavailable");
    expect(error.userMessage).toContain("sto ancora rispondendo");
  });
});
