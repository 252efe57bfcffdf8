import { describe, expect, it } from "vitest";
import { acceptPrivacy } from "../../../core/citizens/accept-privacy.js";
import type { Reply } from "../../../core/conversation/reply.js";
import { enrolInCourse } from "../../../core/courses/enrol.js";
import { inviteFacilitator } from "../../../core/facilitators/invite.js";
import { courseServiceRecordsJob } from "../../../workers/jobs/courses.js";
import { createTestCourse } from "../../support/courses.js";
import { engineChat, testEngine } from "../../support/engine-chat.js";
import { testCore } from "../../support/fixtures.js";
import { useIntegration } from "../../support/integration.js";
import { testWorkerDeps } from "../../support/workers.js";

const textOf = (replies: Reply[]) => replies.map((r) => ("text" in r ? r.text : "")).join("\n");

describe("the facilitator's agenda shows the course and its citizens; attendance in the chat", () => {
  const ctx = useIntegration();

  it("Oggi → the course → untick the absent → Conferma presenze → one service record per citizen present", async () => {
    const core = testCore(ctx.db, { now: "2026-12-03T07:00:00Z" }); // Thursday 08:00, the course is at 10:00
    const { point, session } = await createTestCourse(ctx.db, { title: "Videochiamate facili" });
    const names = ["Maria", "Giuseppe", "Lucia"];
    const ids: string[] = [];
    for (const name of names) {
      const { citizen } = await acceptPrivacy(core, { channel: "web", externalId: `c-${name}-${session.id}` });
      await ctx.db.citizen.update({ where: { id: citizen.id }, data: { givenName: name } });
      await enrolInCourse(core, { sessionId: session.id, citizenId: citizen.id });
      ids.push(citizen.id);
    }
    const { code, facilitator } = await inviteFacilitator(core, {
      pointId: point.id,
      displayName: "Paolo Bianchi",
      role: "facilitator",
    });
    const chat = engineChat(testEngine(ctx, core));
    await chat.send({ kind: "start", payload: `f_${code}` });
    const today = await chat.press("Oggi");
    expect(textOf(today)).toContain("10:00–12:00 · Corso «Videochiamate facili» · iscritti 3 su 10");
    const before = await chat.press(/Corso/);
    expect(textOf(before)).toContain("Iscritti: 3 su 10");
    expect(textOf(before)).toContain("• Maria");
    expect(textOf(before)).toContain("Quando il corso inizia, qui segni chi è venuto.");

    core.clock.set("2026-12-03T11:00:00Z");
    await chat.press("Indietro");
    await chat.press(/Corso/);
    await chat.press("✅ Giuseppe");
    const marked = await chat.press("Conferma presenze");
    expect(textOf(marked)).toContain("Fatto! Presenti: 2. Assenti: 1.");
    expect(textOf(marked)).toContain("❌ Giuseppe");
    expect(textOf(marked)).toContain("Presenze già registrate.");

    const job = { deps: testWorkerDeps(ctx, { core, senders: {} }), job: {} as never, token: undefined };
    await courseServiceRecordsJob.handle({}, job);
    const records = await ctx.db.serviceRecord.findMany({ where: { courseSessionId: session.id } });
    expect(records.map((r) => r.citizenId).sort()).toEqual([ids[0], ids[2]].sort());
    expect(records.every((r) => r.facilitatorId === facilitator.id && r.serviceTypes[0] === "C")).toBe(true);
  });
});
