import { describe, expect, it } from "vitest";
import { acceptPrivacy } from "../../../core/citizens/accept-privacy.js";
import type { Reply } from "../../../core/conversation/reply.js";
import { recordCourseAttendance } from "../../../core/courses/attendance.js";
import { cancelCourseSession } from "../../../core/courses/change-session.js";
import { joinCourseWaitlist } from "../../../core/courses/course-waitlist.js";
import { enrolInCourse, leaveCourse } from "../../../core/courses/enrol.js";
import { courseServiceRecordsJob, expireCourseOffersJob } from "../../../workers/jobs/courses.js";
import { capturingSender } from "../../support/capturing-sender.js";
import { createTestCourse } from "../../support/courses.js";
import { engineChat, testEngine } from "../../support/engine-chat.js";
import { createTestCitizen, outcome, testCore } from "../../support/fixtures.js";
import { useIntegration } from "../../support/integration.js";
import { startTestWorkers, testWorkerDeps } from "../../support/workers.js";

const textOf = (replies: Reply[]) => replies.map((r) => ("text" in r ? r.text : "")).join("\n");

/** A chat whose citizen has accepted the privacy notice, at the course's page. */
async function atCourse(engine: ReturnType<typeof testEngine>, pointId: string) {
  const chat = engineChat(engine);
  await chat.send({ kind: "start", payload: `p_${pointId}` });
  await chat.press("Italiano");
  await chat.press("Accetto");
  return chat;
}

describe("group courses: enrolling through the chat, the waitlist, the bad cases", () => {
  const ctx = useIntegration();

  it("enrol race on the last seats through the chat: exactly the seats are taken, the others are offered the line", async () => {
    const core = testCore(ctx.db);
    const { point, session } = await createTestCourse(ctx.db, { seats: 3 });
    const engine = testEngine(ctx, core);
    const chats = [];
    for (let i = 0; i < 8; i++) {
      const chat = await atCourse(engine, point.id);
      await chat.press("Corsi di gruppo qui");
      expect(textOf(await chat.press(/SPID senza paura/))).toContain("Posti liberi: 3");
      chats.push(chat);
    }
    const answers = await Promise.all(chats.map((chat) => chat.press("Iscrivimi")));
    const enrolled = answers.filter((a) => textOf(a).includes("Fatto! ✅ Sei nel corso «SPID senza paura»"));
    const refused = answers.filter((a) => textOf(a).includes("Il corso è pieno, mi dispiace."));
    expect(enrolled).toHaveLength(3);
    expect(refused).toHaveLength(5);
    for (const a of enrolled)
      expect(a.some((r) => r.kind === "file" && r.filename === "corso-2026-12-03.ics")).toBe(true);
    // the refused see the course as it is now: full, with its waiting line
    for (const a of refused) expect(textOf(a)).toContain("Vuoi metterti in lista d'attesa?");
    const row = await ctx.db.courseSession.findUniqueOrThrow({ where: { id: session.id } });
    expect(row.booked).toBe(3);
    expect(await ctx.db.courseEnrolment.count({ where: { sessionId: session.id, status: "enrolled" } })).toBe(3);
    // each seat has its two reminders (the day before, 2 hours before)
    expect(
      await ctx.db.outboundMessage.count({ where: { courseSessionId: session.id, kind: "course.reminder" } }),
    ).toBe(6);
  });

  it("refuses plainly: twice, two courses at the same time, a course that started or was cancelled", async () => {
    const core = testCore(ctx.db);
    const a = await createTestCourse(ctx.db);
    const b = await createTestCourse(ctx.db, { starts: ["2026-12-03T10:00:00Z"] }); // overlaps 10:00-12:00
    const citizenId = await createTestCitizen(core);
    expect(await outcome(enrolInCourse(core, { sessionId: a.session.id, citizenId }))).toBe("ok");
    expect(await outcome(enrolInCourse(core, { sessionId: a.session.id, citizenId }))).toBe("already_enrolled");
    expect(await outcome(enrolInCourse(core, { sessionId: b.session.id, citizenId }))).toBe("course_overlap");
    expect(await outcome(joinCourseWaitlist(core, { sessionId: b.session.id, citizenId }))).toBe("course_not_full");
    await core.transaction((repos) => cancelCourseSession(repos, { sessionId: b.session.id, now: core.clock.now() }));
    const other = await createTestCitizen(core);
    expect(await outcome(enrolInCourse(core, { sessionId: b.session.id, citizenId: other }))).toBe("course_cancelled");
    core.clock.set("2026-12-03T09:30:00Z");
    expect(await outcome(enrolInCourse(core, { sessionId: a.session.id, citizenId: other }))).toBe("course_started");
    expect(await outcome(leaveCourse(core, { sessionId: a.session.id, citizenId }))).toBe("course_started");
    expect((await ctx.db.courseSession.findUniqueOrThrow({ where: { id: a.session.id } })).booked).toBe(1);
  });

  it("the chat says a course is cancelled after enrolment, and the citizen is told", async () => {
    const core = testCore(ctx.db);
    const { point, session } = await createTestCourse(ctx.db);
    const engine = testEngine(ctx, core);
    const chat = await atCourse(engine, point.id);
    await chat.press("Corsi di gruppo qui");
    await chat.press(/SPID/);
    await chat.press("Iscrivimi");
    const told = await core.transaction((repos) =>
      cancelCourseSession(repos, { sessionId: session.id, now: core.clock.now() }),
    );
    expect(told.told).toBe(1);
    expect(
      await ctx.db.outboundMessage.count({
        where: { courseSessionId: session.id, kind: "course.cancelled", state: "pending" },
      }),
    ).toBe(1);
    expect(
      await ctx.db.outboundMessage.count({
        where: { courseSessionId: session.id, kind: "course.reminder", state: "pending" },
      }),
    ).toBe(0);
    expect((await ctx.db.courseSession.findUniqueOrThrow({ where: { id: session.id } })).booked).toBe(0);
    // the page of the course now says so, and offers no enrolment
    const again = await chat.say("menu");
    expect(textOf(again)).toContain("Cosa vuoi fare?");
    const list = await chat.press("I miei appuntamenti");
    expect(textOf(list)).toContain("Non hai appuntamenti in programma.");
  });

  it("a seat freed goes to the first in line: pushed offer, 'Iscrivimi' enrols; 'No, grazie' passes it on", async () => {
    const core = testCore(ctx.db);
    const engine = testEngine(ctx, core);
    const capture = capturingSender();
    const { point, session } = await createTestCourse(ctx.db, { seats: 1 });
    const workers = await startTestWorkers(ctx, { core, engine, senders: { web: capture.sender } });
    try {
      const holder = await atCourse(engine, point.id);
      await holder.press("Corsi di gruppo qui");
      await holder.press(/SPID/);
      await holder.press("Iscrivimi");
      const first = await atCourse(engine, point.id);
      await first.press("Corsi di gruppo qui");
      await first.press(/SPID/);
      expect(textOf(await first.press("Mettimi in lista"))).toContain("sei in lista al posto 1");
      core.clock.advance(1_000);
      const second = await atCourse(engine, point.id);
      await second.press("Corsi di gruppo qui");
      await second.press(/SPID/);
      expect(textOf(await second.press("Mettimi in lista"))).toContain("sei in lista al posto 2");

      // the holder gives the seat back through "I miei appuntamenti"
      await holder.say("menu");
      const mine = await holder.press("I miei appuntamenti");
      expect(textOf(mine)).toContain("Corso «SPID senza paura»");
      await holder.press(/^Corso /);
      await holder.press("Lascia il posto");
      const left = await holder.press("Sì, lascio");
      expect(textOf(left)).toContain("hai lasciato il posto");
      expect(left.some((r) => r.kind === "file" && r.content.includes("METHOD:CANCEL"))).toBe(true);

      await workers.tick();
      await expect
        .poll(() => capture.buttons(first.identity.userId).map((c) => c.label))
        .toEqual(["Iscrivimi", "No, grazie"]);
      expect(capture.texts(first.identity.userId).join("\n")).toContain(
        "Si è liberato un posto al corso «SPID senza paura»",
      );
      // "No, grazie": the next in line is offered the seat
      const no = capture.buttons(first.identity.userId)[1];
      if (!no) throw new Error("no button");
      expect(textOf(await first.send({ kind: "button", data: no.id }))).toContain("Lo diamo a chi è dopo di te");
      await workers.tick();
      await expect
        .poll(() => capture.buttons(second.identity.userId).map((c) => c.label))
        .toEqual(["Iscrivimi", "No, grazie"]);
      const yes = capture.buttons(second.identity.userId)[0];
      if (!yes) throw new Error("no button");
      const enrolled = await second.send({ kind: "button", data: yes.id });
      expect(textOf(enrolled)).toContain("Sei nel corso «SPID senza paura»");
      const row = await ctx.db.courseSession.findUniqueOrThrow({ where: { id: session.id } });
      expect(row.booked).toBe(1);
      expect(await ctx.db.courseWaitlistEntry.count({ where: { sessionId: session.id, status: "booked" } })).toBe(1);
      // pressed again later (not a double tap): nothing more happens
      core.clock.advance(60_000);
      expect(textOf(await second.send({ kind: "button", data: yes.id }))).toContain("Sei già iscritto o iscritta");
    } finally {
      await workers.stop();
    }
  });

  it("an offer not taken in time passes to the next in line (expire-course-offers), never past the start", async () => {
    const core = testCore(ctx.db);
    const { session } = await createTestCourse(ctx.db, { seats: 1 });
    const holder = await createTestCitizen(core);
    await enrolInCourse(core, { sessionId: session.id, citizenId: holder });
    const first = await createTestCitizen(core);
    await joinCourseWaitlist(core, { sessionId: session.id, citizenId: first });
    core.clock.advance(1_000);
    const second = await createTestCitizen(core);
    await joinCourseWaitlist(core, { sessionId: session.id, citizenId: second });
    expect(await leaveCourse(core, { sessionId: session.id, citizenId: holder })).toBe(true);
    const offered = await ctx.db.courseWaitlistEntry.findFirstOrThrow({ where: { citizenId: first } });
    expect(offered.status).toBe("offered");
    expect(offered.offerExpiresAt?.getTime()).toBe(
      core.clock.now().getTime() + core.policy.waitlistOfferMinutes * 60_000,
    );
    expect(
      await ctx.db.outboundMessage.count({ where: { citizenId: first, kind: "course.offer", state: "pending" } }),
    ).toBe(1);
    core.clock.advance(core.policy.waitlistOfferMinutes * 60_000 + 1_000);
    const job = { deps: testWorkerDeps(ctx, { core, senders: {} }), job: {} as never, token: undefined };
    await expireCourseOffersJob.handle({}, job);
    expect((await ctx.db.courseWaitlistEntry.findFirstOrThrow({ where: { citizenId: first } })).status).toBe("expired");
    expect((await ctx.db.courseWaitlistEntry.findFirstOrThrow({ where: { citizenId: second } })).status).toBe(
      "offered",
    );
    // the first's offer is now pointless: withdrawn, and refused if pressed
    expect(
      await ctx.db.outboundMessage.count({ where: { citizenId: first, kind: "course.offer", state: "pending" } }),
    ).toBe(0);
    expect(
      await enrolInCourse(core, { sessionId: session.id, citizenId: first, offerEntryId: offered.id }).catch(
        (e) => e.code,
      ),
    ).toBe("course_offer_not_valid");
  });

  it("attendance: one service record per citizen present, none for the absent, none twice", async () => {
    const core = testCore(ctx.db);
    const { session, facilitator } = await createTestCourse(ctx.db, { format: "training" });
    const citizens = [];
    for (let i = 0; i < 3; i++) {
      const { citizen } = await acceptPrivacy(core, { channel: "web", externalId: `att-${i}-${session.id}` });
      await enrolInCourse(core, { sessionId: session.id, citizenId: citizen.id });
      citizens.push(citizen.id);
    }
    const [present1, present2, absent] = citizens as [string, string, string];
    expect(await outcome(recordCourseAttendance(core, { sessionId: session.id, facilitatorId: facilitator.id }))).toBe(
      "attendance_too_early",
    );
    core.clock.set("2026-12-03T11:05:00Z");
    const stranger = await ctx.db.facilitator.create({ data: { displayName: "Altro" } });
    expect(await outcome(recordCourseAttendance(core, { sessionId: session.id, facilitatorId: stranger.id }))).toBe(
      "facilitator_not_at_point",
    );
    const done = await recordCourseAttendance(core, {
      sessionId: session.id,
      facilitatorId: facilitator.id,
      absentCitizenIds: [absent],
    });
    expect(done).toEqual({ recorded: true, present: 2, absent: 1 });
    // a second facilitator closing it again changes nothing
    expect(
      await recordCourseAttendance(core, {
        sessionId: session.id,
        facilitatorId: facilitator.id,
        absentCitizenIds: [],
      }),
    ).toEqual({ recorded: false, present: 2, absent: 1 });

    // the worker job, run twice (a retry, or two processes): one record per citizen present
    const job = { deps: testWorkerDeps(ctx, { core, senders: {} }), job: {} as never, token: undefined };
    await courseServiceRecordsJob.handle({}, job);
    await courseServiceRecordsJob.handle({}, job);
    const records = await ctx.db.serviceRecord.findMany({ where: { courseSessionId: session.id } });
    expect(records.map((r) => r.citizenId).sort()).toEqual([present1, present2].sort());
    for (const r of records) {
      expect(r).toMatchObject({
        sourceKind: "course",
        facilitatorId: facilitator.id,
        serviceTypes: ["C"],
        areas: ["B"],
        competences: [9],
        durationMinutes: 120,
        programme: "RFD",
      });
      expect(r.serviceDate.toISOString().slice(0, 10)).toBe("2026-12-03");
    }
    const statuses = await ctx.db.courseEnrolment.findMany({
      where: { sessionId: session.id },
      select: { citizenId: true, status: true },
    });
    expect(statuses.find((s) => s.citizenId === absent)?.status).toBe("no_show");
  });
});
