import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { seedDemoDataIfEmpty } from "../../../app/db/demo-seed.js";
import { silentLog } from "../../../core/log.js";
import { ALL_CHANNELS, type Citizen, onboard, useCitizens } from "../../support/citizen.js";
import { testEngine } from "../../support/engine-chat.js";
import { testCore } from "../../support/fixtures.js";
import { useIntegration } from "../../support/integration.js";

/**
 * Finding a point on the demo network (Torino and around: five points and a bus whose depot is
 * not open to the public), as confused and hurried citizens do it: every scenario runs through
 * the engine and through the web chat's HTTP API.
 */
const NOW = "2026-12-01T07:00:00Z"; // Tuesday 1 December 2026, 08:00 in Rome
const DEPOT = { lat: 45.0722, lon: 7.6702 };
const PORTA_PALAZZO = { lat: 45.077, lon: 7.684 };

describe("finding a point, as citizens really ask", () => {
  const ctx = useIntegration();
  const open = useCitizens(afterEach);

  beforeAll(async () => {
    await seedDemoDataIfEmpty(ctx.db, silentLog, new Date(NOW), "Europe/Rome");
  });

  async function citizen(channel: (typeof ALL_CHANNELS)[number], now = NOW, deviceLanguage?: string): Promise<Citizen> {
    return open(channel, testEngine(ctx, testCore(ctx.db, { now })), deviceLanguage);
  }

  async function atResults(c: Citizen, place = "Torino") {
    await onboard(c);
    await c.press("Trova un punto vicino");
    await c.say(place);
  }

  for (const channel of ALL_CHANNELS) {
    describe(channel, () => {
      it("a bus: its stop near the citizen in the list, on the map pin, at each day, and in the summary (1)", async () => {
        const c = await citizen(channel);
        await atResults(c);
        // the stop 0.8 km away and when the bus is there, not today's stop in another town
        expect(c.text()).toContain("1. Bibliobus digitale · 0,8 km · ven 4 dic alle 09:00 a Torino, Porta Palazzo");
        await c.press("Bibliobus digitale");
        const [pin] = c.venues();
        expect(pin).toMatchObject({ lat: PORTA_PALAZZO.lat, lon: PORTA_PALAZZO.lon });
        expect(pin?.lat).not.toBe(DEPOT.lat);
        expect(pin?.address).toContain("Torino, Porta Palazzo");
        expect(c.text()).not.toContain("rimessa");
        expect(c.text()).toContain("È un bus: ogni giorno si ferma in un posto diverso.");
        await c.press("Prenota qui");
        await c.press("Con un facilitatore");
        expect(c.text()).toContain("Il bus si ferma qui:");
        expect(c.text()).toContain("• mar 1 dic: Collegno, piazza del Municipio");
        expect(c.text()).toContain("• ven 4 dic: Torino, Porta Palazzo");
        await c.press("ven 4 dic");
        expect(c.text()).toContain("Venerdì 4 dicembre, a Torino, Porta Palazzo. A che ora?");
        await c.press("09:30");
        await c.press("Truffe online");
        // where to go, before "Conferma"
        expect(c.text()).toContain(
          "Dove: Bibliobus digitale, Torino, Porta Palazzo (Piazza della Repubblica, 10122 Torino)",
        );
      });

      it("a bus's card lists only the stops still to come (smaller)", async () => {
        const c = await citizen(channel, "2026-12-01T12:00:00Z"); // 13:00: the Collegno stop ended at 12:30
        await atResults(c, "Collegno");
        await c.press("Bibliobus digitale");
        expect(c.text()).toContain("Prossime fermate:");
        expect(c.text()).not.toContain("mar 1 dic");
        expect(c.text()).toContain("• mer 2 dic, 14:30–17:30: Grugliasco, piazza Matteotti");
      });

      it("far points say they are far, «ad Aosta»; none at all says where free help is (4)", async () => {
        const c = await citizen(channel);
        await atResults(c, "Aosta");
        expect(c.text()).toContain("Ecco i punti più vicini ad Aosta:");
        expect(c.text()).toContain("Sono lontani: il più vicino è a 76 km.");
        await c.press("Cerca in un altro posto");
        await c.say("Roma");
        expect(c.text()).toContain("Non ho trovato punti vicino a Roma.");
        expect(c.text()).toContain("«Punti Digitale Facile»");
        expect(c.text()).toContain("Chiedi al Comune o in biblioteca.");
        expect(c.buttons()).toEqual(["Cerca in un altro posto", "Menu"]);
      });

      it("a CAP shows the points in that CAP first (4)", async () => {
        const c = await citizen(channel);
        await atResults(c, "10137"); // Torino's Villa Amoretti, 4 km from the town centre
        expect(c.text()).toMatch(/\n1\. Biblioteca civica Villa Amoretti · /);
        expect(c.buttons()[0]).toBe("Bibl. Villa Amoretti");
      });

      it("yes, no, thanks, «il 3» and emoji are never towns; a failed search keeps the citizen there (7)", async () => {
        const c = await citizen(channel);
        await onboard(c);
        await c.press("Trova un punto vicino");
        for (const typed of ["si", "no", "ok", "👍", "il 3", "boh"]) {
          await c.say(typed);
          expect(c.text(), typed).toContain("Scrivi il nome del tuo comune, per esempio Torino.");
          expect(c.text(), typed).not.toMatch(/Siracusa|Novara|Illasi|Quale comune/);
          // still at "Dove ti trovi?" (Telegram shows the share-location button there too)
          expect(
            c.buttons().filter((b) => !b.startsWith("📍")),
            typed,
          ).toEqual(["Menu"]);
        }
        await c.say("grazie");
        expect(c.text()).toContain("Prego! 🙂");
        expect(c.text()).not.toContain("Non trovo");
        await c.say("Torino");
        expect(c.text()).toContain("Ecco i punti più vicini a Torino");
        // at the results: "il 3" is the third point, yes/no ask for a number, a failed search stays
        await c.say("si");
        expect(c.text()).toContain("Scrivi il numero del punto, per esempio 1.");
        expect(c.text()).toContain("Ecco i punti più vicini a Torino");
        await c.say("asdfgh");
        expect(c.text()).toContain("Non trovo «asdfgh»");
        expect(c.text()).toContain("Ecco i punti più vicini a Torino");
        await c.say("il 3");
        expect(c.venues()[0]?.title).toBe("Centro d'incontro anziani San Salvario");
      });

      it("a guess is asked, never taken: «Torinno», «Reggio» (7)", async () => {
        const c = await citizen(channel);
        await onboard(c);
        await c.press("Trova un punto vicino");
        await c.say("Torinno");
        expect(c.text()).toContain("Quale comune intendi?");
        expect(c.buttons()).toEqual(["Torino (TO)", "Cerca in un altro posto"]);
        await c.press("Cerca in un altro posto");
        await c.say("Reggio");
        expect(c.text()).toContain("Quale comune intendi?");
        // names cut to fit a button keep their province, and the text says them in full
        expect(c.buttons()).toContain("Reggio di… (RC)");
        expect(c.text()).toContain("1. Reggio di Calabria (RC)");
        expect(c.text()).toContain("2. Reggio nell'Emilia (RE)");
        await c.press("Cerca in un altro posto");
        expect(c.text()).toContain("Dove ti trovi?");
      });

      it("a misunderstanding at a card repeats the short question, not the card (10)", async () => {
        const c = await citizen(channel);
        await atResults(c);
        await c.press("Bibl. Italo Calvino");
        expect(c.venues()).toHaveLength(1);
        expect(c.text()).toContain("Orari:");
        await c.say("boh");
        expect(c.venues()).toHaveLength(0);
        expect(c.text()).not.toContain("Orari:");
        // the hint and the short question, nothing else (Telegram joins the two in one message)
        expect(c.messages().join("\n\n")).toBe(
          "Non ho capito. 🙂 Tocca un pulsante o scrivi il suo numero.\n\nCosa vuoi fare?",
        );
        // the demo course is held at the Calvino library: its card offers it
        expect(c.buttons()).toEqual(["Prenota qui", "Corsi di gruppo qui", "Indietro", "Menu"]);
      });

      it("asking for a person gives the point's phone and hours; the cost is free (2)", async () => {
        const c = await citizen(channel);
        await c.start();
        expect(c.text()).toContain("È gratis.");
        await c.press("Italiano");
        await c.press("Accetto");
        await c.say("aiuto");
        expect(c.text()).toContain("È tutto gratis.");
        // no point known yet: the nearest is looked for
        await c.say("voglio parlare con una persona");
        expect(c.text()).toContain("Per parlare con una persona, cerchiamo il punto più vicino.");
        expect(c.text()).toContain("Dove ti trovi?");
        await c.say("Torino");
        await c.press("Bibl. Italo Calvino");
        for (const typed of ["voglio parlare con una persona", "operatore"]) {
          await c.say(typed);
          expect(c.text(), typed).toContain(
            "Per parlare con una persona, chiama Biblioteca civica Italo Calvino al numero 011 000 0101.",
          );
          expect(c.text(), typed).toContain(
            "Orari: lun 14:00–19:00; mar–ven 09:30–13:00, 14:00–19:00; sab 09:30–13:00.",
          );
          expect(c.text(), typed).not.toContain("Non ho capito");
          expect(c.buttons(), typed).toEqual(["Prenota qui", "Corsi di gruppo qui", "Indietro", "Menu"]);
        }
        for (const typed of ["quanto costa?", "è gratis?"]) {
          await c.say(typed);
          expect(c.text(), typed).toContain("Il servizio è gratis");
        }
      });

      it("two misunderstandings in a row offer the point's phone and «aiuto» (2)", async () => {
        const c = await citizen(channel);
        await atResults(c);
        await c.press("Bibl. Italo Calvino");
        await c.say("boh");
        expect(c.text()).not.toContain("011 000 0101");
        await c.say("mah");
        expect(c.text()).toContain(
          "Se preferisci, chiama Biblioteca civica Italo Calvino al numero 011 000 0101: ti risponde una persona. Oppure scrivi «aiuto».",
        );
        await c.say("xyz");
        expect(c.text()).not.toContain("011 000 0101"); // not at every message: again after two more
      });

      it("a point round the corner is «vicinissimo», not «0 km» (smaller)", async () => {
        const c = await citizen(channel);
        await onboard(c);
        await c.press("Trova un punto vicino");
        await c.shareLocation(45.0786, 7.6893); // at the Calvino library's door
        expect(c.text()).toContain("1. Biblioteca civica Italo Calvino · vicinissimo ·");
        expect(c.text()).not.toContain(" 0 km");
      });

      it("pages of results go forward and back (smaller)", async () => {
        const c = await citizen(channel);
        await atResults(c);
        const first = c.buttons();
        await c.press("Altri punti");
        expect(c.text()).toContain("Altri punti vicino a Torino:");
        await c.press("Più vicini");
        expect(c.buttons()).toEqual(first);
      });
    });
  }
});
