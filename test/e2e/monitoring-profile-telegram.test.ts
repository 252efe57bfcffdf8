import { afterEach, describe, expect, it } from "vitest";
import { telegramChannel } from "../../bots/telegram/telegram-channel.js";
import { syntheticFiscalCode } from "../../core/monitoring/synthetic-fiscal-code.js";
import { testEngine } from "../support/engine-chat.js";
import { startFakeTelegram } from "../support/fake-telegram/index.js";
import { testCore } from "../support/fixtures.js";
import { useIntegration } from "../support/integration.js";
import { recordingLog } from "../support/recording-log.js";
import { telegramCitizen } from "../support/telegram-citizen.js";

/**
 * A citizen answers the monitoring profile through grammY against the fake Bot API; the engine
 * and the Telegram channel log into one recording log, which never holds the codice fiscale.
 */
describe("the monitoring profile on Telegram", () => {
  const ctx = useIntegration();
  let stop: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await stop?.();
    stop = undefined;
  });

  it("Privacy e dati → Domande statistiche → every question → thanks; the codice fiscale is in no log line", async () => {
    const log = recordingLog();
    const core = testCore(ctx.db);
    const engine = testEngine(ctx, core, { log });
    const fake = await startFakeTelegram();
    const channel = telegramChannel({
      token: fake.token,
      apiRoot: fake.apiRoot,
      publicUrl: undefined,
      webhookSecret: undefined,
      engine,
      log,
      pollingTimeoutSeconds: 1,
    });
    channel.start();
    stop = async () => {
      await channel.stop();
      await fake.close();
    };
    await fake.waitForCall("getUpdates");

    const code = syntheticFiscalCode({ birthDate: "1964-10-21", sex: "M", letters: "TLGRMC" });
    const c = telegramCitizen(fake);
    await c.start();
    await c.press("Italiano");
    await c.press("Accetto");
    await c.press("Privacy e dati");
    expect(c.buttons()).toEqual(["Leggi l'informativa", "Cancella i miei dati", "Domande statistiche", "Menu"]);
    await c.press("Domande statistiche");
    expect(c.text()).toContain(
      "Il codice fiscale lo salvo cifrato. Lo mando solo alla piattaforma nazionale di monitoraggio.",
    );
    await c.press("Sì, rispondo");
    // a typo in the check character, then the right code
    await c.say(`${code.slice(0, 15)}${code.endsWith("A") ? "B" : "A"}`);
    expect(c.text()).toContain("Il codice non torna. Forse c'è un errore.");
    await c.say(code);
    expect(c.text()).toContain("Come ti descrivi?");
    await c.press("Uomo");
    await c.press("Diploma superiore");
    await c.press("Dipendente");
    await c.press("Italiana");
    await c.say("TO");
    await c.press("No, già venuto/a");
    expect(c.text()).toContain("Puoi dare più risposte. Scrivi i numeri, per esempio 1 3.");
    await c.say("1 3");
    await c.press("Sito internet");
    await c.press("Più pratica digitale");
    expect(c.text()).toContain("Grazie! Ho salvato le tue risposte. ✅");
    expect(c.buttons()).toContain("Trova un punto vicino");

    const link = await ctx.db.channelIdentity.findFirstOrThrow({ where: { channel: "telegram" } });
    expect(await ctx.db.monitoringProfile.findUniqueOrThrow({ where: { citizenId: link.citizenId } })).toMatchObject({
      state: "completed",
      gender: "B",
      previousServices: ["A", "C"],
      heardFrom: ["C"],
      reasons: ["F"],
    });
    // the bot never repeats it, and no log line holds it, whole or in part
    const sent = JSON.stringify(fake.calls((call) => call.method !== "getUpdates").map((call) => call.params));
    expect(sent).not.toContain(code.slice(6));
    expect(log.lines.length).toBeGreaterThan(0);
    const logged = JSON.stringify(log.lines).toUpperCase();
    expect(logged).not.toContain(code.slice(6, 15));
    expect(logged).not.toContain(code.slice(0, 6));
  });
});
