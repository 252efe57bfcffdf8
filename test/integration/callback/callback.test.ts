import { describe, expect, it } from "vitest";
import { eraseCitizen } from "../../../core/citizens/erase-citizen.js";
import { engineChat, testEngine } from "../../support/engine-chat.js";
import { buttonOf, deliverRow, linkedFacilitator, rowsOf, textOf } from "../../support/facilitators.js";
import { createTestPoint, testCore } from "../../support/fixtures.js";
import { useIntegration } from "../../support/integration.js";

describe("asking a point for a call back", () => {
  const ctx = useIntegration();

  async function setUp() {
    const core = testCore(ctx.db);
    const engine = testEngine(ctx, core);
    const point = await createTestPoint(ctx.db, { name: "Biblioteca Civica" });
    return { core, engine, point };
  }

  /** A citizen who accepted the notice, at the card of the point. */
  async function citizenAt(engine: ReturnType<typeof testEngine>, pointId: string) {
    const chat = engineChat(engine);
    await chat.send({ kind: "start" });
    await chat.press("Italiano");
    await chat.press("Accetto");
    await chat.send({ kind: "start", payload: `p_${pointId}` });
    return chat;
  }

  it("asks by numbers alone; the facilitators get the number; «Fatto» acts once; the other is told who did it", async () => {
    const { core, engine, point } = await setUp();
    const anna = await linkedFacilitator(engine, core, point.id, "Anna Rossi");
    const bruno = await linkedFacilitator(engine, core, point.id, "Bruno Bianchi");
    const chat = await citizenAt(engine, point.id);

    await chat.say("operatore");
    expect(chat.text()).toContain(
      "Per parlare con una persona, vai da Biblioteca Civica: Via Garibaldi 1, 10122 Torino.",
    );
    expect(chat.text()).toContain("Se preferisci, ti richiamano loro.");
    expect(chat.buttons()).toEqual(["Richiamami", "Indietro"]);
    await chat.say("1");
    expect(chat.text()).toBe("A che numero ti richiamano?\nScrivilo qui, per esempio 333 123 4567.");
    await chat.say("12");
    expect(chat.text()).toContain("Questo numero non sembra giusto. Riprova, scrivilo così: 333 123 4567.");
    expect(chat.text()).toContain("A che numero ti richiamano?");
    await chat.say("333 123 4567");
    expect(chat.text()).toBe("Quando preferisci essere chiamato?");
    expect(chat.buttons()).toEqual(["Mattina", "Pomeriggio", "Quando volete", "Indietro"]);
    await chat.say("2");
    expect(chat.text()).toBe(
      "Biblioteca Civica ti richiama al numero 333 123 4567.\nQuando: Pomeriggio.\nVa bene così?",
    );
    await chat.say("1");
    expect(chat.text()).toContain(
      "Fatto! Ho detto a Biblioteca Civica di chiamarti al 333 123 4567. Di solito lo fanno entro 2 giorni di lavoro, in orario di apertura.",
    );
    expect(chat.text()).toContain("Orari:");

    const rows = await rowsOf(ctx.db, "callback.request");
    expect(rows.map((r) => r.facilitatorId).sort()).toEqual([anna.facilitatorId, bruno.facilitatorId].sort());
    // the number is never in the rows: it is read from the citizen when the message is sent
    expect(JSON.stringify(rows)).not.toContain("1234567");

    // asking again while the request is open: "you already asked", no second request
    await chat.send({ kind: "start", payload: `p_${point.id}` });
    await chat.say("operatore");
    await chat.press("Richiamami");
    expect(chat.text()).toBe("Quando preferisci essere chiamato?");
    await chat.press("Mattina");
    expect(chat.buttons()).toEqual(["Sì, va bene", "Cambia numero", "Annulla"]);
    await chat.press("Sì, va bene");
    expect(chat.text()).toContain(
      "Hai già chiesto di essere richiamato: Biblioteca Civica ti chiamerà al 333 123 4567. Non serve chiedere di nuovo.",
    );
    expect(await rowsOf(ctx.db, "callback.request")).toHaveLength(2);

    const annaRow = rows.find((r) => r.facilitatorId === anna.facilitatorId);
    const brunoRow = rows.find((r) => r.facilitatorId === bruno.facilitatorId);
    const toAnna = await deliverRow(core, engine, annaRow?.id ?? "");
    expect(textOf(toAnna)).toBe(
      "📞 Da richiamare (Biblioteca Civica): un cittadino\nNumero: 333 123 4567\nQuando: Pomeriggio",
    );
    const done = buttonOf(toAnna, "Fatto");
    await anna.chat.send({ kind: "button", data: done });
    expect(anna.chat.text()).toContain("✅ Segnato: chiamata fatta.");
    core.clock.advance(10_000);
    await anna.chat.send({ kind: "button", data: done });
    expect(anna.chat.text()).toContain("Già fatto: ha chiamato tu.");
    const acted = await ctx.db.outboundMessage.findMany({
      where: { kind: "callback.request", actedAt: { not: null } },
    });
    expect(acted.map((r) => [r.facilitatorId, r.actedVerb])).toEqual([[anna.facilitatorId, "done"]]);

    const toBruno = await deliverRow(core, engine, brunoRow?.id ?? "");
    // typed number of the pushed question reaches it too
    await bruno.chat.say("1");
    expect(bruno.chat.text()).toContain("Già fatto: ha chiamato Anna Rossi.");
    expect(buttonOf(toBruno, "Non risponde")).toBeTruthy();
    expect(await ctx.db.outboundMessage.count({ where: { kind: "callback.request", actedAt: { not: null } } })).toBe(1);
  });

  it("a point without facilitators in the chat offers no «Richiamami»", async () => {
    const { engine, point } = await setUp();
    const chat = await citizenAt(engine, point.id);
    await chat.say("operatore");
    expect(chat.text()).toContain("Per parlare con una persona, vai da Biblioteca Civica");
    expect(chat.text()).not.toContain("ti richiamano loro");
    expect(chat.buttons()).not.toContain("Richiamami");
  });

  it("erasing the citizen cancels the pending request", async () => {
    const { core, engine, point } = await setUp();
    const anna = await linkedFacilitator(engine, core, point.id, "Anna Rossi");
    const chat = await citizenAt(engine, point.id);
    await chat.say("operatore");
    await chat.press("Richiamami");
    await chat.say("3331234567");
    await chat.press("Quando volete");
    await chat.press("Sì, va bene");
    const [row, ...more] = await rowsOf(ctx.db, "callback.request", { facilitatorId: anna.facilitatorId });
    expect(more).toEqual([]);
    expect(row?.state).toBe("pending");
    const citizen = await ctx.db.channelIdentity.findFirstOrThrow({ where: { externalId: chat.identity.userId } });
    await eraseCitizen(core, citizen.citizenId);
    const after = await ctx.db.outboundMessage.findUniqueOrThrow({ where: { id: row?.id ?? "" } });
    expect([after.state, after.reason]).toEqual(["cancelled", "erased"]);
  });
});
