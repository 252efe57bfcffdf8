import { afterEach, describe, expect, it } from "vitest";
import { ALL_CHANNELS, onboard, useCitizens } from "../../support/citizen.js";
import { createTestCourse } from "../../support/courses.js";
import { testEngine } from "../../support/engine-chat.js";
import { testCore } from "../../support/fixtures.js";
import { useIntegration } from "../../support/integration.js";

/**
 * A citizen finds a group course from the main menu, enrols with one press, gets the .ics, sees
 * it under "I miei appuntamenti" and gives the seat back: through grammY against the fake Bot API,
 * the web chat's HTTP API and the engine.
 */
describe("group courses end to end", () => {
  const ctx = useIntegration();
  const open = useCitizens(afterEach);

  for (const channel of ALL_CHANNELS) {
    it(`${channel}: Corsi di gruppo → Torino → the course → Iscrivimi → I miei appuntamenti → Lascia il posto`, async () => {
      const core = testCore(ctx.db);
      const { session } = await createTestCourse(ctx.db, { title: `Videochiamate facili ${channel}`, seats: 5 });
      const c = await open(channel, testEngine(ctx, core));
      await onboard(c);
      await c.press("Corsi di gruppo");
      await c.say("Torino");
      expect(c.text()).toContain("I prossimi corsi di gruppo vicino a Torino:");
      expect(c.text()).toContain(
        `Videochiamate facili ${channel} · giovedì 3 dicembre 10:00 · Biblioteca dei corsi · base · posti: 5`,
      );
      await c.press(new RegExp(`Videochiamate facili ${channel}`));
      expect(c.text()).toContain("Dove: Biblioteca dei corsi, Via Garibaldi 1, 10122 Torino");
      expect(c.text()).toContain("Posti liberi: 5. Vuoi iscriverti?");
      await c.press("Iscrivimi");
      expect(c.text()).toContain(`Fatto! ✅ Sei nel corso «Videochiamate facili ${channel}».`);
      const [file] = c.files();
      expect(file?.filename).toBe("corso-2026-12-03.ics");
      expect(file?.content).toContain(`UID:course-${session.id}@sportello`);
      expect(file?.content).toContain("DTSTART;TZID=Europe/Rome:20261203T100000");
      expect(c.buttons()).toContain("Lascia il posto");

      await c.say("menu");
      await c.press("I miei appuntamenti");
      expect(c.text()).toContain(
        `1. Corso «Videochiamate facili ${channel}», giovedì 3 dicembre, 10:00 · Biblioteca dei corsi`,
      );
      await c.press(/^Corso /);
      await c.press("Lascia il posto");
      await c.press("Sì, lascio");
      expect(c.text()).toContain("Fatto, hai lasciato il posto.");
      expect(c.files()[0]?.content).toContain("METHOD:CANCEL");
      expect((await ctx.db.courseSession.findUniqueOrThrow({ where: { id: session.id } })).booked).toBe(0);
    });
  }
});
