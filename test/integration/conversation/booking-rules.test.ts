import { afterEach, describe, expect, it } from "vitest";
import { bookSlot } from "../../../core/booking/book-slot.js";
import { joinWaitlist } from "../../../core/waitlist/join-waitlist.js";
import { ALL_CHANNELS, onboard, useCitizens } from "../../support/citizen.js";
import { testEngine } from "../../support/engine-chat.js";
import { createTestPoint, outcome, testCore } from "../../support/fixtures.js";
import { useIntegration } from "../../support/integration.js";

/**
 * What a booking tells the citizen, and when: remote appointments, days that are over, the limit
 * of open bookings, consent given later. Each scenario runs through the engine and through the
 * web chat's HTTP API. Points are opened by their deep link (p_<id>), as from a poster's QR code.
 */
describe("booking: told clearly, and in time", () => {
  const ctx = useIntegration();
  const open = useCitizens(afterEach);

  const lastCitizen = () => ctx.db.citizen.findFirstOrThrow({ orderBy: { createdAt: "desc" } });

  for (const channel of ALL_CHANNELS) {
    describe(channel, () => {
      it("a phone appointment shows the number we call, how it happens, and no address to go to (3)", async () => {
        const core = testCore(ctx.db);
        const point = await createTestPoint(ctx.db, { name: "Biblioteca al telefono" });
        const c = await open(channel, testEngine(ctx, core));
        await onboard(c, { point: point.id });
        await c.press("Prenota qui");
        await c.press("Con un facilitatore");
        await c.press("A distanza");
        await c.press("Al telefono");
        await c.say("15/12");
        await c.press("09:00");
        await c.press("Truffe online");
        await c.say("333 123 4567");
        expect(c.text()).toContain("Come: al telefono. Biblioteca al telefono ti chiama al numero 333 123 4567");
        expect(c.text()).not.toContain("Via Garibaldi");
        expect(c.buttons()).toContain("Cambia numero");
        await c.press("Conferma");
        expect(c.text()).toContain("Richiesta inviata!");
        expect(c.text()).toContain("Poi ti chiamiamo al numero 333 123 4567. Tieni il telefono vicino.");
        await c.press("I miei appuntamenti");
        await c.say("1");
        expect(c.text()).toContain("Come: al telefono. Biblioteca al telefono ti chiama al numero 333 123 4567");
        expect(c.text()).toContain("⏳ da confermare");
        expect(c.text()).not.toContain("Via Garibaldi");
      });

      it("a point that helps only by video says so; «A distanza» is never silently a video call (3)", async () => {
        const core = testCore(ctx.db);
        const only = await createTestPoint(ctx.db, { name: "Solo video" });
        await ctx.db.pointService.updateMany({
          where: { pointId: only.id, kind: "facilitazione" },
          data: { modes: ["videochiamata"] },
        });
        const both = await createTestPoint(ctx.db, { name: "Video o presenza" });
        await ctx.db.pointService.updateMany({
          where: { pointId: both.id, kind: "facilitazione" },
          data: { modes: ["in_presenza", "videochiamata"] },
        });
        const engine = testEngine(ctx, core);
        const c = await open(channel, engine);
        await onboard(c, { point: only.id });
        await c.press("Prenota qui");
        await c.press("Con un facilitatore");
        expect(c.text()).toContain("Qui l'aiuto a distanza è solo così: in videochiamata.");
        expect(c.text()).toContain("Che giorno?");
        await c.say("15/12");
        await c.press("09:00");
        await c.press("Truffe online");
        expect(c.text()).toContain("Come: in videochiamata con Solo video");
        await c.press("Conferma");
        expect(c.text()).toContain("Poi ti mandiamo qui il link della videochiamata.");

        const d = await open(channel, engine);
        await onboard(d, { point: both.id });
        await d.press("Prenota qui");
        await d.press("Con un facilitatore");
        expect(d.buttons()).toEqual(["Di persona, al punto", "In videochiamata", "Indietro"]);
      });

      it("in the evening, a day that is over has no waiting list and is never offered (5)", async () => {
        const core = testCore(ctx.db, { now: "2026-12-01T18:30:00Z" }); // Tuesday, 19:30
        const point = await createTestPoint(ctx.db, { name: "Punto di sera", bookable: 1 });
        const c = await open(channel, testEngine(ctx, core));
        await onboard(c, { point: point.id });
        await c.press("Prenota qui");
        await c.press("Con un facilitatore");
        await c.press("Di persona, al punto");
        expect(c.buttons()[0]).toBe("mer 2 dic");
        expect(c.buttons()).not.toContain("mar 1 dic");
        expect(c.buttons()).not.toContain("Lista d'attesa");
        await c.say("oggi");
        expect(c.text()).toContain("Per oggi gli orari sono finiti. Scegli un altro giorno.");
        const citizen = await lastCitizen();
        expect(
          await outcome(
            joinWaitlist(core, {
              pointId: point.id,
              service: "facilitazione",
              citizenId: citizen.id,
              date: "2026-12-01",
            }),
          ),
        ).toBe("day_over");
      });

      it("the limit of open bookings is said before the first question, with the way out (6)", async () => {
        const core = testCore(ctx.db, { policy: { maxOpenBookings: 2 } });
        const point = await createTestPoint(ctx.db, { name: "Punto col limite" });
        const c = await open(channel, testEngine(ctx, core));
        await onboard(c, { point: point.id });
        const citizen = await lastCitizen();
        for (const startsAt of ["2026-12-02T09:00:00Z", "2026-12-03T09:00:00Z"]) {
          await bookSlot(core, {
            citizenId: citizen.id,
            pointId: point.id,
            service: "facilitazione",
            mode: "in_presenza",
            startsAt,
          });
        }
        await c.press("Prenota qui");
        expect(c.text()).toContain(
          "Hai già 2 appuntamenti: è il massimo. Per prenderne un altro, prima annullane uno.",
        );
        expect(c.text()).toContain("I tuoi appuntamenti:");
        expect(c.text()).not.toContain("Che tipo di aiuto ti serve?");
        await c.say("menu");
        await c.press("Prenota un appuntamento");
        expect(c.text()).toContain("Hai già 2 appuntamenti");
        expect(c.text()).not.toContain("Dove ti trovi?");
      });

      it("consent given later goes on with what was asked; the menu keeps its numbers (9)", async () => {
        const core = testCore(ctx.db);
        await createTestPoint(ctx.db, { name: "Punto del consenso" });
        const engine = testEngine(ctx, core);
        const c = await open(channel, engine);
        await onboard(c);
        const full = c.buttons();
        await c.say("menu");
        const d = await open(channel, engine);
        await onboard(d, { accept: false });
        expect(d.buttons()).toEqual(full);
        await d.say("2"); // "Prenota un appuntamento", as with consent
        expect(d.text()).toContain("Per questo mi serve il tuo permesso.");
        await d.press("Accetto");
        expect(d.text()).toContain("Dove ti trovi?");
        await d.say("Torino");
        expect(d.text()).toContain("Dove vuoi prenotare?");

        const e = await open(channel, engine);
        await onboard(e, { accept: false });
        await e.say("I miei appuntamenti");
        expect(e.text()).toContain("Per questo mi serve il tuo permesso.");
        await e.press("Accetto");
        expect(e.text()).toContain("Non hai appuntamenti in programma.");
      });
    });
  }
});
