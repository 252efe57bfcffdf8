import { describe, expect, it } from "vitest";
import { engineChat, testEngine } from "../../support/engine-chat.js";
import { createTestPoint, testCore } from "../../support/fixtures.js";
import { useIntegration } from "../../support/integration.js";

describe("bad input gets a kind answer and the conversation goes on", () => {
  const ctx = useIntegration();

  async function atMenu() {
    const core = testCore(ctx.db);
    const engine = testEngine(ctx, core);
    const chat = engineChat(engine);
    await chat.say("ciao");
    await chat.press("Italiano");
    await chat.press("Accetto");
    return { chat, core, engine };
  }

  it("stickers, huge texts, emoji, wrong numbers and stray locations", async () => {
    const { chat } = await atMenu();
    const menu = chat.buttons();
    await chat.send({ kind: "unsupported", what: "sticker" });
    expect(chat.text()).toContain("Posso leggere solo messaggi scritti");
    expect(chat.buttons()).toEqual(menu);
    await chat.say("a".repeat(5_000));
    expect(chat.text()).toContain("Il messaggio è troppo lungo");
    await chat.say("😀😀😀");
    expect(chat.text()).toContain("Non ho capito");
    await chat.say("9");
    expect(chat.text()).toContain("Scrivi un numero da 1 a 7, oppure tocca un pulsante.");
    await chat.send({ kind: "location", lat: 45.07, lon: 7.68 });
    expect(chat.text()).toContain("ora non mi serve la posizione");
    expect(chat.buttons()).toEqual(menu);
  });

  it("a press on an old button says so and repeats the current question; a double tap is ignored", async () => {
    const { chat, core } = await atMenu();
    const oldFind = chat.buttonData("Trova un punto vicino") ?? "";
    await chat.press("Aiuto");
    expect(chat.text()).toContain("Come funziona:");
    const now = chat.buttons();
    expect(await chat.send({ kind: "button", data: `${oldFind}` })).not.toEqual([]);
    expect(chat.text()).toContain("Quel pulsante è di un messaggio vecchio");
    expect(chat.buttons()).toEqual(now);
    const find = chat.buttonData("Trova un punto vicino") ?? "";
    await chat.send({ kind: "button", data: find });
    expect(chat.text()).toContain("Dove ti trovi?");
    expect(await chat.send({ kind: "button", data: find })).toEqual([]);
    // the same old button pressed again later is no double tap: say so
    core.clock.advance(6_000);
    await chat.send({ kind: "button", data: find });
    expect(chat.text()).toContain("Quel pulsante è di un messaggio vecchio");
    expect(await chat.send({ kind: "button", data: "garbage-without-dot" })).not.toEqual([]);
    expect(chat.text()).toContain("Quel pulsante è di un messaggio vecchio");
  });

  it("places that do not exist, outside Italy, or hostile text", async () => {
    const { chat } = await atMenu();
    await chat.press("Trova un punto vicino");
    await chat.say("99999");
    expect(chat.text()).toContain("Non trovo il CAP 99999");
    await chat.say("asdfgh");
    expect(chat.text()).toContain("Non trovo «asdfgh»");
    await chat.say("'; DROP TABLE booking; --");
    expect(chat.text()).toContain("Non trovo");
    await chat.send({ kind: "location", lat: 46.0037, lon: 8.9511 }); // Lugano
    expect(chat.text()).toContain("fuori dall'Italia");
    await chat.send({ kind: "location", lat: 91, lon: 0 });
    expect(chat.text()).toContain("fuori dall'Italia");
    expect(chat.text()).toContain("Dove ti trovi?");
    expect(await ctx.db.booking.count()).toBe(0);
  });

  it("global words: aiuto, indietro, annulla, lingua", async () => {
    const { chat } = await atMenu();
    await createTestPoint(ctx.db, { name: "Punto globale" });
    await chat.say("2");
    await chat.say("Torino");
    await chat.press("Punto globale");
    expect(chat.text()).toContain("Che tipo di aiuto ti serve?");
    await chat.say("aiuto");
    expect(chat.text()).toContain("«indietro» torna alla domanda di prima");
    expect(chat.text()).toContain("Che tipo di aiuto ti serve?");
    await chat.say("indietro");
    expect(chat.text()).toContain("Ecco i punti più vicini a Torino");
    await chat.say("ANNULLA");
    expect(chat.text()).toContain("Ok, ho lasciato perdere");
    expect(chat.text()).toContain("Cosa vuoi fare?");
    await chat.say("lingua");
    await chat.press("English");
    expect(chat.buttons()).toContain("Book an appointment");
    await chat.say("back");
    expect(chat.text()).toContain("What do you want to do?");
  });

  it("says welcome back when a known person starts again", async () => {
    const { chat } = await atMenu();
    await chat.press("Trova un punto vicino");
    await chat.send({ kind: "start" });
    expect(chat.text()).toContain("Ciao di nuovo! 👋");
    expect(chat.text()).toContain("Cosa vuoi fare?");
  });

  it("erases on request: anonymous afterwards, and a new start", async () => {
    const { chat } = await atMenu();
    await chat.say("privacy");
    await chat.press("Cancella i miei dati");
    await chat.press("No, torna indietro");
    expect(chat.text()).toContain("Privacy e dati");
    await chat.press("Cancella i miei dati");
    await chat.press("Sì, cancella tutto");
    expect(chat.text()).toContain("ho cancellato i tuoi dati");
    expect(await ctx.db.channelIdentity.count({ where: { externalId: chat.identity.userId } })).toBe(0);
    expect(await ctx.redis.keys(`${ctx.redisPrefix}:conv:*`)).not.toHaveLength(0); // others' conversations
    await chat.say("ciao");
    expect(chat.text()).toContain("Ciao! 👋 Sono Sportello");
    expect(chat.buttons()).toEqual(["Italiano", "English"]);
  });

  it("survives a restart mid-flow and handles one chat's messages one at a time", async () => {
    const { chat, core } = await atMenu();
    await chat.press("Trova un punto vicino");
    const restarted = engineChat(testEngine(ctx, core), chat.identity);
    await restarted.say("10122");
    expect(restarted.text()).toContain("Ecco i punti più vicini a Torino");

    const { chat: busy } = await atMenu();
    const [a, b] = await Promise.all([busy.say("1"), busy.say("1")]);
    const texts = [a, b].map((replies) => replies.map((r) => ("text" in r ? r.text : "")).join(" "));
    // one "1" opened the search, the other was read at the search question (1 = Menu)
    expect(texts.some((t) => t.includes("Dove ti trovi?"))).toBe(true);
    expect(texts.some((t) => t.includes("Cosa vuoi fare?"))).toBe(true);
  });
});
