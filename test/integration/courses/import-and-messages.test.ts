import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../../core/clock.js";
import { createComposer } from "../../../core/conversation/push/compose.js";
import { enrolInCourse } from "../../../core/courses/enrol.js";
import { runCoursesImport } from "../../../scripts/courses-import.js";
import { runCoursesList } from "../../../scripts/courses-list.js";
import { capture } from "../../support/cli-capture.js";
import { createTestCitizen, createTestPoint, testCore } from "../../support/fixtures.js";
import { useIntegration } from "../../support/integration.js";

const NOW = "2026-12-01T07:00:00Z"; // Tuesday 1 December 2026, 08:00 in Rome
const HEADER =
  "codice_corso;codice_punto;titolo;descrizione;livello;tipo;modalita;aree;competenze;facilitatore;sede;accesso_online;sessione;data;inizio;fine;posti;stato";

describe("npm run courses:import and courses:list; reminders and the 'course moved' message", () => {
  const ctx = useIntegration();
  let dir = "";
  let pointCode = "";
  let email = "";
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "sportello-courses-"));
    const point = await createTestPoint(ctx.db, { name: "Biblioteca Centrale" });
    pointCode = point.code;
    email = "Anna.Rossi@example.org";
    const facilitator = await ctx.db.facilitator.create({
      data: { displayName: "Anna Rossi", email: "anna.rossi@example.org" },
    });
    await ctx.db.facilitatorPoint.create({
      data: { facilitatorId: facilitator.id, pointId: point.id, role: "facilitator" },
    });
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const row = (cells: Partial<Record<string, string>> = {}) => {
    const d: Record<string, string> = {
      codice_corso: "BIB-SPID",
      codice_punto: pointCode,
      titolo: "SPID senza paura",
      descrizione: "Attivare SPID passo per passo.",
      livello: "base",
      tipo: "formazione",
      modalita: "presenza",
      aree: "",
      competenze: "9",
      facilitatore: email,
      sede: "",
      accesso_online: "",
      sessione: "1",
      data: "2026-12-10",
      inizio: "10:00",
      fine: "12:00",
      posti: "2",
      stato: "",
      ...cells,
    };
    return HEADER.split(";")
      .map((c) => d[c] ?? "")
      .join(";");
  };
  const run = async (lines: string[], ...flags: string[]) => {
    const file = join(dir, `f-${Math.random().toString(36).slice(2)}.csv`);
    await writeFile(file, [HEADER, ...lines].join("\n"));
    const io = capture();
    const code = await runCoursesImport([file, ...flags], io, () => ctx.config(), fixedClock(NOW));
    return { code, ...io };
  };

  it("refuses bad rows, all or nothing, with a report per row; --dry-run writes nothing", async () => {
    const bad = await run([
      row({ sessione: "1" }),
      row({ codice_corso: "BIB-X", competenze: "9:14", livello: "esperto" }),
      row({ codice_corso: "BIB-Y", codice_punto: "NOPE" }),
      row({ codice_corso: "BIB-Z", modalita: "online" }),
      row({ codice_corso: "BIB-W", inizio: "12:00", fine: "10:00", posti: "0" }),
      row({ sessione: "1", data: "2026-12-17" }),
      row({ sessione: "2", titolo: "Altro titolo" }),
    ]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain("FILE RIFIUTATO");
    expect(bad.stdout).toContain("Nessuna modifica è stata scritta.");
    expect(bad.stdout).toContain("riga 3, colonna livello: scrivi base, intermedio o avanzato");
    expect(bad.stdout).toContain("riga 3, colonna competenze: codice SE5 non valido (14)");
    expect(bad.stdout).toContain("riga 5, colonna accesso_online: un corso online deve dire come si entra");
    expect(bad.stdout).toContain("riga 6, colonna fine: la fine deve venire dopo l'inizio");
    expect(bad.stdout).toContain("riga 6, colonna posti: scrivi un numero da 1 a 200");
    expect(bad.stdout).toContain("riga 7, colonna sessione: la sessione 1 del corso BIB-SPID c'è già");
    expect(bad.stdout).toContain("riga 8, colonna titolo: diverso dalle altre righe del corso BIB-SPID");
    // the database checks: unknown point, a facilitator of another point, a past session
    const db = await run([
      row(),
      row({ codice_corso: "BIB-Y", codice_punto: "NOPE" }),
      row({ codice_corso: "BIB-P", data: "2026-11-30" }),
      row({ codice_corso: "BIB-F", facilitatore: "nessuno@example.org" }),
    ]);
    expect(db.code).toBe(1);
    expect(db.stdout).toContain("riga 3, colonna codice_punto: non c'è un punto con codice NOPE");
    expect(db.stdout).toContain("riga 4, colonna data: questa sessione nuova è già passata");
    expect(db.stdout).toContain("riga 5, colonna facilitatore: non trovo il facilitatore nessuno@example.org");
    expect(await ctx.db.course.count()).toBe(0);
    expect(await ctx.db.courseSession.count()).toBe(0);

    const dry = await run([row(), row({ sessione: "2", data: "2026-12-17" })], "--dry-run");
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain("riga 2: corso BIB-SPID, sessione 1: creata");
    expect(dry.stdout).toContain("PROVA: nulla è stato scritto.");
    expect(await ctx.db.course.count()).toBe(0);
  });

  it("creates, then moves a session (reminders re-timed, everyone told), refuses seats below the enrolled, cancels", async () => {
    const created = await run([row(), row({ sessione: "2", data: "2026-12-17" })]);
    expect(created.code).toBe(0);
    expect(created.stdout).toContain("FATTO. Sessioni: 2 create");
    const course = await ctx.db.course.findUniqueOrThrow({ where: { code: "BIB-SPID" }, include: { sessions: true } });
    expect(course).toMatchObject({ areas: ["B"], competences: [9], format: "training", online: false, level: "base" });
    const first = course.sessions.find((s) => s.number === 1);
    if (!first) throw new Error("no session");
    expect(first.startsAt.toISOString()).toBe("2026-12-10T09:00:00.000Z");

    const core = testCore(ctx.db, { now: NOW });
    const a = await createTestCitizen(core);
    const b = await createTestCitizen(core);
    await enrolInCourse(core, { sessionId: first.id, citizenId: a });
    await enrolInCourse(core, { sessionId: first.id, citizenId: b });
    const reminders = await ctx.db.outboundMessage.findMany({
      where: { courseSessionId: first.id, citizenId: a, kind: "course.reminder" },
      orderBy: { dueAt: "asc" },
    });
    // the day before at the same time, and 2 hours before
    expect(reminders.map((r) => r.dueAt.toISOString())).toEqual([
      "2026-12-09T09:00:00.000Z",
      "2026-12-10T07:00:00.000Z",
    ]);

    const tooFew = await run([row({ posti: "1" }), row({ sessione: "2", data: "2026-12-17" })]);
    expect(tooFew.code).toBe(1);
    expect(tooFew.stdout).toContain("riga 2, colonna posti: 1 posti sono meno degli iscritti (2)");

    const moved = await run([
      row({ data: "2026-12-11", inizio: "15:00", fine: "17:00" }),
      row({ sessione: "2", data: "2026-12-17" }),
    ]);
    expect(moved.code).toBe(0);
    expect(moved.stdout).toContain("riga 2: corso BIB-SPID, sessione 1: spostata (2 persone avvisate)");
    expect(moved.stdout).toContain("riga 3: corso BIB-SPID, sessione 2: invariata");
    const after = await ctx.db.outboundMessage.findMany({
      where: { courseSessionId: first.id, citizenId: a },
      orderBy: [{ kind: "asc" }, { dueAt: "asc" }],
    });
    expect(after.filter((m) => m.kind === "course.reminder" && m.state === "cancelled")).toHaveLength(2);
    expect(
      after.filter((m) => m.kind === "course.reminder" && m.state === "pending").map((m) => m.dueAt.toISOString()),
    ).toEqual(["2026-12-10T14:00:00.000Z", "2026-12-11T12:00:00.000Z"]);
    const movedMessage = after.find((m) => m.kind === "course.moved");
    if (!movedMessage) throw new Error("no course.moved message");
    const compose = createComposer({ core });
    const composed = await compose((await core.repos.messages.findById(movedMessage.id)) ?? ({} as never));
    if (!("replies" in composed)) throw new Error(`skipped: ${composed.skip}`);
    const text = composed.replies.map((r) => ("text" in r ? r.text : "")).join("\n");
    expect(text).toContain("Il corso «SPID senza paura» ha cambiato orario.");
    expect(text).toContain("venerdì 11 dicembre alle 15:00");
    // an old reminder composed now is stale: never sent
    const stale = after.find((m) => m.kind === "course.reminder" && m.state === "cancelled");
    expect(await compose((await core.repos.messages.findById(stale?.id ?? "")) ?? ({} as never))).toEqual({
      skip: "course_moved",
    });

    const list = capture();
    expect(await runCoursesList([], list, () => ctx.config(), fixedClock(NOW))).toBe(0);
    expect(list.stdout).toContain("BIB-SPID");
    expect(list.stdout).toContain("2026-12-11 15:00-17:00");
    expect(list.stdout).toContain("2/2");
    expect(list.stdout).toContain("Anna Rossi");

    const cancelled = await run([
      row({ data: "2026-12-11", inizio: "15:00", fine: "17:00", stato: "annullato" }),
      row({ sessione: "2", data: "2026-12-17" }),
    ]);
    expect(cancelled.code).toBe(0);
    expect(cancelled.stdout).toContain("sessione 1: annullata (2 persone avvisate)");
    expect(await ctx.db.outboundMessage.count({ where: { courseSessionId: first.id, kind: "course.cancelled" } })).toBe(
      2,
    );
    expect(
      await ctx.db.outboundMessage.count({
        where: { courseSessionId: first.id, state: "pending", kind: { not: "course.cancelled" } },
      }),
    ).toBe(0);
    const again = await run([
      row({ data: "2026-12-11", inizio: "15:00", fine: "17:00" }),
      row({ sessione: "2", data: "2026-12-17" }),
    ]);
    expect(again.code).toBe(1);
    expect(again.stdout).toContain("questa sessione è stata annullata: non si può riattivare o cambiare");
  });
});
