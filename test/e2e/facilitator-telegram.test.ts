import { afterEach, describe, expect, it } from "vitest";
import { inviteFacilitator, revokeFacilitator } from "../../core/facilitators/invite.js";
import { testEngine } from "../support/engine-chat.js";
import { createTestPoint, testCore } from "../support/fixtures.js";
import { useIntegration } from "../support/integration.js";
import { startTelegram, telegramCitizen } from "../support/telegram-citizen.js";

describe("a facilitator on Telegram (grammY against the fake Bot API)", () => {
  const ctx = useIntegration();
  let stop: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await stop?.();
    stop = undefined;
  });

  it("opens the invite link, gets the facilitator menu, sees today, and loses it when revoked", async () => {
    const core = testCore(ctx.db);
    const engine = testEngine(ctx, core);
    const telegram = await startTelegram(engine);
    stop = telegram.stop;
    const point = await createTestPoint(ctx.db, { name: "Biblioteca Civica" });
    const { facilitator, code } = await inviteFacilitator(core, { pointId: point.id, displayName: "Anna Rossi" });

    const anna = telegramCitizen(telegram.fake);
    await anna.start(`f_${code}`);
    expect(anna.text()).toContain("Questa chat ora è di Anna Rossi");
    expect(anna.buttons()).toEqual([
      "Oggi",
      "Domani",
      "Da confermare",
      "Registra un servizio",
      "Aiuto",
      "Menu cittadino",
    ]);
    await anna.press("Oggi");
    expect(anna.text()).toContain("Nessun appuntamento per oggi");
    await anna.press("Menu");
    await anna.press("Menu cittadino");
    expect(anna.text()).toContain("Cosa vuoi fare?");
    await anna.say("facilitatore");
    expect(anna.buttons()).toContain("Da confermare");

    await revokeFacilitator(core, facilitator.id);
    await anna.say("facilitatore");
    expect(anna.buttons()).not.toContain("Da confermare");

    // someone else guessing a code learns nothing
    const guesser = telegramCitizen(telegram.fake);
    await guesser.start("f_ABCD2345EFGH");
    expect(guesser.text()).toContain("Non conosco questo codice");
    expect(guesser.buttons()).not.toContain("Oggi");
  });
});
