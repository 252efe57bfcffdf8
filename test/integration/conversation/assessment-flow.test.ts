import { describe, expect, it } from "vitest";
import { ITEM_BANK } from "../../../core/assessment/item-bank.js";
import {
  assessmentSummariesForBookings,
  assessmentSummaryForBooking,
} from "../../../core/assessment/latest-assessment.js";
import { translator } from "../../../core/conversation/i18n.js";
import { assessmentSummaryText } from "../../../core/conversation/steps/assessment-text.js";
import { answerAll, answerLabel, questionIn } from "../../support/assessment-chat.js";
import { engineChat, testEngine } from "../../support/engine-chat.js";
import { createTestPoint, testCore } from "../../support/fixtures.js";
import { useIntegration } from "../../support/integration.js";

type Core = ReturnType<typeof testCore>;
type Chat = ReturnType<typeof engineChat>;

describe("the self-assessment in the conversation", () => {
  const ctx = useIntegration();

  async function acceptedChat(core: Core, identity: Partial<Chat["identity"]> = {}) {
    const chat = engineChat(testEngine(ctx, core), identity);
    await chat.say("ciao");
    await chat.press("Italiano");
    await chat.press("Accetto");
    return chat;
  }

  const byButton = (chat: Chat) => (option: string) => chat.press(answerLabel(option));

  async function rows(chat: Chat) {
    const identity = await ctx.db.channelIdentity.findFirst({ where: { externalId: chat.identity.userId } });
    return identity
      ? ctx.db.assessment.findMany({ where: { citizenId: identity.citizenId }, orderBy: { completedAt: "asc" } })
      : [];
  }

  it("runs from the menu: progress, plain answers, explanations, bad input, back, the result kept", async () => {
    const core = testCore(ctx.db);
    const chat = await acceptedChat(core);
    expect(chat.buttons()).toContain("Cosa so fare online");
    await chat.press("Cosa so fare online");
    expect(chat.text()).toContain("Sono 18 domande brevi, circa 8 minuti. Non è un esame e non è un certificato.");
    expect(chat.text()).toContain("Salvo il risultato");
    await chat.press("Iniziamo");
    expect(chat.text()).toContain("Domanda 1 di 18\n\nUsi uno smartphone, un tablet o un computer?");
    expect(chat.buttons()).toEqual(["Ogni giorno", "Qualche volta", "Mai", "Indietro"]);
    await chat.say("ogni giorno"); // typed label
    await chat.say("1"); // by number
    expect(chat.text()).toContain("Domanda 3 di 18");
    expect(chat.buttons()).toEqual(["Non so farlo", "Con un aiuto", "Da solo/a", "Non so cos'è", "Indietro"]);

    // bad input: a sentence, a number out of range, an old button
    const oldButton = chat.buttonData("Da solo/a") ?? "";
    await chat.say("mah, dipende dai giorni");
    expect(chat.text()).toContain("Per rispondere tocca un pulsante, oppure scrivi il suo numero");
    expect(chat.text()).toContain("Domanda 3 di 18");
    await chat.say("9");
    expect(chat.text()).toContain("Scrivi un numero da 1 a 5");
    await chat.say("da sola"); // search: on my own
    expect(chat.text()).toContain("Domanda 4 di 18");
    await chat.send({ kind: "button", data: oldButton });
    expect(chat.text()).toContain("Quel pulsante è di un messaggio vecchio");
    expect(chat.text()).toContain("Domanda 4 di 18");

    // "Non so cosa vuol dire", typed in full, counts as the lowest and explains the term
    expect(questionIn(chat.text())).toBe("fakenews");
    await chat.say("non so cosa vuol dire");
    expect(chat.text()).toContain("Nessun problema. 🙂 Una «fake news» è una notizia falsa");
    expect(chat.text()).toContain("Domanda 5 di 18");

    // "indietro" goes back one question, and the answer can be changed
    await chat.say("indietro");
    expect(chat.text()).toContain("Domanda 4 di 18");
    expect(questionIn(chat.text())).toBe("fakenews");
    await chat.press("Indietro");
    expect(questionIn(chat.text())).toBe("search");
    await chat.press("Non so farlo"); // area A stops: 2 questions fewer
    expect(chat.text()).toContain("Domanda 4 di 16");
    expect(questionIn(chat.text())).toBe("messages");

    const pattern: Record<string, string> = { spid: "no", appio: "no", phishing: "help", password: "no" };
    await answerAll(chat, byButton(chat), (id) => pattern[id] ?? "alone");
    const result = chat.text();
    expect(result).toContain("Ecco il tuo risultato:");
    expect(result).toContain("• Informazioni e ricerche: primi passi");
    expect(result).toContain("• Creare contenuti: avanzato");
    expect(result).toContain("In tutto: intermedio");
    expect(result).toContain("Non è un esame e non è un certificato");
    expect(result).toContain("1. Cercare informazioni su internet");
    expect(result).toContain(
      "Da solo/a: Repubblica Digitale, iniziative gratuite, https://repubblicadigitale.innovazione.gov.it/",
    );
    expect(result).toContain("Ho salvato il risultato.");
    expect(chat.buttons()).toEqual(["Prenota: ricerche", "Prenota: fake news", "Prenota: Fascicolo", "Menu"]);

    const [stored] = await rows(chat);
    expect(stored).toMatchObject({ bankVersion: ITEM_BANK.version, language: "it", weakestCompetences: [1, 2, 3] });
    const answers = stored?.answers as Array<{ q: string; a: string }>;
    expect(answers.slice(0, 3)).toEqual([
      { q: "device", a: "daily" },
      { q: "internet", a: "daily" },
      { q: "search", a: "no" },
    ]);
    expect(answers).toHaveLength(16);
    expect(answers.map((a) => a.q)).not.toContain("fakenews");
  });

  it("books from a next step at the citizen's point with the topic filled in, and the facilitator sees the result", async () => {
    const core = testCore(ctx.db);
    const point = await createTestPoint(ctx.db, { name: "Biblioteca del test" });
    const chat = await acceptedChat(core);
    // a first booking, to have a point (and the offer, declined)
    await chat.press("Prenota un appuntamento");
    await chat.say("Torino");
    await chat.press("Biblioteca del test");
    await chat.press(/Con un facilitatore/);
    await chat.press("Di persona, al punto");
    await chat.say("domani");
    await chat.say("10");
    await chat.press("App IO");
    await chat.press("Conferma");
    expect(chat.text()).toContain("Fatto! ✅");
    expect(chat.text()).toContain("Vuoi fare un breve test su cosa sai già fare con il digitale? Sono 18 domande");
    expect(chat.buttons()).toEqual(["Sì, facciamolo", "No, grazie", "Aggiungi al calendario", "I miei appuntamenti"]);
    await chat.press("No, grazie");
    expect(chat.text()).toContain("Cosa vuoi fare?");

    await chat.press("Cosa so fare online");
    await chat.press("Iniziamo");
    const pattern: Record<string, string> = { healthfile: "no", spid: "no", fakenews: "help" };
    await answerAll(chat, byButton(chat), (id) => pattern[id] ?? "alone");
    expect(chat.buttons()).toEqual(["Prenota: Fascicolo", "Prenota: SPID", "Prenota: fake news", "Menu"]);
    await chat.press("Prenota: Fascicolo");
    expect(chat.text()).toContain(
      "Prenotiamo un aiuto per «Usare il Fascicolo sanitario e salvare i documenti» al tuo punto, Biblioteca del test.",
    );
    expect(chat.text()).toContain("Che tipo di aiuto ti serve?");
    await chat.press(/Con un facilitatore/);
    await chat.press("Di persona, al punto");
    await chat.say("3/12");
    await chat.say("11");
    // no topic question: it is filled in
    expect(chat.text()).toContain("Controlla, per favore:");
    expect(chat.text()).toContain("Per: Fascicolo sanitario");
    await chat.say("indietro");
    expect(chat.text()).toContain("A che ora?");
    await chat.say("11");
    expect(chat.text()).toContain("Per cosa ti serve aiuto?"); // going back lets the topic be changed
    await chat.press("Fascicolo sanitario");
    await chat.press("Conferma");
    expect(chat.text()).toContain("Fatto! ✅");
    expect(chat.text()).not.toContain("Vuoi fare un breve test"); // offered once only
    const booking = await ctx.db.booking.findFirstOrThrow({
      where: { pointId: point.id, startsAt: new Date("2026-12-03T10:00:00Z") },
    });
    // the topic's codes (6, SE6 D) and the competence of the step (3, managing data)
    expect(booking).toMatchObject({ competences: [3, 6], publicServices: ["D"] });

    const summary = await assessmentSummaryForBooking(core, booking.id);
    expect(summary).toMatchObject({
      takenOn: "2026-12-01",
      bankVersion: ITEM_BANK.version,
      overall: { band: "advanced" },
      screening: { device: "daily", internet: "daily" },
      basicOnly: false,
    });
    expect(summary?.weakest.map((w) => w.se5)).toEqual([3, 9, 2]);
    expect(Object.keys(summary ?? {}).sort()).toEqual(
      ["areas", "bankVersion", "basicOnly", "overall", "screening", "takenOn", "weakest"].sort(),
    );
    const line = assessmentSummaryText(summary as NonNullable<typeof summary>, {
      t: translator("it"),
      lang: "it",
    });
    expect(line).toContain("Test (mar 1 dic): livello avanzato.");
    expect(line).toContain(
      "Informazioni e ricerche intermedio, Comunicare e servizi online intermedio, Creare contenuti avanzato",
    );
    expect(line).toContain("Da rafforzare: gestire dati e file (3), SPID e CIE (9), valutare le informazioni (2)");
    const many = await assessmentSummariesForBookings(core, [
      { id: booking.id, citizenId: booking.citizenId },
      { id: "other", citizenId: "00000000-0000-4000-8000-000000000000" },
    ]);
    expect([...many.keys()]).toEqual([booking.id]);
    expect(await assessmentSummaryForBooking(core, "00000000-0000-4000-8000-000000000001")).toBeNull();
  });

  it("resumes at the same question after an app restart, and on a reload", async () => {
    const core = testCore(ctx.db);
    const before = await acceptedChat(core, { userId: "restart-person" });
    await before.press("Cosa so fare online");
    await before.press("Iniziamo");
    for (const option of ["daily", "sometimes", "help", "alone"]) await before.press(answerLabel(option));
    expect(before.text()).toContain("Domanda 5 di 18");
    const oldScreenButton = before.buttonData("Da solo/a") ?? "";

    // a new app: new conversation stack over the same Redis and database
    const after = engineChat(testEngine(ctx, testCore(ctx.db)), { userId: "restart-person" });
    // the button on screen before the restart still answers
    await after.send({ kind: "button", data: oldScreenButton });
    expect(after.text()).toContain("Domanda 6 di 18");
    expect(questionIn(after.text())).toBe("messages");
    // a reloaded page asks the same question again
    await after.send({ kind: "resume" });
    expect(after.text()).toContain("Domanda 6 di 18");
    expect(questionIn(after.text())).toBe("messages");
    await after.say("2");
    expect(after.text()).toContain("Domanda 7 di 18");
  });

  it("goes on in the other language, pauses on menu and annulla, restarts on request", async () => {
    const core = testCore(ctx.db);
    const chat = await acceptedChat(core);
    await chat.press("Cosa so fare online");
    await chat.press("Iniziamo");
    await chat.press("Ogni giorno");
    await chat.press("Ogni giorno");
    await chat.press("Con un aiuto");
    await chat.say("lingua");
    await chat.press("English");
    expect(chat.text()).toContain("Question 4 of 18\n\nCan you tell whether a news story");
    expect(chat.buttons()).toEqual(["I can't do it", "With some help", "On my own", "What's that?", "Back"]);
    await chat.press("On my own");
    await chat.say("lingua");
    await chat.press("Italiano");
    expect(chat.text()).toContain("Domanda 5 di 18");

    await chat.say("menu");
    expect(chat.text()).toContain("Cosa vuoi fare?");
    await chat.press("Cosa so fare online");
    expect(chat.text()).toContain("Hai un test a metà: eri alla domanda 5 di 18. Vuoi continuare?");
    await chat.press("Continua");
    expect(chat.text()).toContain("Domanda 5 di 18");
    // back still goes one question back after the pause
    await chat.say("indietro");
    expect(chat.text()).toContain("Domanda 4 di 18");
    await chat.say("annulla");
    expect(chat.text()).toContain("Ok, ho lasciato perdere.");
    await chat.say("test");
    expect(chat.text()).toContain("eri alla domanda 4 di 18");
    await chat.press("Ricomincia da capo");
    expect(chat.text()).toContain("Domanda 1 di 18");
    // back from the first question: the intro
    await chat.say("indietro");
    expect(chat.text()).toContain("Scopri cosa sai già fare");
  });

  it("a retake the same day replaces that day's result; later, the result is compared with the last one", async () => {
    const core = testCore(ctx.db);
    const chat = await acceptedChat(core);
    await chat.press("Cosa so fare online");
    await chat.press("Iniziamo");
    await answerAll(chat, byButton(chat), () => "no");
    expect((await rows(chat)).map((r) => r.overallPct)).toEqual([0]);

    await chat.press("Menu");
    await chat.press("Cosa so fare online");
    expect(chat.text()).toContain("Hai già fatto il test oggi.");
    await chat.press("Vedi il risultato");
    expect(chat.text()).toContain("• Sicurezza: primi passi");
    expect(chat.text()).not.toContain("Ho salvato");
    await chat.press("Menu");
    await chat.press("Cosa so fare online");
    await chat.press("Rifai il test");
    await answerAll(chat, byButton(chat), (id) => (id === "phishing" ? "no" : "help"));
    const sameDay = await rows(chat);
    expect(sameDay).toHaveLength(1);
    expect(sameDay[0]?.overallPct).toBeGreaterThan(0);

    core.clock.advance(20 * 86_400_000);
    await chat.say("menu");
    await chat.press("Cosa so fare online");
    expect(chat.text()).toContain("L'ultima volta (martedì 1 dicembre) il tuo livello era: base.");
    await chat.press("Iniziamo");
    await answerAll(chat, byButton(chat), () => "alone");
    expect(chat.text()).toContain("Tra parentesi, il risultato del test di martedì 1 dicembre.");
    expect(chat.text()).toContain("• Sicurezza: avanzato (prima: primi passi)");
    expect(chat.text()).toContain("Complimenti! 🎉");
    expect(chat.buttons()).toEqual(["Menu"]);
    expect((await rows(chat)).map((r) => r.overallPct)).toEqual([sameDay[0]?.overallPct, 100]);
  });

  it("without consent: the test can be taken, the result is shown and not kept, booking asks for consent", async () => {
    const core = testCore(ctx.db);
    const stored = await ctx.db.assessment.count();
    const chat = engineChat(testEngine(ctx, core));
    await chat.say("ciao");
    await chat.press("Italiano");
    await chat.press("Non accetto");
    await chat.press("Cosa so fare online");
    expect(chat.text()).toContain(
      "Non hai dato il consenso a salvare i dati: ti mostro il risultato, ma non lo salvo.",
    );
    await chat.press("Iniziamo");
    const asked = await answerAll(chat, byButton(chat), (id) => (id === "device" ? "never" : "help"));
    expect(asked).toEqual(["device", "search", "messages", "spid", "photo", "phishing", "restart"]);
    expect(chat.text()).toContain("Non ho salvato il risultato, perché non hai dato il consenso");
    expect(await ctx.db.assessment.count()).toBe(stored);
    expect(await ctx.db.citizen.count({ where: { identities: { some: { externalId: chat.identity.userId } } } })).toBe(
      0,
    );
    await chat.press(/^Prenota: /);
    expect(chat.text()).toContain("serve il tuo consenso");
  });

  it("erasing one's data deletes the results", async () => {
    const core = testCore(ctx.db);
    const chat = await acceptedChat(core);
    await chat.press("Cosa so fare online");
    await chat.press("Iniziamo");
    await answerAll(chat, byButton(chat), () => "help");
    const [stored] = await rows(chat);
    expect(stored).toBeDefined();
    await chat.say("privacy");
    await chat.press("Cancella i miei dati");
    await chat.press("Sì, cancella tutto");
    expect(await ctx.db.assessment.count({ where: { citizenId: stored?.citizenId } })).toBe(0);
  });

  it("starts straight away when the offer after a first booking is accepted", async () => {
    const core = testCore(ctx.db);
    await createTestPoint(ctx.db, { name: "Punto offerta" });
    const chat = await acceptedChat(core);
    await chat.press("Prenota un appuntamento");
    await chat.say("Torino");
    await chat.press("Punto offerta");
    await chat.press(/Con un facilitatore/);
    await chat.press("Di persona, al punto");
    await chat.say("domani");
    await chat.say("9");
    await chat.press("Email e PEC");
    await chat.press("Conferma");
    const calendar = await chat.press("Aggiungi al calendario");
    expect(calendar.some((r) => r.kind === "file")).toBe(true);
    await chat.press("Sì, facciamolo");
    expect(chat.text()).toContain("A ogni domanda rispondi «Non so farlo»");
    expect(chat.text()).toContain("Domanda 1 di 18");
  });
});
