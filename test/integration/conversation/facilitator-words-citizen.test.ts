import { describe, expect, it } from "vitest";
import { bookSlot } from "../../../core/booking/book-slot.js";
import { engineChat, testEngine } from "../../support/engine-chat.js";
import { linkedFacilitator } from "../../support/facilitators.js";
import { createTestCitizen, createTestPoint, testCore } from "../../support/fixtures.js";
import { useIntegration } from "../../support/integration.js";

const FACILITATOR_BUTTONS = ["Oggi", "Domani", "Da confermare", "Registra un servizio", "Menu cittadino"];

describe("an unlinked citizen typing facilitator words", () => {
  const ctx = useIntegration();

  it("gets the citizen experience, and nothing of the point's agenda", async () => {
    const core = testCore(ctx.db);
    const point = await createTestPoint(ctx.db);
    const engine = testEngine(ctx, core);
    const anna = await linkedFacilitator(engine, core, point.id, "Anna Rossi");
    const other = await createTestCitizen(core);
    await bookSlot(core, {
      citizenId: other,
      pointId: point.id,
      service: "facilitazione",
      mode: "telefono",
      needNote: "Devo scaricare il referto delle analisi",
      startsAt: new Date("2026-12-01T10:00:00Z"),
    });
    // the facilitator does see it
    await anna.chat.press("Da confermare");
    expect(anna.chat.text()).toContain("1. oggi, 11:00 · a distanza (Al telefono) · Altro · da confermare");

    const chat = engineChat(engine);
    await chat.say("ciao");
    await chat.press("Italiano");
    await chat.press("Accetto");
    const citizenMenu = chat.buttons();
    expect(citizenMenu).toContain("Prenota un appuntamento");
    for (const word of ["facilitatore", "Oggi", "Da confermare", "menu"]) {
      await chat.say(word);
      if (word === "Da confermare") {
        expect(chat.text()).toBe("Non ho capito. 🙂 Tocca un pulsante o scrivi il suo numero.\nCosa vuoi fare?");
      }
      const seen = chat.text();
      for (const leak of [
        "Anna Rossi",
        "referto",
        "11:00 · a distanza",
        "Da confermare:",
        "Non c'è niente da confermare",
        "Ciao ",
      ]) {
        expect(seen, `after «${word}»`).not.toContain(leak);
      }
      for (const label of FACILITATOR_BUTTONS) expect(chat.buttons(), `after «${word}»`).not.toContain(label);
      expect(chat.buttons(), `after «${word}»`).toEqual(citizenMenu);
      expect(seen.endsWith("Cosa vuoi fare?"), `after «${word}»: ${seen}`).toBe(true);
    }
    expect(await ctx.db.facilitatorIdentity.count()).toBe(1);
  });
});
