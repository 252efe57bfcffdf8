import { afterEach, describe, expect, it } from "vitest";
import { telegramSender } from "../../bots/telegram/telegram-sender.js";
import { inviteFacilitator } from "../../core/facilitators/invite.js";
import type { RunningWorkers } from "../../workers/runtime.js";
import { testEngine } from "../support/engine-chat.js";
import { createTestPoint, testCore } from "../support/fixtures.js";
import { useIntegration } from "../support/integration.js";
import { startTelegram, telegramCitizen } from "../support/telegram-citizen.js";
import { startTestWorkers } from "../support/workers.js";

describe("a call back asked on Telegram reaches the point's facilitator (grammY, fake Bot API, real workers)", () => {
  const ctx = useIntegration();
  let stop: (() => Promise<void>) | undefined;
  let workers: RunningWorkers | undefined;
  afterEach(async () => {
    await workers?.stop();
    await stop?.();
    workers = undefined;
    stop = undefined;
  });

  it("the citizen asks by buttons; the facilitator gets the number and marks «Non risponde» once", async () => {
    const core = testCore(ctx.db);
    const engine = testEngine(ctx, core);
    const telegram = await startTelegram(engine);
    stop = telegram.stop;
    const sender = telegramSender({
      token: telegram.fake.token,
      apiRoot: telegram.fake.apiRoot,
      maxRetryDelaySeconds: 5,
      maxRetryAttempts: 2,
      timeoutSeconds: 10,
    });
    workers = await startTestWorkers(ctx, { core, engine, senders: { telegram: sender } });
    const point = await createTestPoint(ctx.db, { name: "Biblioteca Civica" });
    const { code } = await inviteFacilitator(core, { pointId: point.id, displayName: "Anna Rossi" });
    const anna = telegramCitizen(telegram.fake);
    await anna.start(`f_${code}`);
    expect(anna.buttons()).toContain("Da confermare");

    const maria = telegramCitizen(telegram.fake);
    await maria.start();
    await maria.press("Italiano");
    await maria.press("Accetto");
    await maria.start(`p_${point.id}`);
    await maria.say("voglio parlare con una persona");
    expect(maria.text()).toContain("Se preferisci, ti richiamano loro.");
    expect(maria.buttons()).toEqual(["Richiamami", "Indietro"]);
    await maria.press("Richiamami");
    await maria.say("333 123 4567");
    await maria.press("Mattina");
    expect(maria.text()).toContain("Biblioteca Civica ti richiama al numero 333 123 4567.\nQuando: Mattina.");
    await maria.press("Sì, va bene");
    expect(maria.text()).toContain("Fatto! Ho detto a Biblioteca Civica di chiamarti al 333 123 4567.");

    await workers.tick();
    const pushed = await telegram.fake.waitForCall(
      (c) => c.method === "sendMessage" && c.ok && (c.text ?? "").startsWith("📞 Da richiamare"),
      { timeoutMs: 15_000 },
    );
    expect(pushed.text).toBe(
      "📞 Da richiamare (Biblioteca Civica): un cittadino\nNumero: 333 123 4567\nQuando: Mattina",
    );
    expect(anna.buttons()).toEqual(["Fatto", "Non risponde"]);
    await anna.press("Non risponde");
    expect(anna.text()).toContain("Segnato: non risponde.");
    const rows = await ctx.db.outboundMessage.findMany({ where: { kind: "callback.request" } });
    expect(rows.map((r) => [r.state, r.actedVerb])).toEqual([["sent", "no_answer"]]);
    // the number went to the facilitator's chat only: the row keeps no phone number
    expect(JSON.stringify(rows)).not.toContain("1234567");
  });
});
