import { fork } from "node:child_process";
import { once } from "node:events";
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { Queue } from "bullmq";
import { describe, expect, it } from "vitest";
import { telegramSender } from "../../../bots/telegram/telegram-sender.js";
import { bookSlot } from "../../../core/booking/book-slot.js";
import { acceptPrivacy } from "../../../core/citizens/accept-privacy.js";
import { messagesQueue } from "../../../workers/queues.js";
import { startFakeTelegram } from "../../support/fake-telegram/index.js";
import { createTestPoint, testCore } from "../../support/fixtures.js";
import { useIntegration } from "../../support/integration.js";
import { testEnv } from "../../support/test-env.js";
import { deleteKeys } from "../../support/test-redis.js";
import type { WorkerChildConfig } from "../../support/worker-child.js";
import { startTestWorkers } from "../../support/workers.js";

const CHILD = fileURLToPath(new URL("../../support/worker-child.ts", import.meta.url));
const NOW = "2026-12-01T09:00:00.000Z"; // Tue 10:00 in Rome: the day-before reminder of Wed 10:00 is due

/** A citizen on Telegram with bookings on Wednesday at the given hours (UTC); the clock at NOW. */
async function citizenWithBookings(ctx: ReturnType<typeof useIntegration>, userId: number, hours: number[]) {
  const core = testCore(ctx.db);
  const { citizen } = await acceptPrivacy(core, { channel: "telegram", externalId: String(userId) });
  const point = await createTestPoint(ctx.db, { bookable: 2 });
  const bookings = [];
  for (const hour of hours) {
    const { booking } = await bookSlot(core, {
      citizenId: citizen.id,
      pointId: point.id,
      service: "facilitazione",
      mode: "in_presenza",
      startsAt: new Date(`2026-12-02T${String(hour).padStart(2, "0")}:00:00Z`),
    });
    bookings.push(booking);
  }
  core.clock.set(NOW);
  return { core, bookings };
}

describe("workers under faults", () => {
  const ctx = useIntegration();

  it("a worker process killed mid-send leaves the message 'unknown', never sent twice; the others go out once", async () => {
    // a Telegram that takes the request and never answers: the worker is killed while it waits
    const hung: IncomingMessage[] = [];
    const hanging = createServer((req) => hung.push(req));
    await new Promise<void>((resolve) => hanging.listen(0, "127.0.0.1", resolve));
    const hangingRoot = `http://127.0.0.1:${(hanging.address() as AddressInfo).port}`;
    const fake = await startFakeTelegram();
    const userId = 8101;
    fake.addChat({ id: userId, type: "private", first_name: "Carla" });
    const { core, bookings } = await citizenWithBookings(ctx, userId, [9]);
    const [first] = bookings;

    const config: WorkerChildConfig = {
      databaseUrl: ctx.databaseUrl,
      redisUrl: testEnv.TEST_REDIS_URL,
      redisPrefix: ctx.redisPrefix,
      token: fake.token,
      apiRoot: hangingRoot,
      now: NOW,
      leaseMs: 60_000,
    };
    const child = fork(CHILD, [JSON.stringify(config)], { execArgv: ["--import", "tsx"], stdio: "ignore" });
    try {
      await expect.poll(() => hung.length, { timeout: 30_000, interval: 100 }).toBe(1);
      const row = await ctx.db.outboundMessage.findFirstOrThrow({ where: { bookingId: first?.id, state: "sending" } });
      child.kill("SIGKILL");
      await once(child, "exit");

      // a new worker, after the lease: the interrupted message becomes "unknown" and is not sent again
      core.clock.set(new Date(Date.parse(NOW) + 61_000));
      const sender = telegramSender({
        token: fake.token,
        apiRoot: fake.apiRoot,
        maxRetryDelaySeconds: 5,
        maxRetryAttempts: 2,
        timeoutSeconds: 10,
      });
      const workers = await startTestWorkers(ctx, { core, senders: { telegram: sender } });
      try {
        // (its start-up reconcile found the lapsed lease)
        const after = await ctx.db.outboundMessage.findUniqueOrThrow({ where: { id: row.id } });
        expect(after).toMatchObject({ state: "unknown", reason: "lease_expired", attempts: 1 });

        // the same booking's 2-hour reminder is still to come: it goes out once, through the new worker
        core.clock.set(new Date("2026-12-02T07:00:00Z"));
        await workers.tick();
        await fake.waitForCall((c) => c.method === "sendMessage" && c.ok && c.chatId === userId, { timeoutMs: 15_000 });
        await workers.reconcile();
        await workers.tick();
        await new Promise((resolve) => setTimeout(resolve, 1_500));
        expect(fake.calls((c) => c.method === "sendMessage" && c.chatId === userId)).toHaveLength(1);
        expect(hung).toHaveLength(1); // the interrupted one was never tried again
        expect(
          (await ctx.db.outboundMessage.findMany({ where: { bookingId: first?.id } })).map((r) => r.state).sort(),
        ).toEqual(["sent", "unknown"]);
      } finally {
        await workers.stop();
      }
    } finally {
      child.kill("SIGKILL");
      for (const req of hung) req.socket.destroy();
      hanging.close();
      await fake.close();
    }
  });

  it("after the test's own Redis keys are deleted, the reconciler restores every pending job and the schedulers", async () => {
    const fake = await startFakeTelegram();
    const userId = 8202;
    fake.addChat({ id: userId, type: "private", first_name: "Dino" });
    // Wed 10:00 (day-before reminder due now) and Wed 11:00 (due in an hour): both pending
    const { core, bookings } = await citizenWithBookings(ctx, userId, [9, 10]);
    core.clock.set(new Date(Date.parse(NOW) - 5 * 60_000)); // five minutes before the first is due
    const sender = telegramSender({
      token: fake.token,
      apiRoot: fake.apiRoot,
      maxRetryDelaySeconds: 5,
      maxRetryAttempts: 2,
      timeoutSeconds: 10,
    });
    const workers = await startTestWorkers(ctx, {
      core,
      senders: { telegram: sender },
      settings: { lookaheadMs: 2 * 3_600_000 },
    });
    const queue = new Queue(messagesQueue("telegram"), { connection: ctx.redis, prefix: ctx.redisPrefix });
    try {
      await workers.tick();
      await expect.poll(() => queue.getDelayedCount()).toBe(2);
      const chores = new Queue("chores", { connection: ctx.redis, prefix: ctx.redisPrefix });
      expect((await chores.getJobSchedulers()).map((s) => s.key)).toContain("expire-waitlist-offers");

      // Redis loses everything of this test (never the whole Redis: only our prefix)
      expect(await deleteKeys(ctx.redis, ctx.redisPrefix)).toBeGreaterThan(0);
      expect(await queue.getDelayedCount()).toBe(0);
      // the dispatcher already queued those rows: only the reconciler can bring them back
      await workers.tick();
      expect(await queue.getDelayedCount()).toBe(0);

      expect(await chores.getJobSchedulers()).toEqual([]);
      const report = await workers.reconcile();
      expect(report).toMatchObject({ ran: true, restored: 2 });
      expect(await queue.getDelayedCount()).toBe(2);
      expect((await chores.getJobSchedulers()).map((s) => s.key)).toContain("expire-waitlist-offers");
      await chores.close();

      // and the restored jobs deliver: the first one comes due, goes out once
      core.clock.set(NOW);
      const [job] = (await queue.getDelayed()).filter((j) => j.data.dueAt === Date.parse(NOW));
      await job?.promote();
      await fake.waitForCall((c) => c.method === "sendMessage" && c.ok && c.chatId === userId, { timeoutMs: 15_000 });
      await expect
        .poll(
          async () =>
            (
              await ctx.db.outboundMessage.findFirstOrThrow({
                where: { bookingId: bookings[0]?.id, state: { not: "cancelled" }, dueAt: new Date(NOW) },
              })
            ).state,
        )
        .toBe("sent");
      expect(fake.calls((c) => c.method === "sendMessage" && c.chatId === userId)).toHaveLength(1);
    } finally {
      await queue.close();
      await workers.stop();
      await fake.close();
    }
  });
});
