import { describe, expect, it } from "vitest";
import { engineChat, testEngine } from "../../support/engine-chat.js";
import { createTestPoint, testCore } from "../../support/fixtures.js";
import { useIntegration } from "../../support/integration.js";

/** What PostgreSQL refuses (NUL: SQLSTATE 22021) and what UTF-8 cannot carry (lone surrogates). */
const HOSTILE_NOTES: Array<[string, string, string]> = [
  ["a NUL", "Devo\u0000 rinnovare la tessera", "Devo rinnovare la tessera"],
  ["a lone high surrogate", "Aiuto con la PEC \uD83D", "Aiuto con la PEC"],
  ["a lone low surrogate", "Pago\uDE00 il bollo", "Pago il bollo"],
  ["only control characters", "\u0000\u0001\u001b\u007f", ""],
];

describe("text PostgreSQL cannot store, through the engine", () => {
  const ctx = useIntegration();

  it.each(HOSTILE_NOTES)("books fine after a note with %s, storing it cleaned", async (what, note, stored) => {
    const core = testCore(ctx.db);
    const name = `Biblioteca ${what}`;
    const point = await createTestPoint(ctx.db, { name });
    const chat = engineChat(testEngine(ctx, core));
    await chat.say("ciao");
    await chat.press("Italiano");
    await chat.press("Accetto");
    await chat.press("Prenota un appuntamento");
    await chat.say("Torino");
    await chat.press(name);
    await chat.press(/Con un facilitatore/);
    await chat.press("Di persona, al punto");
    await chat.say("domani");
    await chat.say("10");
    await chat.press("Altro");
    expect(chat.text()).toContain("Scrivi in poche parole");
    await chat.say(note);
    expect(chat.text()).toContain("Controlla, per favore:");
    await chat.press("Conferma");
    expect(chat.text()).toContain("Fatto! ✅ Ti aspettiamo domani alle 10:00.");
    expect(chat.text()).not.toContain("Qualcosa non ha funzionato");
    const booking = await ctx.db.booking.findFirstOrThrow({ where: { pointId: point.id } });
    expect(booking.needNote ?? "").toBe(stored);
    // the booking's event for the workers (jsonb refuses NUL too) was written with it
    const event = await ctx.db.domainEvent.findFirstOrThrow({
      where: { type: "booking.created" },
      orderBy: { id: "desc" },
    });
    expect(JSON.stringify(event.payload)).toContain(booking.id);
  });

  it("reads a typed number or command hidden among control characters", async () => {
    const core = testCore(ctx.db);
    const chat = engineChat(testEngine(ctx, core));
    await chat.say("ciao");
    await chat.say("\u00001\uD800");
    expect(chat.text()).toContain("Per prenotare devo salvare alcuni tuoi dati");
    await chat.say("aiu\u0000to");
    expect(chat.text()).toContain("Come funziona:");
    expect(chat.buttons()).toEqual(["Accetto", "Leggi di più", "Non accetto"]);
  });
});
