import { describe, expect, it } from "vitest";
import { translator } from "../../../core/conversation/i18n.js";
import { checkCharacter } from "../../../core/monitoring/fiscal-code.js";
import { syntheticFiscalCode } from "../../../core/monitoring/synthetic-fiscal-code.js";
import { engineChat, testEngine } from "../../support/engine-chat.js";
import { testCore } from "../../support/fixtures.js";
import { useIntegration } from "../../support/integration.js";
import { recordingLog } from "../../support/recording-log.js";

const t = translator("it");
/** A valid synthetic codice fiscale: a woman born on 12 May 1980 in Torino. */
const CF = syntheticFiscalCode({ birthDate: "1980-05-12", sex: "F" });
const INTRO =
  "Queste domande servono alle statistiche nazionali del progetto.\nIl codice fiscale lo salvo cifrato. Lo mando solo alla piattaforma nazionale di monitoraggio.\nRispondere non è obbligatorio. Vuoi rispondere?";
const Q = {
  cf: "Scrivi il tuo codice fiscale. Lo trovi sulla tessera sanitaria. Lo salvo in modo protetto.",
  docType: "Che documento hai?",
  docNumber: "Scrivi il numero del documento. Copialo così come è.",
  AN7: "Come ti descrivi?",
  AN8: "Quanti anni hai?",
  AN9: "Qual è la scuola più alta che hai finito?",
  AN10: "Di cosa ti occupi?",
  AN11: "Qual è la tua cittadinanza?",
  AN12: "In che provincia vivi? Scrivi la sigla, per esempio TO.",
  PR1: "È la prima volta che vieni a un punto digitale?",
  PR2: "Cosa hai già usato? Puoi sceglierne più di uno.\nPuoi dare più risposte. Scrivi i numeri, per esempio 1 3.",
  ES1: "Come hai saputo di questo servizio?\nPuoi dare più risposte. Scrivi i numeri, per esempio 1 3.",
  ES2: "Perché sei venuto/a? Puoi sceglierne più di uno.\nPuoi dare più risposte. Scrivi i numeri, per esempio 1 3.",
};

/** The question on screen: the text of the last message with choices. */
function question(chat: ReturnType<typeof engineChat>): string {
  const last = [...chat.last()].reverse().find((r) => r.kind === "choices");
  return last && "text" in last ? last.text : "";
}

/** The separate texts of the last answer (messages and the question). */
function messages(chat: ReturnType<typeof engineChat>): string[] {
  return chat.last().flatMap((r) => ("text" in r ? [r.text] : []));
}

describe("the citizen's monitoring profile in the chat", () => {
  const ctx = useIntegration();

  async function consented(options: Parameters<typeof testEngine>[2] = {}, channel: "web" | "whatsapp" = "web") {
    const core = testCore(ctx.db);
    const chat = engineChat(testEngine(ctx, core, options), { channel });
    await chat.send({ kind: "start" });
    await chat.say("1"); // Italiano
    await chat.say("1"); // Accetto
    const link = await ctx.db.channelIdentity.findFirstOrThrow({ where: { externalId: chat.identity.userId } });
    return { core, chat, citizenId: link.citizenId };
  }

  async function openProfile(chat: ReturnType<typeof engineChat>) {
    await chat.say("privacy");
    await chat.press("Domande statistiche");
    expect(question(chat)).toBe(INTRO);
    expect(chat.buttons()).toEqual(["Sì, rispondo", "Non ora", "No, non rispondo", "Indietro"]);
    await chat.press("Sì, rispondo");
  }

  const profileOf = (citizenId: string) => ctx.db.monitoringProfile.findUnique({ where: { citizenId } });

  /** Every column of the citizen's profile row, as PostgreSQL returns it. */
  async function rawRow(citizenId: string): Promise<string> {
    const rows = await ctx.db.$queryRaw<Array<{ row: string }>>`
      SELECT row_to_json(m)::text AS row FROM monitoring_profile m WHERE citizen_id = ${citizenId}::uuid`;
    return rows[0]?.row ?? "";
  }

  it("asks every question with a codice fiscale, one at a time, and stores it completed and encrypted", async () => {
    const log = recordingLog();
    const { chat, citizenId } = await consented({ log });
    expect(await profileOf(citizenId)).toBeNull();
    await openProfile(chat);
    expect(question(chat)).toBe(Q.cf);
    expect(chat.buttons()).toEqual(["Non ce l'ho", "Indietro"]);
    // typed in lower case with spaces: normalised
    await chat.say(`${CF.slice(0, 6).toLowerCase()} ${CF.slice(6, 11)} ${CF.slice(11)}`);
    expect(question(chat)).toBe(Q.AN7);
    expect(chat.buttons()).toEqual(["Donna", "Uomo", "Non binario", "Preferisco non dire", "Indietro"]);
    await chat.press("Donna");
    // no age band with a codice fiscale: the code says it
    expect(question(chat)).toBe(Q.AN9);
    await chat.press("Diploma superiore");
    expect(question(chat)).toBe(Q.AN10);
    await chat.press("In pensione");
    expect(question(chat)).toBe(Q.AN11);
    expect(chat.buttons()).toEqual(["Italiana", "Di un Paese UE", "Di un Paese non UE", "Indietro"]);
    await chat.press("Italiana");
    expect(question(chat)).toBe(Q.AN12);
    await chat.say("to");
    expect(question(chat)).toBe(Q.PR1);
    expect(chat.buttons()).toEqual(["Sì, la prima volta", "No, già venuto/a", "Indietro"]);
    await chat.say("no");
    expect(question(chat)).toBe(Q.PR2);
    await chat.say("1 3");
    expect(question(chat)).toBe(Q.ES1);
    // thirteen answers: a page of them, the rest under «Altre scelte»
    await chat.press("Altre scelte");
    await chat.press("Passaparola");
    expect(question(chat)).toBe(Q.ES2);
    await chat.say("2, 6");
    expect(chat.text()).toContain("Grazie! Ho salvato le tue risposte. ✅");
    expect(chat.buttons()[0]).toBe("Trova un punto vicino");

    const row = await profileOf(citizenId);
    expect(row).toMatchObject({
      state: "completed",
      filledBy: "citizen",
      noFiscalCode: false,
      gender: "A",
      ageBand: null,
      education: "C",
      employment: "G",
      citizenship: "A",
      province: "TO",
      firstTime: false,
      previousServices: ["A", "C"],
      heardFrom: ["L"],
      reasons: ["B", "F"],
      documentType: null,
      documentNumberSealed: null,
      completedAt: expect.any(Date),
    });
    expect(row?.fiscalCodeSealed).toMatch(/^v1\.dev\./);
    expect(row?.fiscalCodeHash).toMatch(/^h1:/);
    const raw = await rawRow(citizenId);
    expect(raw).toContain(citizenId);
    expect(raw.toUpperCase()).not.toContain(CF);
    expect(raw.toUpperCase()).not.toContain(CF.slice(0, 11));
    // the codice fiscale typed never reaches a log line
    expect(JSON.stringify(log.lines).toUpperCase()).not.toContain(CF.slice(6, 16));

    // done: the menu entry says so
    await chat.say("privacy");
    await chat.press("Domande statistiche");
    expect(chat.text()).toContain("Hai già risposto a tutte le domande. Grazie!");
  });

  it("takes an ID document without a codice fiscale, with the age band, and normalises the number", async () => {
    const log = recordingLog();
    const { chat, citizenId } = await consented({ log });
    await openProfile(chat);
    await chat.press("Non ce l'ho");
    expect(question(chat)).toBe(Q.docType);
    expect(chat.buttons()).toEqual([
      "Carta d'identità",
      "Patente",
      "Passaporto",
      "Permesso soggiorno",
      "Altro documento",
      "Indietro",
    ]);
    await chat.say("3"); // Passaporto
    expect(question(chat)).toBe(Q.docNumber);
    await chat.say("Y1");
    expect(chat.text()).toContain(t("monitoring.problem.document_too_short"));
    expect(question(chat)).toBe(Q.docNumber);
    await chat.say("ya 12 34 56");
    expect(question(chat)).toBe(Q.AN7);
    await chat.say("2"); // Uomo
    expect(question(chat)).toBe(Q.AN8);
    // band E (14-17) only where minors are enabled
    expect(chat.buttons()).toEqual(["18-29 anni", "30-54 anni", "55-74 anni", "75 anni o più", "Indietro"]);
    await chat.press("55-74 anni");
    await chat.press("Medie");
    await chat.press("Senza lavoro");
    await chat.press("Di un Paese non UE");
    await chat.say("Reggio Emilia");
    await chat.press("Sì, la prima volta");
    // first time: no question about services used before
    expect(question(chat)).toBe(Q.ES1);
    await chat.say("1");
    await chat.press("Cerco lavoro");
    expect(chat.text()).toContain("Grazie! Ho salvato le tue risposte. ✅");
    const row = await profileOf(citizenId);
    expect(row).toMatchObject({
      state: "completed",
      noFiscalCode: true,
      fiscalCodeSealed: null,
      documentType: "C",
      gender: "B",
      ageBand: "C",
      education: "B",
      employment: "D",
      citizenship: "C",
      province: "Reggio Emilia",
      firstTime: true,
      previousServices: [],
      heardFrom: ["A"],
      reasons: ["B"],
    });
    expect(row?.documentNumberSealed).toMatch(/^v1\.dev\./);
    const raw = await rawRow(citizenId);
    expect(raw.toUpperCase()).not.toContain("YA123456");
    expect(raw.toUpperCase()).not.toContain("YA 12 34 56");
    expect(JSON.stringify(log.lines).toUpperCase()).not.toContain("123456");
  });

  it("says which part of a codice fiscale is wrong, refuses a minor, and stores nothing until one is right", async () => {
    const { chat, citizenId } = await consented();
    await openProfile(chat);
    const last = CF.charAt(15);
    const wrongCheck = `${CF.slice(0, 15)}${last === "A" ? "B" : "A"}`;
    await chat.say(wrongCheck);
    expect(messages(chat)).toEqual([t("monitoring.problem.fiscal_wrong_check_character"), Q.cf]);
    // 30 February: a date that does not exist
    const first15 = "DMODMO80B30L219";
    await chat.say(`${first15}${checkCharacter(first15)}`);
    expect(messages(chat)).toEqual([t("monitoring.problem.fiscal_impossible_date"), Q.cf]);
    await chat.say("DMODMO80A01");
    expect(messages(chat)).toEqual([t("monitoring.problem.fiscal_wrong_length"), Q.cf]);
    // born in 2010: 16 on the day of the service
    await chat.say(syntheticFiscalCode({ birthDate: "2010-03-04", sex: "M" }));
    expect(messages(chat)).toEqual([
      "Questo codice è di una persona con meno di 18 anni. Lo Stato conta solo gli adulti. L'aiuto c'è lo stesso. Ma non salvo il codice.",
      Q.cf,
    ]);
    expect(await profileOf(citizenId)).toBeNull();
    await chat.say(CF);
    expect(question(chat)).toBe(Q.AN7);
    expect((await profileOf(citizenId))?.state).toBe("in_progress");
  });

  it("answers by numbers alone; bad numbers, random text and a sticker ask the same question again", async () => {
    const { chat, citizenId } = await consented();
    await openProfile(chat);
    await chat.say(CF);
    await chat.say("9");
    expect(messages(chat)).toEqual(["Scrivi un numero da 1 a 5, oppure tocca un pulsante.", Q.AN7]);
    await chat.say("blu cobalto");
    // two answers not understood in a row: how to get help comes too
    expect(messages(chat)).toEqual([t("monitoring.problem.invalid_answer"), t("hint.stuckNoPhone"), Q.AN7]);
    await chat.send({ kind: "unsupported", what: "sticker" });
    expect(messages(chat)[0]).toBe(t("hint.unsupported"));
    expect(question(chat)).toBe(Q.AN7);
    await chat.say("1 2");
    expect(messages(chat)).toEqual([t("monitoring.problem.multiOne"), Q.AN7]);
    expect((await profileOf(citizenId))?.gender).toBeNull();
    await chat.say("4"); // Preferisco non dire
    expect(question(chat)).toBe(Q.AN9);
    // twelve answers: nine a page on the web, numbers mean what is shown
    await chat.say("12");
    expect(messages(chat)).toEqual(["Scrivi un numero da 1 a 11, oppure tocca un pulsante.", Q.AN9]);
    await chat.say("3"); // Diploma superiore
    await chat.say("8"); // Altro
    await chat.say("2");
    await chat.say("T0!");
    expect(messages(chat)).toEqual([t("monitoring.problem.province_invalid"), Q.AN12]);
    await chat.say("TO");
    await chat.say("2"); // No
    await chat.say("1 6");
    expect(messages(chat)).toEqual(["Scrivi un numero da 1 a 6, oppure tocca un pulsante.", Q.PR2]);
    await chat.say("5 4 4");
    await chat.say("1 2 3");
    await chat.say("altre scelte");
    expect(chat.buttons()).toEqual(["Nessun motivo", "Servizio mancato", "Altro", "Scelte di prima", "Indietro"]);
    await chat.say("3"); // Altro
    expect(chat.text()).toContain("Grazie! Ho salvato le tue risposte. ✅");
    expect(await profileOf(citizenId)).toMatchObject({
      state: "completed",
      gender: "D",
      education: "C",
      employment: "H",
      citizenship: "B",
      previousServices: ["D", "E"],
      heardFrom: ["A", "B", "C"],
      reasons: ["L"],
    });
  });

  it("keeps what was answered when the person leaves half-way, and resumes at the first open question", async () => {
    const { chat, citizenId } = await consented();
    await openProfile(chat);
    await chat.say(CF);
    await chat.press("Uomo");
    await chat.press("Laurea triennale");
    expect(question(chat)).toBe(Q.AN10);
    await chat.say("aiuto");
    expect(chat.text()).toContain(t("help.text"));
    expect(question(chat)).toBe(Q.AN10);
    await chat.press("Indietro");
    expect(chat.buttons()).toContain("Domande statistiche");
    await chat.say("annulla");
    expect(chat.buttons()[0]).toBe("Trova un punto vicino");
    expect(await profileOf(citizenId)).toMatchObject({ state: "in_progress", gender: "B", education: "H" });

    await chat.say("statistiche");
    expect(messages(chat)).toEqual(["Riprendo da dove eri rimasto.", Q.AN10]);
    await chat.press("Dipendente");
    expect(question(chat)).toBe(Q.AN11);
    await chat.say("menu");
    expect(chat.buttons()[0]).toBe("Trova un punto vicino");
    await chat.press("Privacy e dati");
    await chat.press("Domande statistiche");
    expect(messages(chat)).toEqual(["Riprendo da dove eri rimasto.", Q.AN11]);
    expect(await profileOf(citizenId)).toMatchObject({ employment: "A", citizenship: null });
  });

  it("skips: «No, non rispondo» keeps nothing but the choice; «Non ora» keeps nothing at all", async () => {
    const { chat, citizenId } = await consented();
    await chat.say("statistiche");
    expect(question(chat)).toBe(INTRO);
    await chat.press("Non ora");
    expect(chat.text()).toContain("Va bene. Quando vuoi, scrivi «statistiche».");
    expect(await profileOf(citizenId)).toBeNull();
    await chat.say("statistiche");
    await chat.press("No, non rispondo");
    expect(chat.text()).toContain("Va bene, non ti faccio queste domande. Se cambi idea, scrivi «statistiche».");
    expect(await profileOf(citizenId)).toMatchObject({ state: "skipped", fiscalCodeSealed: null, gender: null });
    // changing one's mind: offered again
    await chat.say("statistiche");
    expect(question(chat)).toBe(INTRO);
  });

  it("is never offered before consent, nor after erasure", async () => {
    const core = testCore(ctx.db);
    const chat = engineChat(testEngine(ctx, core));
    const profiles = await ctx.db.monitoringProfile.count();
    await chat.send({ kind: "start" });
    await chat.say("1"); // Italiano
    await chat.say("statistiche");
    expect(question(chat)).toBe(t("privacy.short"));
    await chat.press("Non accetto");
    await chat.press("Privacy e dati");
    expect(question(chat)).toBe(t("privacy.short"));
    expect(chat.buttons()).not.toContain("Domande statistiche");
    await chat.say("statistiche");
    expect(await ctx.db.monitoringProfile.count()).toBe(profiles);
    expect(await ctx.db.channelIdentity.count({ where: { externalId: chat.identity.userId } })).toBe(0);
    // accepting now goes on to what was asked
    await chat.press("Accetto");
    expect(question(chat)).toBe(INTRO);
    await chat.press("Sì, rispondo");
    await chat.say(CF);
    const link = await ctx.db.channelIdentity.findFirstOrThrow({ where: { externalId: chat.identity.userId } });
    expect((await profileOf(link.citizenId))?.fiscalCodeSealed).not.toBeNull();

    await chat.say("privacy");
    await chat.press("Cancella i miei dati");
    await chat.press("Sì, cancella tutto");
    expect(await profileOf(link.citizenId)).toMatchObject({
      state: "erased",
      fiscalCodeSealed: null,
      gender: null,
    });
    await chat.send({ kind: "start" });
    await chat.say("statistiche");
    expect(question(chat)).not.toBe(INTRO);
    expect(chat.buttons()).not.toContain("Sì, rispondo");
  });

  it("speaks the conversation's language: English questions and labels", async () => {
    const en = translator("en");
    const chat = engineChat(testEngine(ctx, testCore(ctx.db)));
    await chat.send({ kind: "start" });
    await chat.say("2"); // English
    await chat.press("I accept");
    await chat.say("statistics");
    expect(question(chat)).toBe(en("monitoring.intro"));
    await chat.press("Yes, I'll answer");
    expect(question(chat)).toBe(en("monitoring.q.fiscal_code"));
    await chat.say(CF);
    expect(question(chat)).toBe("How do you describe yourself?");
    expect(chat.buttons()).toEqual(["Woman", "Man", "Non-binary", "Prefer not to say", en("common.back")]);
    await chat.say("DMO");
    expect(messages(chat)[0]).toBe(en("monitoring.problem.invalid_answer"));
  });

  it("is not offered where the app has no monitoring settings", async () => {
    const { chat } = await consented({ monitoring: null });
    await chat.say("privacy");
    expect(chat.buttons()).toEqual(["Leggi l'informativa", "Cancella i miei dati", "Menu"]);
    await chat.say("statistiche");
    expect(chat.buttons()[0]).toBe("Trova un punto vicino");
  });

  it("on WhatsApp's profile: numbered, at most 10 choices a message, long lists by numbers and pages", async () => {
    const { chat, citizenId } = await consented({}, "whatsapp");
    await chat.say("privacy");
    await chat.say(String(chat.buttons().indexOf("Domande statistiche") + 1));
    await chat.say("1"); // Sì, rispondo
    expect(question(chat)).toBe(Q.cf);
    await chat.say(CF);
    await chat.say("1"); // Donna
    // AN9: twelve answers, seven a page with «Altre scelte» and «Indietro»
    expect(question(chat)).toBe(Q.AN9);
    expect(chat.buttons()).toEqual([
      "Elementari",
      "Medie",
      "Diploma superiore",
      "Post-diploma",
      "Scuola professionale",
      "IFTS",
      "ITS",
      "Altre scelte",
      "Indietro",
    ]);
    const shown = chat.last().find((r) => r.kind === "choices");
    expect(shown && "hint" in shown ? shown.hint : undefined).toBe("Rispondi con il numero.");
    await chat.say("8"); // Altre scelte
    expect(chat.buttons()).toEqual([
      "Laurea triennale",
      "Laurea magistrale",
      "Master",
      "Dottorato",
      "Altro / non so",
      "Scelte di prima",
      "Indietro",
    ]);
    await chat.say("4"); // Dottorato
    expect(question(chat)).toBe(Q.AN10);
    await chat.say("7"); // In pensione
    await chat.say("1"); // Italiana
    await chat.say("TO");
    await chat.say("1"); // Sì, la prima volta
    expect(question(chat)).toBe(Q.ES1);
    for (const reply of chat.last()) {
      if (reply.kind === "choices") {
        expect(reply.choices.length).toBeLessThanOrEqual(10);
        for (const c of reply.choices) expect([...c.label].length).toBeLessThanOrEqual(30);
      }
    }
    await chat.say("2 7"); // Per telefono, Giornale
    expect(question(chat)).toBe(Q.ES2);
    await chat.say("altre scelte");
    expect(chat.buttons()).toEqual([
      "Acquisti, pagamenti",
      "Vengo volentieri",
      "Nessun motivo",
      "Servizio mancato",
      "Altro",
      "Scelte di prima",
      "Indietro",
    ]);
    await chat.say("2 4"); // Vengo volentieri, Servizio mancato
    expect(chat.text()).toContain("Grazie! Ho salvato le tue risposte. ✅");
    expect(await profileOf(citizenId)).toMatchObject({
      state: "completed",
      education: "K",
      employment: "G",
      heardFrom: ["B", "G"],
      reasons: ["I", "K"],
    });
  });
});
