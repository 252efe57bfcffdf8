import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { seedDemoDataIfEmpty } from "../../../app/db/demo-seed.js";
import { LABEL_MAX } from "../../../core/conversation/labels.js";
import { silentLog } from "../../../core/log.js";
import { CHANNELS, type Citizen, useCitizens } from "../../support/citizen.js";
import { testEngine } from "../../support/engine-chat.js";
import { testCore } from "../../support/fixtures.js";
import { useIntegration } from "../../support/integration.js";
import { gulpease, wordCount } from "../../support/readability.js";

/**
 * Messages as citizens see them on the demo network, whole journeys long: each message at most
 * 40 words (the list of three points, whose official names we do not choose, 50: it was 53-57
 * before, with the same names), the notice and help
 * readable (Gulpease 80 or more); every button label at most 20 characters or with a short form
 * that is; no list longer than 9 choices (8 on a first page), the topics in two levels.
 */
const MAX_WORDS = 40;
const MAX_WORDS_RESULTS = 50;
const MAX_CHOICES = 9;

describe("short messages and short labels", () => {
  const ctx = useIntegration();
  const open = useCitizens(afterEach);

  beforeAll(async () => {
    await seedDemoDataIfEmpty(ctx.db, silentLog, new Date("2026-12-01T07:00:00Z"), "Europe/Rome");
  });

  /** Every step is checked: message lengths, labels, list lengths. */
  function checked(c: Citizen) {
    const seen: string[] = [];
    const check = (what: string) => {
      for (const message of c.messages()) {
        const limit = /^Ecco i punti più vicini|^Altri punti vicino/.test(message) ? MAX_WORDS_RESULTS : MAX_WORDS;
        expect(wordCount(message), `${what}: ${message}`).toBeLessThanOrEqual(limit);
        seen.push(message);
      }
      const choices = c.choices();
      expect(choices.length, `${what}: ${choices.map((x) => x.label).join(" | ")}`).toBeLessThanOrEqual(MAX_CHOICES);
      for (const choice of choices) {
        expect([...(choice.short ?? choice.label)].length, `${what}: ${choice.label}`).toBeLessThanOrEqual(LABEL_MAX);
      }
    };
    return {
      seen,
      start: async () => {
        await c.start();
        check("start");
      },
      say: async (text: string) => {
        await c.say(text);
        check(text);
      },
      press: async (label: string | RegExp) => {
        await c.press(label);
        check(String(label));
      },
    };
  }

  for (const channel of CHANNELS) {
    describe(channel, () => {
      it("a whole booking, with the notice, help and a point card, in short messages (11, 12)", async () => {
        const c = await open(channel, testEngine(ctx, testCore(ctx.db)));
        const walk = checked(c);
        await walk.start();
        await walk.press("Italiano");
        await walk.press("Leggi di più");
        const notice = c.messages().slice(0, 2);
        expect(notice[0]).toContain("Come uso i tuoi dati.");
        expect(notice.join(" ")).not.toMatch(/versione|Chi tratta|consenso/);
        for (const part of notice) expect(Math.round(gulpease(part)), part).toBeGreaterThanOrEqual(80);
        await walk.press("Accetto");
        await walk.say("aiuto");
        const [help] = c.messages();
        expect(Math.round(gulpease(help ?? ""))).toBeGreaterThanOrEqual(80);
        await walk.press("Trova un punto vicino");
        await walk.say("Torino");
        // point names in full above, short on the buttons
        expect(c.text()).toContain("Centro d'incontro anziani San Salvario");
        expect(c.buttons()).toContain("San Salvario");
        await walk.press("Bibl. Italo Calvino");
        expect(c.text()).not.toMatch(/punto mobile|Servizi:/);
        await walk.press("Prenota qui");
        await walk.press("Con un facilitatore");
        await walk.press("Di persona, al punto");
        await walk.press("Altri giorni");
        await walk.press("Giorni prima");
        await walk.say("domani");
        await walk.press("Altri orari");
        await walk.press("Orari prima");
        await walk.press("10:30");
        // twelve topics were too many to read: six groups first
        expect(c.buttons()).toEqual([
          "SPID, CIE e app IO",
          "Salute",
          "Pagamenti e pratiche",
          "Email e messaggi",
          "Truffe online",
          "Altro",
          "Indietro",
        ]);
        await walk.press("Salute");
        expect(c.buttons()).toEqual(["Fascicolo sanitario", "Prenotare visite", "Indietro"]);
        await walk.press("Indietro");
        await walk.say("pensione"); // a topic typed by name, whatever its group
        expect(c.text()).toContain("per: INPS e pensione");
        expect(c.text()).not.toMatch(/Servizio:|Stato:/);
        await walk.press("Conferma");
        await walk.press("I miei appuntamenti");
        await walk.say("1");
        expect(c.text()).not.toMatch(/Servizio:|Stato:/);
        // the labels longer than a WhatsApp button have their short form
        const cancel = c.choices().find((choice) => choice.label === "Annulla l'appuntamento");
        expect(cancel?.short).toBe("Annulla");
        expect(walk.seen.length).toBeGreaterThan(25);
      });
    });
  }
});
