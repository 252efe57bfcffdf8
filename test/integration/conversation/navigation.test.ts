import { describe, expect, it } from "vitest";
import type { Reply } from "../../../core/conversation/reply.js";
import { engineChat, testEngine } from "../../support/engine-chat.js";
import { createTestPoint, testCore } from "../../support/fixtures.js";
import { useIntegration } from "../../support/integration.js";

const question = (replies: Reply[]) =>
  replies.find((r): r is Extract<Reply, { kind: "choices" }> => r.kind === "choices");

describe("finding one's way in the conversation", () => {
  const ctx = useIntegration();

  async function atDayQuestion(name: string, facilitazioneMinutes = 60) {
    const core = testCore(ctx.db);
    await createTestPoint(ctx.db, { name, facilitazioneMinutes });
    const chat = engineChat(testEngine(ctx, core));
    await chat.say("ciao");
    await chat.press("Italiano");
    await chat.press("Accetto");
    await chat.press("Prenota un appuntamento");
    await chat.say("Torino");
    await chat.press(name);
    await chat.press(/Con un facilitatore/);
    await chat.press("Di persona, al punto");
    return chat;
  }

  it("goes back one question with the Indietro button", async () => {
    const chat = await atDayQuestion("Punto indietro");
    expect(chat.buttons()).toContain("Menu");
    await chat.press("Altri giorni");
    await chat.say("indietro");
    expect(chat.text()).toContain("Come vuoi ricevere l'aiuto?");
    expect(chat.buttons()).toEqual(["Di persona, al punto", "A distanza", "Indietro"]);
    await chat.press("Indietro");
    expect(chat.text()).toContain("Che tipo di aiuto ti serve?");
  });

  it("changes language in the middle of a booking and goes on from the same question", async () => {
    const chat = await atDayQuestion("Punto lingua");
    await chat.say("domani");
    expect(chat.text()).toContain("A che ora?");
    await chat.say("lingua");
    await chat.press("English");
    expect(chat.text()).toContain("Tomorrow. At what time?");
    expect(chat.buttons()).toContain("Another day");
  });

  it("reads a typed number as a button, always; an hour only when written as one", async () => {
    const chat = await atDayQuestion("Punto ore", 30);
    await chat.say("domani");
    const times = chat.buttons();
    // 09:00-11:30 on this page, then "Altri orari", "Un altro giorno" as buttons 7-8
    expect(times).toEqual(["09:00", "09:30", "10:00", "10:30", "11:00", "11:30", "Altri orari", "Un altro giorno"]);
    await chat.say("11"); // not 11:00: there is no button 11
    expect(chat.text()).toContain("Scrivi un numero da 1 a 8");
    expect(chat.buttons()).toEqual(times);
    await chat.say("16:00"); // on a later page: chosen all the same
    expect(chat.text()).toContain("Per cosa ti serve aiuto?");
  });

  it("edits only when paging, never when repeating the question after an old button", async () => {
    const chat = await atDayQuestion("Punto pagine");
    const old = chat.buttonData("Menu") ?? "";
    const paged = await chat.press("Altri giorni");
    expect(question(paged)?.edit).toBe(true);
    const afterOld = await chat.send({ kind: "button", data: old });
    expect(chat.text()).toContain("Quel pulsante è di un messaggio vecchio");
    expect(question(afterOld)?.edit).toBeUndefined();
  });

  it("on a page reload asks the current question again", async () => {
    const chat = await atDayQuestion("Punto ricarica");
    const before = chat.buttons();
    await chat.send({ kind: "resume" });
    expect(chat.text()).toContain("Che giorno?");
    expect(chat.buttons()).toEqual(before);
  });

  it("takes another town typed at the results as a new search", async () => {
    const core = testCore(ctx.db);
    await createTestPoint(ctx.db, { name: "Punto di Torino" });
    const chat = engineChat(testEngine(ctx, core));
    await chat.say("ciao");
    await chat.press("Italiano");
    await chat.press("Accetto");
    await chat.press("Trova un punto vicino");
    await chat.say("Torino");
    expect(chat.text()).toContain("Ecco i punti più vicini a Torino");
    await chat.say("Moncalieri");
    expect(chat.text()).toContain("Ecco i punti più vicini a Moncalieri");
  });
});
