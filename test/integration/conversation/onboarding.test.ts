import { describe, expect, it } from "vitest";
import { engineChat, testEngine } from "../../support/engine-chat.js";
import { createTestPoint, testCore } from "../../support/fixtures.js";
import { useIntegration } from "../../support/integration.js";

describe("first contact, language and privacy", () => {
  const ctx = useIntegration();

  it("greets in Italian, switches to English by number, and stores nothing before acceptance", async () => {
    const core = testCore(ctx.db);
    const chat = engineChat(testEngine(ctx, core));
    await chat.say("ciao");
    expect(chat.text()).toContain("Ciao! 👋 Sono Sportello");
    expect(chat.buttons()).toEqual(["Italiano", "English"]);
    await chat.say("2");
    expect(chat.text()).toContain("To book, I need to save some of your data");
    expect(chat.buttons()).toEqual(["I accept", "Read more", "I do not accept"]);
    await chat.press("Read more");
    expect(chat.text()).toContain("How I use your data.");
    expect(chat.text()).toContain("How long: while you use the service.");
    expect(chat.buttons()).toEqual(["I accept", "Read more", "I do not accept"]);
    expect(await ctx.db.citizen.count()).toBe(0);
    expect(await ctx.db.channelIdentity.count()).toBe(0);

    await chat.press("I accept");
    expect(chat.text()).toContain("Thank you! ✅");
    expect(chat.buttons()).toEqual([
      "Find a point near me",
      "Book an appointment",
      "My appointments",
      "What I can do online",
      "Group courses",
      "Help",
      "Privacy and data",
    ]);
    const citizen = await ctx.db.citizen.findFirstOrThrow({ include: { identities: true, consents: true } });
    expect(citizen.preferredLanguage).toBe("en");
    expect(citizen.identities.map((i) => [i.channel, i.externalId])).toEqual([["web", chat.identity.userId]]);
    expect(citizen.consents).toHaveLength(1);
  });

  it("in info-only mode after declining: finding works, booking asks for consent, nothing stored", async () => {
    const core = testCore(ctx.db);
    await createTestPoint(ctx.db);
    const chat = engineChat(testEngine(ctx, core));
    await chat.say("buongiorno");
    await chat.press("Italiano");
    await chat.press("Non accetto");
    expect(chat.text()).toContain("Non salvo nessun tuo dato");
    // the same menu as with consent: the numbers mean the same
    expect(chat.buttons()).toEqual([
      "Trova un punto vicino",
      "Prenota un appuntamento",
      "I miei appuntamenti",
      "Cosa so fare online",
      "Corsi di gruppo",
      "Aiuto",
      "Privacy e dati",
    ]);
    await chat.say("1");
    expect(chat.text()).toContain("Scrivi il nome del tuo comune o il CAP");
    await chat.say("10122");
    expect(chat.text()).toContain("Biblioteca di prova");
    await chat.press("Biblioteca di prova");
    expect(chat.last().some((r) => r.kind === "venue")).toBe(true);
    await chat.press("Prenota qui");
    expect(chat.text()).toContain("mi serve il tuo permesso");
    expect(chat.buttons()).toEqual(["Accetto", "Leggi di più", "Non accetto", "Indietro"]);
    const mine = { externalId: chat.identity.userId };
    expect(await ctx.db.channelIdentity.count({ where: mine })).toBe(0);
    // accepting now goes on with the booking at that point
    await chat.press("Accetto");
    expect(chat.text()).toContain("Che tipo di aiuto ti serve?");
    expect(await ctx.db.channelIdentity.count({ where: mine })).toBe(1);
  });

  it("welcomes back a known citizen whose conversation expired, in their language", async () => {
    const core = testCore(ctx.db);
    const engine = testEngine(ctx, core);
    const first = engineChat(engine);
    await first.say("hi");
    await first.press("English");
    await first.press("I accept");
    await ctx.redis.del(...(await ctx.redis.keys(`${ctx.redisPrefix}:conv:*`)));
    const again = engineChat(engine, first.identity);
    await again.say("hello");
    expect(again.text()).toContain("Hello again!");
    expect(again.buttons()).toContain("Book an appointment");
  });

  it("opens a point from a deep link, after the privacy choice", async () => {
    const core = testCore(ctx.db);
    const point = await createTestPoint(ctx.db);
    const chat = engineChat(testEngine(ctx, core));
    await chat.send({ kind: "start", payload: `p_${point.id}` });
    expect(chat.buttons()).toEqual(["Italiano", "English"]);
    await chat.press("Italiano");
    await chat.press("Accetto");
    expect(chat.text()).toContain("Biblioteca di prova");
    const venue = chat.last().find((r) => r.kind === "venue");
    expect(venue).toMatchObject({
      kind: "venue",
      title: "Biblioteca di prova",
      address: "Via Garibaldi 1, 10122 Torino",
    });
    expect(chat.text()).toContain("Orari:");
    expect(chat.buttons()).toContain("Prenota qui");
  });
});
