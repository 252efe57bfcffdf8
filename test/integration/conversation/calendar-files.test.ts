import ICAL from "ical.js";
import { afterEach, describe, expect, it } from "vitest";
import { ALL_CHANNELS, type Citizen, onboard, useCitizens } from "../../support/citizen.js";
import { testEngine } from "../../support/engine-chat.js";
import { createTestPoint, testCore } from "../../support/fixtures.js";
import { useIntegration } from "../../support/integration.js";

/**
 * The phone calendar follows the appointment: the file offered after booking has two reminders;
 * after a cancellation or an erasure, the file offered removes the event (METHOD:CANCEL, same
 * UID, higher SEQUENCE). Names and link texts are in the citizen's language.
 */
const parse = (content: string) => {
  const calendar = new ICAL.Component(ICAL.parse(content));
  const event = calendar.getFirstSubcomponent("vevent");
  if (!event) throw new Error("no VEVENT");
  return { calendar, event };
};

describe("calendar files follow the appointment", () => {
  const ctx = useIntegration();
  const open = useCitizens(afterEach);

  async function booked(c: Citizen, pointId: string, english = false) {
    await onboard(c, { point: pointId, language: english ? "English" : "Italiano" });
    await c.press(english ? "Book here" : "Prenota qui");
    await c.press(english ? "With a facilitator" : "Con un facilitatore");
    await c.press(english ? "In person" : "Di persona, al punto");
    await c.say(english ? "tomorrow" : "domani");
    await c.press("10:00");
    await c.press(english ? "Online scams" : "Truffe online");
    await c.press(english ? "Confirm" : "Conferma");
    await c.press(english ? "Add to calendar" : "Aggiungi al calendario");
    const [file] = c.files();
    if (!file) throw new Error("no calendar file");
    return file;
  }

  for (const channel of ALL_CHANNELS) {
    describe(channel, () => {
      it("a cancellation offers the file that removes the event and its reminders (13)", async () => {
        const core = testCore(ctx.db);
        const point = await createTestPoint(ctx.db, { name: "Punto calendario" });
        const c = await open(channel, testEngine(ctx, core));
        const added = await booked(c, point.id);
        expect(added.filename).toBe("appuntamento-2026-12-02.ics");
        const first = parse(added.content);
        expect(first.event.getAllSubcomponents("valarm")).toHaveLength(2);
        expect(added.content).toMatch(/\r\nDTSTAMP:\d{8}T\d{6}Z\r\n/);

        await c.press("I miei appuntamenti");
        await c.say("1");
        await c.press("Annulla l'appuntamento");
        await c.press("Non posso più venire");
        expect(c.text()).toContain("Appuntamento annullato. ✅");
        const [removal] = c.files();
        expect(removal?.filename).toBe("appuntamento-annullato-2026-12-02.ics");
        expect(removal?.caption).toBe("Se l'hai nel calendario, apri questo file. Così lo togli.");
        const gone = parse(removal?.content ?? "");
        expect(gone.calendar.getFirstPropertyValue("method")).toBe("CANCEL");
        expect(gone.event.getFirstPropertyValue("uid")).toBe(first.event.getFirstPropertyValue("uid"));
        expect(Number(gone.event.getFirstPropertyValue("sequence"))).toBeGreaterThan(
          Number(first.event.getFirstPropertyValue("sequence")),
        );
        expect(gone.event.getFirstPropertyValue("status")).toBe("CANCELLED");
        expect(gone.event.getAllSubcomponents("valarm")).toHaveLength(0);
      });

      it("an erasure offers the removing file of every appointment it cancelled (13)", async () => {
        const core = testCore(ctx.db);
        const point = await createTestPoint(ctx.db, { name: "Punto cancellazione" });
        const c = await open(channel, testEngine(ctx, core));
        const added = await booked(c, point.id);
        await c.say("privacy");
        await c.press("Cancella i miei dati");
        await c.press("Sì, cancella tutto");
        const [removal, ...others] = c.files();
        expect(others).toHaveLength(0);
        const gone = parse(removal?.content ?? "");
        expect(gone.calendar.getFirstPropertyValue("method")).toBe("CANCEL");
        expect(gone.event.getFirstPropertyValue("uid")).toBe(parse(added.content).event.getFirstPropertyValue("uid"));
        expect(c.buttons()).toEqual(["Ricomincia"]);
      });

      it("in English the files and their link say it in English (13)", async () => {
        const core = testCore(ctx.db);
        const point = await createTestPoint(ctx.db, { name: "English calendar" });
        const c = await open(channel, testEngine(ctx, core));
        const added = await booked(c, point.id, true);
        expect(added.filename).toBe("appointment-2026-12-02.ics");
        expect(added.caption).toBe("Your appointment. Open it to add it to your calendar.");
        // the web chat shows a link with this text; Telegram shows the document by its name
        const link = (name: string) => (c.channel === "Telegram" ? undefined : `Download the file ${name}`);
        expect(added.label).toBe(link("appointment-2026-12-02.ics"));
        await c.press("My appointments");
        await c.say("1");
        await c.press("Cancel the appointment");
        await c.press("I can no longer come");
        expect(c.files()[0]?.filename).toBe("cancelled-appointment-2026-12-02.ics");
        expect(c.files()[0]?.label).toBe(link("cancelled-appointment-2026-12-02.ics"));
      });
    });
  }
});
