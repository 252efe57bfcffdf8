import { describe, expect, it } from "vitest";
import { profileFor } from "../../../core/conversation/channel-profile.js";
import { engineChat, testEngine } from "../../support/engine-chat.js";
import { createTestPoint, testCore } from "../../support/fixtures.js";
import { useIntegration } from "../../support/integration.js";

describe("the engine fits every question to the channel's profile", () => {
  const ctx = useIntegration();

  /** A WhatsApp chat on an engine whose WhatsApp shows at most `maxChoices` choices. */
  async function whatsappChat(maxChoices: number) {
    const profiles = { whatsapp: { ...profileFor("whatsapp"), maxChoices } };
    const chat = engineChat(testEngine(ctx, testCore(ctx.db), { profiles }), {
      channel: "whatsapp",
      userId: "111222333444555@lid",
    });
    await chat.say("ciao");
    await chat.say("1"); // Italiano
    await chat.say("1"); // Accetto
    return chat;
  }

  it("pages a question with more choices than fit, and a typed number always means what is shown", async () => {
    const chat = await whatsappChat(5);
    // the menu has seven choices: three a page with «Altre scelte», then «Scelte di prima»
    expect(chat.buttons()).toEqual([
      "Trova un punto vicino",
      "Prenota un appuntamento",
      "I miei appuntamenti",
      "Altre scelte",
    ]);
    expect(chat.text()).not.toContain("Aiuto");
    await chat.say("4"); // Altre scelte
    expect(chat.buttons()).toEqual([
      "Cosa so fare online",
      "Corsi di gruppo",
      "Aiuto",
      "Scelte di prima",
      "Altre scelte",
    ]);
    await chat.press("Scelte di prima");
    expect(chat.buttons()[0]).toBe("Trova un punto vicino");
    await chat.say("altre scelte");
    await chat.say("altre scelte");
    expect(chat.buttons()).toEqual(["Privacy e dati", "Scelte di prima"]);
    await chat.say("1"); // Privacy e dati, on the third page
    expect(chat.text()).toMatch(/privacy/i);
    // a new question starts from its first page
    await chat.say("menu");
    expect(chat.buttons()[0]).toBe("Trova un punto vicino");
  });

  it("keeps the way back on every page", async () => {
    await createTestPoint(ctx.db);
    const chat = await whatsappChat(4);
    await chat.say("2"); // Prenota
    await chat.say("10122");
    await chat.say("1"); // the point
    await chat.press(/Con un facilitatore/);
    await chat.press("Di persona, al punto");
    // days: five, with «Altri giorni» and «Menu»: over 4, so paged with the ways out kept
    expect(chat.buttons()).toContain("Altre scelte");
    for (let page = 0; page < 4; page++) {
      expect(chat.buttons().length).toBeLessThanOrEqual(4);
      expect(chat.buttons().at(-1)).toMatch(/Menu|Indietro/);
      if (!chat.buttons().includes("Altre scelte")) break;
      await chat.press("Altre scelte");
    }
  });

  it("with the real profiles, WhatsApp replies say how to answer, Telegram's and the web's do not", async () => {
    const wa = engineChat(testEngine(ctx, testCore(ctx.db)), { channel: "whatsapp", userId: "999888777666555@lid" });
    await wa.say("ciao");
    expect(wa.last().find((r) => r.kind === "choices")).toMatchObject({ hint: "Rispondi con il numero." });
    const web = engineChat(testEngine(ctx, testCore(ctx.db)), { channel: "web" });
    await web.say("ciao");
    expect(web.last().find((r) => r.kind === "choices")).not.toHaveProperty("hint");
  });

  it("without buttons, says «scrivi il numero» where the others say «tocca»", async () => {
    const chat = await whatsappChat(10);
    await chat.say("aiuto");
    expect(chat.text()).toContain("• Rispondi con il numero della risposta.");
    await chat.say("menu");
    await chat.say("xyzzy");
    expect(chat.text()).toContain("Non ho capito. 🙂 Scrivi il numero di una risposta.");
    await chat.say("99");
    expect(chat.text()).toContain("Scrivi un numero da 1 a 7.");
    await chat.say("1"); // Trova un punto vicino
    expect(chat.text()).toContain("Oppure mandami la tua posizione.");
    expect(chat.text()).not.toMatch(/tocca un pulsante|tocca «Invia la mia posizione»/i);

    // the same words on the web keep their buttons' wording
    const web = engineChat(testEngine(ctx, testCore(ctx.db)), { channel: "web", userId: "web-profile-words" });
    await web.say("ciao");
    await web.say("1");
    await web.say("1");
    await web.say("xyzzy");
    expect(web.text()).toContain("Non ho capito. 🙂 Tocca un pulsante o scrivi il suo numero.");
  });
});
