import { describe, expect, it } from "vitest";
import { bookSlot } from "../../../core/booking/book-slot.js";
import { cancelBooking } from "../../../core/booking/cancel-booking.js";
import { acceptPrivacy } from "../../../core/citizens/accept-privacy.js";
import { conversationKey } from "../../../core/conversation/engine.js";
import { expireWaitlistOffers } from "../../../core/waitlist/expire-offers.js";
import { joinWaitlist } from "../../../core/waitlist/join-waitlist.js";
import { capturingSender } from "../../support/capturing-sender.js";
import { engineChat, testEngine } from "../../support/engine-chat.js";
import { createTestPoint, testCore } from "../../support/fixtures.js";
import { useIntegration } from "../../support/integration.js";
import { startTestWorkers } from "../../support/workers.js";

const WED = "2026-12-02";
const SLOT = new Date("2026-12-02T09:00:00Z"); // the only slot: Wednesday 10:00-11:00, one seat

describe("waitlist offers pushed to the chat", () => {
  const ctx = useIntegration();

  async function setUp(waiting: number) {
    const core = testCore(ctx.db);
    const engine = testEngine(ctx, core);
    const capture = capturingSender();
    const workers = await startTestWorkers(ctx, { core, engine, senders: { web: capture.sender } });
    const point = await createTestPoint(ctx.db, {
      bookable: 1,
      name: "Centro Anziani",
      windows: [{ weekday: 3, shift: 1, opens: "10:00", closes: "11:00" }],
    });
    const holder = await acceptPrivacy(core, { channel: "web", externalId: `holder-${point.id}` });
    const { booking } = await bookSlot(core, {
      citizenId: holder.citizen.id,
      pointId: point.id,
      service: "facilitazione",
      mode: "in_presenza",
      startsAt: SLOT,
    });
    const chats = [];
    for (let i = 0; i < waiting; i++) {
      const chat = engineChat(engine);
      const { citizen } = await acceptPrivacy(core, { channel: "web", externalId: chat.identity.userId });
      const { entry } = await joinWaitlist(core, {
        citizenId: citizen.id,
        pointId: point.id,
        service: "facilitazione",
        date: WED,
      });
      core.clock.advance(1_000);
      chats.push({ chat, citizenId: citizen.id, entryId: entry.id });
    }
    const freeTheSeat = () =>
      cancelBooking(core, { bookingId: booking.id, actor: "citizen", actorId: holder.citizen.id });
    return { core, workers, capture, point, chats, freeTheSeat };
  }

  it("'Prenota' books the freed slot; pressed again, it says it is already booked", async () => {
    const { core, workers, capture, chats, freeTheSeat } = await setUp(1);
    try {
      const [first] = chats;
      if (!first) throw new Error("no chat");
      await freeTheSeat();
      await workers.tick();
      await expect
        .poll(() => capture.buttons(first.chat.identity.userId).map((c) => c.label))
        .toEqual(["Prenota", "No, grazie"]);
      const offer = capture.sent.get(first.chat.identity.userId)?.at(-1) ?? [];
      const text = offer.map((r) => ("text" in r ? r.text : "")).join("\n");
      expect(text).toContain("Si è liberato un posto a Centro Anziani: domani alle 10:00");
      expect(text).toContain("Puoi prenotarlo fino alle 10:00 di oggi.");

      const book = capture.buttons(first.chat.identity.userId)[0]?.id ?? "";
      await first.chat.send({ kind: "button", data: book });
      expect(first.chat.text()).toContain("Fatto! ✅ Ti aspettiamo domani alle 10:00.");
      const booked = await ctx.db.booking.findMany({ where: { citizenId: first.citizenId } });
      expect(booked.map((b) => [b.startsAt.toISOString(), b.status])).toEqual([[SLOT.toISOString(), "confirmed"]]);
      expect((await ctx.db.waitlistEntry.findUniqueOrThrow({ where: { id: first.entryId } })).status).toBe("booked");

      core.clock.advance(10_000); // not a double tap: a press much later
      await first.chat.send({ kind: "button", data: book });
      expect(first.chat.text()).toContain("Hai già prenotato questo posto");
      expect(await ctx.db.booking.count({ where: { citizenId: first.citizenId } })).toBe(1);
    } finally {
      await workers.stop();
    }
  });

  it("a press that comes before the message is marked sent still books", async () => {
    const { workers, capture, chats, freeTheSeat } = await setUp(1);
    try {
      const [first] = chats;
      if (!first) throw new Error("no chat");
      const seen: { state?: string; reply?: string } = {};
      capture.hook.whileSending = async (externalId) => {
        capture.hook.whileSending = undefined;
        const row = await ctx.db.outboundMessage.findFirstOrThrow({
          where: { kind: "waitlist.offer", address: externalId },
        });
        seen.state = row.state;
        await first.chat.send({ kind: "button", data: capture.buttons(externalId)[0]?.id ?? "" });
        seen.reply = first.chat.text();
      };
      await freeTheSeat();
      await workers.tick();
      await expect.poll(() => seen.reply).toBeDefined();
      expect(seen.state).toBe("sending");
      expect(seen.reply).toContain("Fatto! ✅ Ti aspettiamo domani alle 10:00.");
      expect(await ctx.db.booking.count({ where: { citizenId: first.citizenId, status: "confirmed" } })).toBe(1);
    } finally {
      await workers.stop();
    }
  });

  it("an offer that runs out passes to the next in line, who can take it by typing its number", async () => {
    const { core, workers, capture, chats, freeTheSeat } = await setUp(2);
    try {
      const [first, second] = chats;
      if (!first || !second) throw new Error("no chats");
      await freeTheSeat();
      await workers.tick();
      await expect.poll(() => capture.buttons(first.chat.identity.userId).length).toBe(2);
      expect(capture.sent.get(second.chat.identity.userId)).toBeUndefined();

      core.clock.advance(2 * 60 * 60_000 + 1_000); // the offer lasted two hours
      expect(await expireWaitlistOffers(core)).toEqual({ expired: 1, passedOn: 1 });
      await workers.tick();
      await expect.poll(() => capture.buttons(second.chat.identity.userId).length).toBe(2);
      // (the worker notes the offer in the second's conversation right after sending it)
      const key = `${ctx.redisPrefix}:conv:${conversationKey({ channel: "web", userId: second.chat.identity.userId })}`;
      await expect.poll(async () => JSON.parse((await ctx.redis.get(key)) ?? "{}").pushed?.messageId).toBeTruthy();

      // too late for the first: the press says so and books nothing
      await first.chat.send({ kind: "button", data: capture.buttons(first.chat.identity.userId)[0]?.id ?? "" });
      expect(first.chat.text()).toContain("il tempo per questo posto è finito");
      expect(await ctx.db.booking.count({ where: { citizenId: first.citizenId } })).toBe(0);

      // the second has no buttons (a channel like WhatsApp): typing "1" is "Prenota"
      await second.chat.say("1");
      expect(second.chat.text()).toContain("Fatto! ✅");
      expect(await ctx.db.booking.count({ where: { citizenId: second.citizenId, startsAt: SLOT } })).toBe(1);
    } finally {
      await workers.stop();
    }
  });

  it("'No, grazie' passes the offer on at once", async () => {
    const { workers, capture, chats, freeTheSeat } = await setUp(2);
    try {
      const [first, second] = chats;
      if (!first || !second) throw new Error("no chats");
      await freeTheSeat();
      await workers.tick();
      await expect.poll(() => capture.buttons(first.chat.identity.userId).length).toBe(2);
      await first.chat.send({ kind: "button", data: capture.buttons(first.chat.identity.userId)[1]?.id ?? "" });
      expect(first.chat.text()).toContain("Lo proponiamo a chi è dopo di te");
      expect((await ctx.db.waitlistEntry.findUniqueOrThrow({ where: { id: first.entryId } })).status).toBe("cancelled");
      await workers.tick();
      await expect
        .poll(() => capture.buttons(second.chat.identity.userId).map((c) => c.label))
        .toEqual(["Prenota", "No, grazie"]);
    } finally {
      await workers.stop();
    }
  });
});
