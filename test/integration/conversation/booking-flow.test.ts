import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import type { Reply } from "../../../core/conversation/reply.js";
import { engineChat, testEngine } from "../../support/engine-chat.js";
import { createTestPoint, testCore } from "../../support/fixtures.js";
import { useIntegration } from "../../support/integration.js";

const fileOf = (replies: Reply[]) => replies.find((r): r is Extract<Reply, { kind: "file" }> => r.kind === "file");

async function acceptedChat(ctx: ReturnType<typeof useIntegration>, core: ReturnType<typeof testCore>) {
  const chat = engineChat(testEngine(ctx, core));
  await chat.say("ciao");
  await chat.press("Italiano");
  await chat.press("Accetto");
  return chat;
}

describe("booking through the conversation", () => {
  const ctx = useIntegration();

  it("books, lists, downloads the calendar, reschedules and cancels", async () => {
    const core = testCore(ctx.db);
    const point = await createTestPoint(ctx.db);
    const chat = await acceptedChat(ctx, core);

    await chat.say("2"); // prenota
    expect(chat.text()).toContain("Dove ti trovi?");
    await chat.say("Torinno"); // typo: a guess is offered, never taken
    expect(chat.text()).toContain("Quale comune intendi?");
    await chat.press("Torino (TO)");
    expect(chat.text()).toContain("Ecco i punti più vicini a Torino");
    expect(chat.text()).toMatch(/1\. Biblioteca di prova · 0,\d km · apre oggi alle 09:00/);
    await chat.say("1");
    expect(chat.text()).toContain("Che tipo di aiuto ti serve?");
    await chat.press(/Con un facilitatore/);
    expect(chat.buttons()).toEqual(["Di persona, al punto", "A distanza", "Indietro"]);
    await chat.say("di persona");
    expect(chat.text()).toContain("Che giorno?");
    expect(chat.buttons()[0]).toBe("mar 1 dic"); // today from 10:00 (2 hours notice)
    await chat.say("domani");
    expect(chat.text()).toContain("Domani. A che ora?");
    expect(chat.buttons().slice(0, 4)).toEqual(["09:00", "10:00", "11:00", "12:00"]);
    await chat.say("10:00");
    expect(chat.text()).toContain("Per cosa ti serve aiuto?");
    await chat.press("SPID, CIE e app IO");
    await chat.press("SPID o CIE");
    expect(chat.text()).toContain("Controlla, per favore:");
    expect(chat.text()).toContain("Quando: domani alle 10:00");
    const confirm = chat.buttonData("Conferma");
    await chat.press("Conferma");
    expect(chat.text()).toContain("Fatto! ✅ Ti aspettiamo domani alle 10:00.");
    expect(chat.text()).toContain("Via Garibaldi 1, 10122 Torino");
    // a double tap on "Conferma" is ignored
    expect(await chat.send({ kind: "button", data: confirm ?? "" })).toEqual([]);
    const booking = await ctx.db.booking.findFirstOrThrow({ where: { pointId: point.id } });
    expect(booking).toMatchObject({
      status: "confirmed",
      competences: [9],
      startsAt: new Date("2026-12-02T09:00:00Z"),
    });
    expect(await ctx.db.booking.count({ where: { pointId: point.id } })).toBe(1);

    const withFile = await chat.press("Aggiungi al calendario");
    const file = fileOf(withFile);
    expect(file?.filename).toBe("appuntamento-2026-12-02.ics");
    const event = new ICAL.Component(ICAL.parse(file?.content ?? "")).getFirstSubcomponent("vevent");
    expect(event?.getFirstPropertyValue("uid")).toBe(`${booking.id}@sportello`);
    expect(event?.getFirstPropertyValue("sequence")).toBe(0);

    await chat.press("I miei appuntamenti");
    expect(chat.text()).toContain("1. domani, 10:00 · Biblioteca di prova ✅ confermato");
    await chat.say("1");
    expect(chat.text()).toContain("✅ confermato");
    await chat.press("Cambia giorno o ora");
    expect(chat.text()).toContain("In che giorno vuoi spostarlo?");
    await chat.say("3/12");
    await chat.press("15:00");
    expect(chat.text()).toContain("Sposto l'appuntamento a giovedì 3 dicembre alle 15:00. Va bene?");
    const moved = await chat.say("sì");
    expect(chat.text()).toContain("L'appuntamento ora è giovedì 3 dicembre alle 15:00");
    const movedEvent = new ICAL.Component(ICAL.parse(fileOf(moved)?.content ?? "")).getFirstSubcomponent("vevent");
    expect(movedEvent?.getFirstPropertyValue("uid")).toBe(`${booking.id}@sportello`);
    expect(movedEvent?.getFirstPropertyValue("sequence")).toBe(1);

    await chat.press("Annulla l'appuntamento");
    expect(chat.text()).toContain("Perché vuoi annullare? Scegli un motivo e annullo l'appuntamento.");
    const gone = await chat.press("Ho già risolto");
    expect(chat.text()).toContain("Appuntamento annullato. ✅");
    const cancelFile = fileOf(gone);
    expect(cancelFile?.filename).toBe("appuntamento-annullato-2026-12-03.ics");
    const cancelCalendar = new ICAL.Component(ICAL.parse(cancelFile?.content ?? ""));
    expect(cancelCalendar.getFirstPropertyValue("method")).toBe("CANCEL");
    expect(cancelCalendar.getFirstSubcomponent("vevent")?.getFirstPropertyValue("sequence")).toBe(2);
    expect(chat.text()).toContain("Non hai appuntamenti in programma.");
    const cancelled = await ctx.db.booking.findUniqueOrThrow({ where: { id: booking.id } });
    expect(cancelled).toMatchObject({ status: "cancelled_by_citizen", cancelReason: "risolto_da_solo", sequence: 2 });
  });

  it("books a phone session: pending, and asks the number once", async () => {
    const core = testCore(ctx.db);
    await createTestPoint(ctx.db);
    const chat = await acceptedChat(ctx, core);
    await chat.press("Prenota un appuntamento");
    await chat.say("10122");
    await chat.say("1");
    await chat.say("1");
    await chat.press("A distanza");
    expect(chat.buttons()).toEqual(["Al telefono", "In videochiamata", "Indietro"]);
    await chat.press("Al telefono");
    await chat.say("15/12");
    await chat.say("9:00");
    await chat.press("Altro");
    expect(chat.text()).toContain("Scrivi in poche parole");
    await chat.say("x".repeat(301));
    expect(chat.text()).toContain("al massimo 300 lettere");
    await chat.say("Devo scaricare il referto delle analisi");
    expect(chat.text()).toContain("A che numero ti chiamiamo?");
    await chat.say("12");
    expect(chat.text()).toContain("Questo numero non sembra giusto");
    await chat.say("333 123 4567");
    expect(chat.text()).toContain("per: Devo scaricare il referto delle analisi");
    expect(chat.text()).toContain("ti chiama al numero 333 123 4567");
    await chat.press("Conferma");
    expect(chat.text()).toContain("Un facilitatore deve confermarla");
    expect(chat.text()).toContain("Poi ti chiamiamo al numero 333 123 4567.");
    const citizenId = (await ctx.db.channelIdentity.findFirstOrThrow({ where: { externalId: chat.identity.userId } }))
      .citizenId;
    expect((await ctx.db.citizen.findUniqueOrThrow({ where: { id: citizenId } })).phone).toBe("+393331234567");
    expect(await ctx.db.booking.findFirstOrThrow({ where: { citizenId } })).toMatchObject({
      status: "pending",
      mode: "telefono",
      needNote: "Devo scaricare il referto delle analisi",
    });
  });

  it("tells the second person a slot was just taken and offers the times still free", async () => {
    const core = testCore(ctx.db);
    await createTestPoint(ctx.db, { bookable: 1, name: "Centro un posto" });
    const [anna, bruno] = [await acceptedChat(ctx, core), await acceptedChat(ctx, core)];
    for (const chat of [anna, bruno]) {
      await chat.press("Prenota un appuntamento");
      await chat.say("Torino");
      await chat.press("Centro un posto");
      await chat.say("1");
      await chat.say("1");
      await chat.say("domani");
      await chat.say("10:00");
      await chat.say("5"); // Truffe online
    }
    await anna.press("Conferma");
    expect(anna.text()).toContain("Fatto!");
    await bruno.press("Conferma");
    expect(bruno.text()).toContain("questo orario è appena stato preso");
    expect(bruno.text()).toContain("A che ora?");
    expect(bruno.buttons()).not.toContain("10:00");
    expect(bruno.buttons()).toContain("11:00");
  });

  it("offers the waitlist for a full day", async () => {
    const core = testCore(ctx.db);
    const name = "Bibl. del mercoledì";
    await createTestPoint(ctx.db, {
      bookable: 1,
      name,
      windows: [{ weekday: 3, shift: 1, opens: "10:00", closes: "11:00" }],
    });
    const [anna, bruno] = [await acceptedChat(ctx, core), await acceptedChat(ctx, core)];
    await anna.press("Prenota un appuntamento");
    await anna.say("Torino");
    await anna.press(name);
    await anna.say("1");
    await anna.say("1");
    await anna.say("2/12");
    await anna.say("10:00");
    await anna.say("5");
    await anna.press("Conferma");
    await bruno.press("Prenota un appuntamento");
    await bruno.say("Torino");
    await bruno.press(name);
    await bruno.say("1");
    await bruno.say("1");
    expect(bruno.buttons()).toContain("Lista d'attesa");
    await bruno.say("2/12");
    expect(bruno.text()).toContain("Quel giorno è pieno.");
    await bruno.press("Lista d'attesa");
    expect(bruno.buttons()[0]).toBe("mer 2 dic");
    await bruno.say("1");
    expect(bruno.text()).toContain("Sei in lista d'attesa per domani: sei il numero 1.");
    expect(await ctx.db.waitlistEntry.count({ where: { status: "waiting" } })).toBe(1);
  });
});
