import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { bookSlot } from "../../../core/booking/book-slot.js";
import { acceptPrivacy } from "../../../core/citizens/accept-privacy.js";
import { recordClosedBooking } from "../../../core/facilitators/record-services.js";
import { answerProfile } from "../../../core/monitoring/profile-service.js";
import { syntheticFiscalCode } from "../../../core/monitoring/synthetic-fiscal-code.js";
import { type engineChat, testEngine } from "../../support/engine-chat.js";
import { linkedFacilitator } from "../../support/facilitators.js";
import { createTestPoint, testCore } from "../../support/fixtures.js";
import { useIntegration } from "../../support/integration.js";

const WED_10 = new Date("2026-12-02T09:00:00Z"); // Wednesday 2 December 2026, 10:00 in Rome
const OFFER = "Il profilo per le statistiche di questa persona non è completo. Vuoi completarlo ora?";
const HOW_TO = "Fai tu le domande alla persona. Poi scrivi qui le sue risposte.";
const CF_QUESTION = "Scrivi il tuo codice fiscale. Lo trovi sulla tessera sanitaria. Lo salvo in modo protetto.";

function question(chat: ReturnType<typeof engineChat>): string {
  const last = [...chat.last()].reverse().find((r) => r.kind === "choices");
  return last && "text" in last ? last.text : "";
}

describe("the facilitator completes the monitoring profile while closing a session", () => {
  const ctx = useIntegration();

  async function setUp() {
    const core = testCore(ctx.db);
    const engine = testEngine(ctx, core);
    const point = await createTestPoint(ctx.db, { name: "Biblioteca Civica", bookable: 2 });
    const citizenChatId = `citizen-${randomUUID()}`;
    const { citizen } = await acceptPrivacy(core, { channel: "web", externalId: citizenChatId });
    const { booking } = await bookSlot(core, {
      citizenId: citizen.id,
      pointId: point.id,
      service: "facilitazione",
      mode: "in_presenza",
      startsAt: WED_10,
      competences: [9],
    });
    const anna = await linkedFacilitator(engine, core, point.id, "Anna Rossi");
    return { core, engine, point, citizen, booking, anna };
  }

  /** The questions after the codice fiscale, answered by the facilitator with numbers and buttons. */
  async function answerTheRest(chat: ReturnType<typeof engineChat>) {
    await chat.press("Uomo");
    await chat.press("Medie");
    await chat.press("Dipendente");
    await chat.press("Italiana");
    await chat.say("Torino");
    await chat.press("Sì, la prima volta");
    await chat.say("13"); // Un facilitatore (second page)
    expect(question(chat)).toContain("Come hai saputo di questo servizio?");
    await chat.press("Altre scelte");
    await chat.press("Un facilitatore");
    await chat.say("6");
  }

  it("closes a booking with the profile completed by the facilitator, read at the service date", async () => {
    const { core, citizen, booking, anna } = await setUp();
    // the citizen said in their chat they have no codice fiscale, then stopped
    const settings = ctx.config().monitoring;
    await answerProfile(core, settings, {
      citizenId: citizen.id,
      by: { kind: "citizen" },
      answer: { question: "no_fiscal_code" },
    });
    core.clock.set(new Date(WED_10.getTime() + 30 * 60_000));
    await anna.chat.press("Oggi");
    await anna.chat.press(/^1\. 10:00/);
    await anna.chat.press("Completato");
    await anna.chat.press("Registra");
    expect(question(anna.chat)).toBe(OFFER);
    expect(anna.chat.buttons()).toEqual(["Completa profilo", "Salta", "Indietro"]);
    await anna.chat.press("Completa profilo");
    expect(anna.chat.text()).toContain(HOW_TO);
    // the citizen had said they have no codice fiscale: the document comes next
    expect(question(anna.chat)).toBe("Che documento hai?");
    await anna.chat.press("Carta d'identità");
    await anna.chat.say("ca 00000 aa");
    expect(question(anna.chat)).toBe("Come ti descrivi?");
    await anna.chat.press("Uomo");
    expect(question(anna.chat)).toBe("Quanti anni hai?");
    await anna.chat.press("75 anni o più");
    await anna.chat.press("Medie");
    await anna.chat.press("In pensione");
    await anna.chat.press("Italiana");
    await anna.chat.say("TO");
    await anna.chat.press("No, già venuto/a");
    await anna.chat.say("1");
    await anna.chat.press("Altre scelte");
    await anna.chat.say("3"); // Passaparola
    await anna.chat.say("2 7");
    expect(anna.chat.text()).toContain("Profilo completato. ✅");
    expect(anna.chat.text()).toContain("Registrato");
    expect(anna.chat.buttons()).toContain("Oggi");

    const facilitator = await ctx.db.facilitator.findFirstOrThrow({ where: { id: anna.facilitatorId } });
    expect(await ctx.db.monitoringProfile.findUniqueOrThrow({ where: { citizenId: citizen.id } })).toMatchObject({
      state: "completed",
      filledBy: "facilitator",
      facilitatorId: facilitator.id,
      noFiscalCode: true,
      documentType: "A",
      gender: "B",
      ageBand: "D",
      education: "B",
      employment: "G",
      firstTime: false,
      previousServices: ["A"],
      heardFrom: ["L"],
      reasons: ["B", "G"],
    });
    expect((await recordClosedBooking(core, booking.id))?.created).toBe(true);
    expect(await ctx.db.serviceRecord.count({ where: { bookingId: booking.id } })).toBe(1);
  });

  it("reads the codice fiscale at the service date and skips the offer once the profile is complete", async () => {
    const { core, engine, point, citizen, anna } = await setUp();
    core.clock.set(new Date(WED_10.getTime() + 30 * 60_000));
    await anna.chat.press("Oggi");
    await anna.chat.press(/^1\. 10:00/);
    await anna.chat.press("Completato");
    await anna.chat.press("Registra");
    await anna.chat.press("Completa profilo");
    expect(question(anna.chat)).toBe(CF_QUESTION);
    // 18 on 3 December 2026: still a minor on the day of the service
    await anna.chat.say(syntheticFiscalCode({ birthDate: "2008-12-03", sex: "F" }));
    expect(anna.chat.text()).toContain("Questo codice è di una persona con meno di 18 anni.");
    expect(question(anna.chat)).toBe(CF_QUESTION);
    await anna.chat.say(syntheticFiscalCode({ birthDate: "1950-01-01", sex: "M" }));
    await answerTheRest(anna.chat);
    expect(anna.chat.text()).toContain("Profilo completato. ✅");
    expect(await ctx.db.monitoringProfile.findUniqueOrThrow({ where: { citizenId: citizen.id } })).toMatchObject({
      state: "completed",
      filledBy: "facilitator",
      heardFrom: ["M"],
    });

    // a second booking of the same citizen: nothing more to ask
    const { booking: second } = await bookSlot(core, {
      citizenId: citizen.id,
      pointId: point.id,
      service: "facilitazione",
      mode: "in_presenza",
      startsAt: new Date(WED_10.getTime() + 4 * 3_600_000),
    });
    core.clock.set(new Date(second.startsAt.getTime() + 30 * 60_000));
    const bruno = await linkedFacilitator(engine, core, point.id, "Bruno Bianchi");
    await bruno.chat.press("Oggi");
    await bruno.chat.press(/14:00/);
    await bruno.chat.press("Completato");
    await bruno.chat.press("Registra");
    expect(bruno.chat.text()).not.toContain(OFFER);
    expect(bruno.chat.text()).toContain("Registrato");
  });

  it("a walk-in whose codice fiscale is already known reuses that citizen; «Salta» writes a new one", async () => {
    const { core, point, citizen, anna } = await setUp();
    const code = syntheticFiscalCode({ birthDate: "1970-07-07", sex: "F", letters: "WALKIN" });
    const settings = ctx.config().monitoring;
    const answers = [
      { question: "fiscal_code", text: code },
      { question: "AN7", code: "A" },
      { question: "AN9", code: "C" },
    ] as const;
    for (const answer of answers) {
      const done = await answerProfile(core, settings, { citizenId: citizen.id, by: { kind: "citizen" }, answer });
      expect(done.ok).toBe(true);
    }
    const citizensBefore = await ctx.db.citizen.count();

    await anna.chat.press("Registra un servizio");
    await anna.chat.press("Registra");
    expect(question(anna.chat)).toBe(OFFER);
    await anna.chat.press("Completa profilo");
    expect(question(anna.chat)).toBe(CF_QUESTION);
    await anna.chat.say(code.toLowerCase());
    expect(anna.chat.text()).toContain("Questa persona è già nota. Uso i suoi dati.");
    // on at the first question the known citizen has not answered
    expect(question(anna.chat)).toBe("Di cosa ti occupi?");
    await anna.chat.press("Lavoro autonomo");
    await anna.chat.press("Di un Paese UE");
    await anna.chat.say("MI");
    await anna.chat.press("Sì, la prima volta");
    await anna.chat.say("1");
    await anna.chat.say("1");
    expect(anna.chat.text()).toContain("Profilo completato. ✅");
    expect(anna.chat.text()).toContain("Servizio registrato");
    expect(await ctx.db.citizen.count()).toBe(citizensBefore);
    const records = await ctx.db.serviceRecord.findMany({ where: { pointId: point.id, sourceKind: "walk_in" } });
    expect(records.map((r) => r.citizenId)).toEqual([citizen.id]);
    expect(await ctx.db.monitoringProfile.findUniqueOrThrow({ where: { citizenId: citizen.id } })).toMatchObject({
      state: "completed",
      gender: "A",
      education: "C",
      employment: "C",
      citizenship: "B",
      province: "MI",
    });

    // another walk-in, profile skipped: a citizen of its own, no profile
    await anna.chat.press("Registra un servizio");
    await anna.chat.press("Registra");
    await anna.chat.press("Salta");
    expect(anna.chat.text()).toContain("Servizio registrato");
    expect(await ctx.db.citizen.count()).toBe(citizensBefore + 1);
    const all = await ctx.db.serviceRecord.findMany({ where: { pointId: point.id, sourceKind: "walk_in" } });
    expect(all).toHaveLength(2);
    const other = all.find((r) => r.citizenId !== citizen.id);
    expect(other).toBeDefined();
    expect(await ctx.db.monitoringProfile.findUnique({ where: { citizenId: other?.citizenId ?? "" } })).toBeNull();
  });

  it("a new walk-in with only a document: its citizen is made once the document is given, and the record is theirs", async () => {
    const { point, anna } = await setUp();
    const citizensBefore = await ctx.db.citizen.count();
    await anna.chat.press("Registra un servizio");
    await anna.chat.press("Registra");
    await anna.chat.press("Completa profilo");
    await anna.chat.press("Non ce l'ho");
    await anna.chat.press("Passaporto");
    await anna.chat.say("x");
    expect(anna.chat.text()).toContain("Il numero del documento sembra troppo corto.");
    // nothing is made for a bad answer
    expect(await ctx.db.citizen.count()).toBe(citizensBefore);
    await anna.chat.say("YB 765 4321");
    expect(question(anna.chat)).toBe("Come ti descrivi?");
    expect(await ctx.db.citizen.count()).toBe(citizensBefore + 1);
    await anna.chat.press("Non binario");
    await anna.chat.press("30-54 anni");
    await answerTheRestFromEducation(anna.chat);
    expect(anna.chat.text()).toContain("Servizio registrato");
    const [record] = await ctx.db.serviceRecord.findMany({ where: { pointId: point.id, sourceKind: "walk_in" } });
    expect(
      await ctx.db.monitoringProfile.findUniqueOrThrow({ where: { citizenId: record?.citizenId ?? "" } }),
    ).toMatchObject({
      state: "completed",
      filledBy: "facilitator",
      documentType: "C",
      gender: "C",
      ageBand: "B",
    });
    expect(await ctx.db.citizen.count()).toBe(citizensBefore + 1);
  });

  async function answerTheRestFromEducation(chat: ReturnType<typeof engineChat>) {
    await chat.press("Laurea magistrale");
    await chat.press("Studente/ssa");
    await chat.press("Di un Paese non UE");
    await chat.say("Bologna");
    await chat.press("Sì, la prima volta");
    await chat.say("3");
    await chat.say("1");
  }
});
