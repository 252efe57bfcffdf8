import { describe, expect, it } from "vitest";
import { enrolInCourse } from "../../../core/courses/enrol.js";
import { capturingSender } from "../../support/capturing-sender.js";
import { createTestCourse } from "../../support/courses.js";
import { engineChat, testEngine } from "../../support/engine-chat.js";
import { testCore } from "../../support/fixtures.js";
import { useIntegration } from "../../support/integration.js";
import { startTestWorkers } from "../../support/workers.js";

describe("course reminders composed and delivered by the workers", () => {
  const ctx = useIntegration();

  async function setUp(online: boolean) {
    const core = testCore(ctx.db); // Tue 1 Dec 2026, 08:00 in Rome
    const engine = testEngine(ctx, core);
    const capture = capturingSender();
    const { point, session } = await createTestCourse(ctx.db, { online }); // Thu 3 Dec, 10:00
    const chat = engineChat(engine);
    await chat.send({ kind: "start", payload: `p_${point.id}` });
    await chat.press("Italiano");
    await chat.press("Accetto");
    const { citizenId } = await ctx.db.channelIdentity.findFirstOrThrow({
      where: { externalId: chat.identity.userId },
    });
    await enrolInCourse(core, { sessionId: session.id, citizenId });
    const workers = await startTestWorkers(ctx, { core, engine, senders: { web: capture.sender } });
    core.clock.set("2026-12-02T09:00:00Z"); // Wed 10:00: the day-before reminder is due
    await workers.tick();
    const id = chat.identity.userId;
    try {
      await expect.poll(() => capture.buttons(id).map((c) => c.label)).toEqual(["Ci sarò", "Non posso venire"]);
    } catch (error) {
      await workers.stop();
      throw error;
    }
    const press = (label: string) =>
      chat.send({ kind: "button", data: capture.buttons(id).find((c) => c.label === label)?.id ?? "" });
    return { core, workers, capture, chat, id, press, session, citizenId };
  }

  it("in person: title, day, time and place; «Ci sarò» thanks once; the row is sent, once", async () => {
    const { core, workers, capture, chat, id, press, session } = await setUp(false);
    try {
      expect(capture.textOf(id)).toBe(
        "⏰ Promemoria: domani alle 10:00 c'è il corso «SPID senza paura».\n" +
          "Dove: Biblioteca dei corsi, Via Garibaldi 1, 10122 Torino\nCi sarai?",
      );
      expect(capture.sent.get(id)).toHaveLength(1);
      const rows = async () =>
        (
          await ctx.db.outboundMessage.findMany({
            where: { kind: "course.reminder", courseSessionId: session.id },
            orderBy: { dueAt: "asc" },
          })
        ).map((r) => [r.dueAt.toISOString(), r.state]);
      // (the row is marked sent right after the send returns)
      await expect.poll(rows).toEqual([
        ["2026-12-02T09:00:00.000Z", "sent"],
        ["2026-12-03T07:00:00.000Z", "pending"],
      ]);
      await press("Ci sarò");
      expect(chat.text()).toContain("Grazie! Ti aspettiamo. 🙂");
      core.clock.advance(10_000); // a later press, not a double tap
      await press("Ci sarò");
      expect(chat.text()).toContain("Ci avevi già detto che ci sarai. Grazie!");
    } finally {
      await workers.stop();
    }
  });

  it("online: the place says how to join; «Non posso venire» asks, then gives the seat back", async () => {
    const { workers, capture, chat, id, press, session, citizenId } = await setUp(true);
    try {
      expect(capture.textOf(id)).toBe(
        "⏰ Promemoria: domani alle 10:00 c'è il corso «SPID senza paura».\n" +
          "Dove: online. Per entrare: link Jitsi il giorno prima\nCi sarai?",
      );
      await press("Non posso venire");
      expect(chat.text()).toContain("Vuoi lasciare il tuo posto al corso «SPID senza paura» di domani, 10:00?");
      expect(chat.buttons()).toContain("Sì, lascio");
      await chat.press("Sì, lascio");
      const enrolment = await ctx.db.courseEnrolment.findFirstOrThrow({ where: { sessionId: session.id, citizenId } });
      expect(enrolment.status).toBe("cancelled");
      expect((await ctx.db.courseSession.findUniqueOrThrow({ where: { id: session.id } })).booked).toBe(0);
      // the 2-hours-before reminder is withdrawn
      const pending = await ctx.db.outboundMessage.count({
        where: { kind: "course.reminder", courseSessionId: session.id, state: "pending" },
      });
      expect(pending).toBe(0);
      expect(chat.text()).toContain("Fatto, hai lasciato il posto. Grazie: ora va a chi aspetta.");
    } finally {
      await workers.stop();
    }
  });
});
