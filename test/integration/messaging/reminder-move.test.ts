import { describe, expect, it } from "vitest";
import { bookSlot } from "../../../core/booking/book-slot.js";
import { cancelBooking } from "../../../core/booking/cancel-booking.js";
import { capturingSender } from "../../support/capturing-sender.js";
import { engineChat, testEngine } from "../../support/engine-chat.js";
import { createTestPoint, testCore } from "../../support/fixtures.js";
import { useIntegration } from "../../support/integration.js";
import { startTestWorkers } from "../../support/workers.js";

const WED_10 = new Date("2026-12-02T09:00:00Z"); // Wed 2 Dec, 10:00 in Rome
const THU_15 = new Date("2026-12-03T14:00:00Z"); // Thu 3 Dec, 15:00 in Rome

describe("the reminder's «Sposta» button", () => {
  const ctx = useIntegration();

  async function setUp() {
    const core = testCore(ctx.db); // Tue 1 Dec 2026, 08:00 in Rome
    const engine = testEngine(ctx, core);
    const capture = capturingSender();
    const workers = await startTestWorkers(ctx, { core, engine, senders: { web: capture.sender } });
    const point = await createTestPoint(ctx.db);
    const chat = engineChat(engine);
    await chat.say("ciao");
    await chat.press("Italiano");
    await chat.press("Accetto");
    const { citizenId } = await ctx.db.channelIdentity.findFirstOrThrow({
      where: { externalId: chat.identity.userId },
    });
    const { booking } = await bookSlot(core, {
      citizenId,
      pointId: point.id,
      service: "facilitazione",
      mode: "in_presenza",
      startsAt: WED_10,
    });
    try {
      // the day-before reminder is due Tue 10:00 in Rome
      core.clock.advance(2 * 60 * 60_000);
      await workers.tick();
      await expect
        .poll(() => capture.buttons(chat.identity.userId).map((c) => c.label))
        .toEqual(["Ci sarò", "Sposta", "Annulla l'appuntamento"]);
      expect(capture.textOf(chat.identity.userId)).toBe(
        "⏰ Promemoria: domani alle 10:00 hai un appuntamento con un facilitatore digitale.\n" +
          "Dove: Biblioteca di prova, Via Garibaldi 1, 10122 Torino\n\nCi sarai?",
      );
      // (the row is marked sent right after the send returns)
      await expect
        .poll(() => ctx.db.outboundMessage.count({ where: { bookingId: booking.id, state: "sent" } }))
        .toBe(1);
    } catch (error) {
      await workers.stop();
      throw error;
    }
    const sposta = capture.buttons(chat.identity.userId).find((c) => c.label === "Sposta")?.id ?? "";
    const occupied = async () =>
      (
        await ctx.db.slotOccupancy.findMany({
          where: { pointId: point.id, booked: { gt: 0 } },
          orderBy: { unitStart: "asc" },
        })
      ).map((o) => [o.unitStart.toISOString(), o.booked]);
    const reminders = async () =>
      (
        await ctx.db.outboundMessage.findMany({
          where: { bookingId: booking.id, kind: "booking.reminder" },
          orderBy: [{ dueAt: "asc" }],
        })
      ).map((r) => [r.dueAt.toISOString(), r.state, r.reason, (r.params as { startsAt?: string }).startsAt]);
    return { core, workers, chat, booking, sposta, occupied, reminders, citizenId };
  }

  it("pressed from a delivered reminder, leads into rescheduling and moves the booking, its reminders and its seat", async () => {
    const { workers, chat, booking, sposta, occupied, reminders } = await setUp();
    try {
      const before = await occupied();
      expect(before.length).toBeGreaterThan(0);
      expect(before.every(([unit]) => String(unit).startsWith("2026-12-02T09"))).toBe(true);

      await chat.send({ kind: "button", data: sposta });
      expect(chat.text()).toContain("In che giorno vuoi spostarlo?");
      await chat.say("3/12");
      await chat.press("15:00");
      expect(chat.text()).toContain("Sposto l'appuntamento a giovedì 3 dicembre alle 15:00. Va bene?");
      await chat.say("sì");
      expect(chat.text()).toContain("L'appuntamento ora è giovedì 3 dicembre alle 15:00");

      const moved = await ctx.db.booking.findUniqueOrThrow({ where: { id: booking.id } });
      expect(moved).toMatchObject({ status: "confirmed", startsAt: THU_15, sequence: 1 });
      expect(await ctx.db.booking.count({ where: { citizenId: booking.citizenId } })).toBe(1);
      expect(await reminders()).toEqual([
        ["2026-12-01T09:00:00.000Z", "sent", null, WED_10.toISOString()],
        ["2026-12-02T07:00:00.000Z", "cancelled", "rescheduled", WED_10.toISOString()],
        ["2026-12-02T14:00:00.000Z", "pending", null, THU_15.toISOString()],
        ["2026-12-03T12:00:00.000Z", "pending", null, THU_15.toISOString()],
      ]);
      const after = await occupied();
      expect(after.map(([, n]) => n)).toEqual(before.map(([, n]) => n));
      expect(after.every(([unit]) => String(unit).startsWith("2026-12-03T14"))).toBe(true);
    } finally {
      await workers.stop();
    }
  });

  it("pressed after the booking was cancelled, answers kindly and changes nothing", async () => {
    const { workers, chat, booking, sposta, occupied, reminders, citizenId, core } = await setUp();
    try {
      await cancelBooking(core, {
        bookingId: booking.id,
        actor: "citizen",
        actorId: citizenId,
        reason: "non_posso_piu",
      });
      const rowsBefore = await reminders();
      const cancelled = await ctx.db.booking.findUniqueOrThrow({ where: { id: booking.id } });

      await chat.send({ kind: "button", data: sposta });
      expect(chat.text()).toBe("Questo appuntamento non c'è più. È stato annullato, o è già passato.\nCosa vuoi fare?");
      expect(chat.text()).not.toContain("In che giorno vuoi spostarlo?");
      // typing a day now does not move anything either
      await chat.say("3/12");
      expect(await ctx.db.booking.findUniqueOrThrow({ where: { id: booking.id } })).toEqual(cancelled);
      expect(await ctx.db.booking.count({ where: { citizenId } })).toBe(1);
      expect(await reminders()).toEqual(rowsBefore);
      expect(await occupied()).toEqual([]);
    } finally {
      await workers.stop();
    }
  });
});
