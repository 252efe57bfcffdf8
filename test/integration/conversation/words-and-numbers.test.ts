import { afterEach, describe, expect, it } from "vitest";
import { ALL_CHANNELS, type Citizen, onboard, useCitizens } from "../../support/citizen.js";
import { testEngine } from "../../support/engine-chat.js";
import { createTestPoint, testCore } from "../../support/fixtures.js";
import { useIntegration } from "../../support/integration.js";

/**
 * Words and numbers as citizens type them: a number always means the list, hours and days in
 * everyday words, "👍", English words, and the small ways back. Through the engine and the web
 * chat's HTTP API. The clock is Tuesday 1 December 2026, 08:00 in Rome.
 */
describe("words and numbers, as citizens type them", () => {
  const ctx = useIntegration();
  const open = useCitizens(afterEach);

  /** At the day question of a point with 30-minute slots (16 a day: three pages of times). */
  async function atDay(channel: (typeof ALL_CHANNELS)[number], language: "Italiano" | "English" = "Italiano") {
    const core = testCore(ctx.db);
    const point = await createTestPoint(ctx.db, { name: `Punto ${language}`, facilitazioneMinutes: 30 });
    const c = await open(channel, testEngine(ctx, core));
    await onboard(c, { point: point.id, language });
    const en = language === "English";
    await c.press(en ? "Book here" : "Prenota qui");
    await c.press(en ? "With a facilitator" : "Con un facilitatore");
    await c.press(en ? "In person" : "Di persona, al punto");
    return { c, core };
  }

  /** Types a day, checks which one it was, and goes back to the day question. */
  async function day(c: Citizen, typed: string, title: string) {
    await c.say(typed);
    expect(c.text(), typed).toContain(title);
    await c.press(/^(Un altro giorno|Another day)$/);
  }

  for (const channel of ALL_CHANNELS) {
    describe(channel, () => {
      it("days in everyday words: «il 3», «giovedì 3», «martedì prossimo», «tra una settimana» (8)", async () => {
        const { c } = await atDay(channel);
        await day(c, "il 3", "Giovedì 3 dicembre. A che ora?");
        await day(c, "giovedì 3", "Giovedì 3 dicembre. A che ora?");
        await day(c, "mercoledì prossimo", "Domani. A che ora?");
        await day(c, "tra due settimane", "Martedì 15 dicembre. A che ora?");
        // 8 December, a week from today, is a holiday: the date was understood, and refused
        for (const typed of ["martedì prossimo", "tra una settimana"]) {
          await c.say(typed);
          expect(c.text(), typed).toContain("Quel giorno il punto è chiuso.");
        }
        // a number alone is a day button, never the 3rd of the month
        await c.say("3");
        expect(c.text()).toContain("Giovedì 3 dicembre. A che ora?"); // the third button: 1, 2, 3 December
      });

      it("days in English: «next tuesday», «the 3rd» (8)", async () => {
        const { c } = await atDay(channel, "English");
        await day(c, "next thursday", "Thursday 3 December. At what time?");
        await c.say("next tuesday"); // 8 December, a holiday
        expect(c.text()).toContain("The point is closed that day.");
        await day(c, "the 3rd", "Thursday 3 December. At what time?");
      });

      it("numbers always mean the list; hours are «10:30», «10 e mezza», «mezzogiorno», «pomeriggio» (8)", async () => {
        const { c } = await atDay(channel);
        await c.say("domani");
        const times = ["09:00", "09:30", "10:00", "10:30", "11:00", "11:30"];
        expect(c.buttons()).toEqual([...times, "Altri orari", "Un altro giorno"]);
        expect(c.text()).toContain("Tocca un orario, oppure scrivilo così: 10:30.");
        for (const typed of ["9", "10", "11"]) {
          await c.say(typed);
          expect(c.text(), typed).toContain("Scrivi un numero da 1 a 8");
          expect(c.buttons(), typed).toEqual([...times, "Altri orari", "Un altro giorno"]);
        }
        await c.say("7"); // the 7th button, "Altri orari": not 7:00, not 19:00
        expect(c.buttons()).toEqual([
          "12:00",
          "12:30",
          "14:00",
          "14:30",
          "15:00",
          "15:30",
          "Orari prima",
          "Altri orari",
          "Un altro giorno",
        ]);
        await c.press("Orari prima");
        expect(c.buttons()[0]).toBe("09:00");
        await c.say("pomeriggio");
        expect(c.text()).toContain("Ecco gli orari del pomeriggio.");
        expect(c.buttons()).toContain("14:00");
        await c.say("mattina");
        expect(c.text()).toContain("Ecco gli orari del mattino.");
        expect(c.buttons()[0]).toBe("09:00");
        for (const [typed, time] of [
          ["10 e mezza", "10:30"],
          ["mezzogiorno", "12:00"],
          ["alle 3 del pomeriggio", "15:00"],
          ["3", "10:00"], // the third button
        ] as const) {
          await c.say(typed);
          expect(c.text(), typed).toContain("Per cosa ti serve aiuto?");
          await c.press("Truffe online");
          expect(c.text(), typed).toContain(`Quando: domani alle ${time}`);
          await c.press("Cambia giorno o ora");
          await c.say("domani");
        }
      });

      it("hours in English: «half past ten», «noon» (8)", async () => {
        const { c } = await atDay(channel, "English");
        await c.say("tomorrow");
        await c.say("half past ten");
        await c.press("Online scams");
        expect(c.text()).toContain("When: tomorrow at 10:30");
        await c.press("Change day or time");
        await c.say("tomorrow");
        await c.say("noon");
        await c.press("Online scams");
        expect(c.text()).toContain("When: tomorrow at 12:00");
      });

      it("«👍» at «Va bene così?» is a yes; no «Indietro» beside a way back (smaller)", async () => {
        const { c } = await atDay(channel);
        await c.say("domani");
        expect(c.buttons()).not.toContain("Indietro"); // "Un altro giorno" already goes back
        await c.press("10:00");
        await c.press("Truffe online");
        expect(c.text()).toContain("Va bene così?");
        await c.say("👍");
        expect(c.text()).toContain("Fatto! ✅ Ti aspettiamo domani alle 10:00.");
      });

      it("«Non spostarlo» at a reschedule's confirmation keeps the appointment as it is (smaller)", async () => {
        const { c } = await atDay(channel);
        await c.say("domani");
        await c.press("10:00");
        await c.press("Truffe online");
        await c.press("Conferma");
        await c.press("I miei appuntamenti");
        await c.say("1");
        await c.press("Cambia giorno o ora");
        await c.say("3/12");
        await c.say("15:00");
        expect(c.buttons()).toEqual(["Conferma", "Cambia giorno o ora", "Non spostarlo"]);
        await c.press("Non spostarlo");
        expect(c.text()).toContain("Non è cambiato niente.");
        expect(c.text()).toContain("Quando: domani alle 10:00");
        expect(await ctx.db.booking.count({ where: { startsAt: new Date("2026-12-03T14:00:00Z") } })).toBe(0);
      });

      it("pages of days go forward and back (smaller)", async () => {
        const { c } = await atDay(channel);
        const first = c.buttons();
        expect(first).toHaveLength(7); // five days, "Altri giorni", "Menu"
        await c.press("Altri giorni");
        expect(c.buttons()).toContain("Giorni prima");
        await c.press("Giorni prima");
        expect(c.buttons()).toEqual(first);
      });

      it("an English browser is greeted in English; «appointments» works in the English menu (smaller)", async () => {
        const core = testCore(ctx.db);
        const c = await open(channel, testEngine(ctx, core), "en-GB");
        await c.start();
        expect(c.text()).toContain("Hello! 👋 I am Sportello.");
        expect(c.text()).toContain("Ciao! Puoi parlare con me anche in italiano.");
        await c.press("English");
        await c.press("I accept");
        await c.say("appointments");
        expect(c.text()).toContain("You have no upcoming appointments.");
      });

      it("after erasing, a button starts again; the confirmation has no extra «Indietro» (smaller)", async () => {
        const core = testCore(ctx.db);
        const c = await open(channel, testEngine(ctx, core));
        await onboard(c);
        await c.press("Privacy e dati");
        await c.press("Cancella i miei dati");
        expect(c.buttons()).toEqual(["Sì, cancella tutto", "No, torna indietro"]);
        await c.press("Sì, cancella tutto");
        expect(c.text()).toContain("ho cancellato i tuoi dati");
        expect(c.buttons()).toEqual(["Ricomincia"]);
        await c.press("Ricomincia");
        expect(c.text()).toContain("Ciao! 👋 Sono Sportello.");
        expect(c.buttons()).toEqual(["Italiano", "English"]);
      });
    });
  }
});
