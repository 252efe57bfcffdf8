import type { CoreDeps, Repositories } from "../../ports.js";
import { localToInstant } from "../../time/zoned-time.js";
import { cancelCourseSession, moveCourseSession, seatsChanged } from "../change-session.js";
import type { ImportProblem, ParsedCourse, ParsedSession } from "./parse-courses.js";

/** What happened (or would happen, with --dry-run) to one row of the file. */
export interface RowOutcome {
  line: number;
  course: string;
  session: number;
  action: "created" | "updated" | "moved" | "cancelled" | "unchanged";
  /** Citizens told (moved or cancelled). */
  told: number;
}

export interface CoursesImportOutcome {
  problems: ImportProblem[];
  rows: RowOutcome[];
  written: boolean;
}

class RollBack extends Error {}

/**
 * Stores the courses of a checked file in ONE transaction: courses upserted by code, sessions by
 * (course, number). A moved session re-times its reminders and tells everyone enrolled; a cancelled
 * one frees its seats and tells them. Refused (nothing written): unknown point or facilitator, a
 * facilitator not of that point, a site the point lacks, a new session in the past, a change to a
 * session that has started, a session cancelled earlier made active again, seats below the enrolled
 * count. With `dryRun` every check and change runs, then everything is rolled back.
 */
export async function importCourses(
  deps: CoreDeps,
  courses: readonly ParsedCourse[],
  options: { dryRun: boolean },
): Promise<CoursesImportOutcome> {
  const problems: ImportProblem[] = [];
  const rows: RowOutcome[] = [];
  try {
    await deps.transaction(async (repos) => {
      problems.length = 0;
      rows.length = 0;
      const now = deps.clock.now();
      for (const course of courses) await importOne(repos, deps, course, now, problems, rows);
      if (problems.length > 0 || options.dryRun) throw new RollBack();
    });
  } catch (error) {
    if (!(error instanceof RollBack)) throw error;
    return { problems, rows, written: false };
  }
  return { problems, rows, written: true };
}

async function importOne(
  repos: Repositories,
  deps: CoreDeps,
  course: ParsedCourse,
  now: Date,
  problems: ImportProblem[],
  rows: RowOutcome[],
): Promise<void> {
  const bad = (line: number, column: string | null, message: string): void => {
    problems.push({ line, column, message });
  };
  const point = await repos.courses.findPointRef(course.pointCode);
  if (!point) return bad(course.line, "codice_punto", `non c'è un punto con codice ${course.pointCode}`);
  if (!point.active) return bad(course.line, "codice_punto", `il punto ${course.pointCode} non è attivo`);
  const facilitator = await repos.courses.findFacilitatorRef(course.facilitator);
  if (!facilitator) return bad(course.line, "facilitatore", `non trovo il facilitatore ${course.facilitator}`);
  if (!(await repos.courses.facilitatorRole(facilitator.id, point.id))) {
    return bad(course.line, "facilitatore", `${facilitator.displayName} non è collegato al punto ${course.pointCode}`);
  }
  let siteId: string | null = null;
  if (course.siteName) {
    const site = point.sites.find((s) => s.name.toLowerCase() === course.siteName?.toLowerCase());
    if (!site) return bad(course.line, "sede", `il punto ${course.pointCode} non ha la sede «${course.siteName}»`);
    siteId = site.id;
  }
  const existing = await repos.courses.findCourseByCode(course.code);
  if (existing && existing.pointId !== point.id) {
    return bad(course.line, "codice_punto", `il corso ${course.code} è già di un altro punto`);
  }
  const saved = await repos.courses.upsertCourse({
    code: course.code,
    pointId: point.id,
    siteId,
    title: course.title,
    description: course.description,
    level: course.level,
    format: course.format,
    areas: course.areas,
    competences: course.competences,
    online: course.online,
    joinInfo: course.joinInfo,
    facilitatorId: facilitator.id,
  });
  for (const session of course.sessions) {
    const outcome = await importSession(
      repos,
      deps,
      { course, courseId: saved.id, pointId: point.id, siteId },
      session,
      now,
      bad,
    );
    if (outcome) rows.push(outcome);
  }
}

async function importSession(
  repos: Repositories,
  deps: CoreDeps,
  of: { course: ParsedCourse; courseId: string; pointId: string; siteId: string | null },
  row: ParsedSession,
  now: Date,
  bad: (line: number, column: string | null, message: string) => void,
): Promise<RowOutcome | undefined> {
  const { course } = of;
  const startsAt = localToInstant(row.date, row.starts, deps.timeZone);
  const endsAt = localToInstant(row.date, row.ends, deps.timeZone);
  const base = { line: row.line, course: course.code, session: row.number, told: 0 };
  const fields = {
    siteId: of.siteId,
    title: course.title,
    topic: course.description ?? course.title,
    digcompArea: course.areas[0] ?? "A",
    online: course.online,
  };
  const before = await repos.courses.sessionByNumber(of.courseId, row.number);
  if (!before) {
    if (startsAt.getTime() <= now.getTime()) return void bad(row.line, "data", "questa sessione nuova è già passata");
    const created = await repos.courses.createSession({
      courseId: of.courseId,
      number: row.number,
      pointId: of.pointId,
      startsAt,
      endsAt,
      seats: row.seats,
      ...fields,
    });
    if (row.cancelled) await repos.courses.updateSession(created.id, { cancelledAt: now });
    return { ...base, action: row.cancelled ? "cancelled" : "created" };
  }
  const moved = before.startsAt.getTime() !== startsAt.getTime() || before.endsAt.getTime() !== endsAt.getTime();
  const started = before.startsAt.getTime() <= now.getTime();
  if (before.cancelledAt) {
    if (row.cancelled && !moved) return { ...base, action: "unchanged" };
    return void bad(row.line, "stato", "questa sessione è stata annullata: non si può riattivare o cambiare");
  }
  if (row.cancelled) {
    if (started) return void bad(row.line, "stato", "questa sessione è già iniziata: non si può annullare");
    const { told } = await cancelCourseSession(repos, { sessionId: before.id, now });
    return { ...base, action: "cancelled", told };
  }
  const changed =
    moved ||
    before.seats !== row.seats ||
    before.siteId !== fields.siteId ||
    before.title !== fields.title ||
    before.topic !== fields.topic ||
    before.digcompArea !== fields.digcompArea ||
    before.online !== fields.online;
  if (!changed) return { ...base, action: "unchanged" };
  if (started) return void bad(row.line, "data", "questa sessione è già iniziata: non si può più cambiare");
  if (row.seats < before.booked) {
    return void bad(row.line, "posti", `${row.seats} posti sono meno degli iscritti (${before.booked})`);
  }
  if (moved && startsAt.getTime() <= now.getTime()) return void bad(row.line, "data", "la nuova data è già passata");
  const updated = await repos.courses.updateSession(before.id, { seats: row.seats, ...fields });
  let told = 0;
  if (moved) told = (await moveCourseSession(repos, deps, { sessionId: before.id, startsAt, endsAt, now })).told;
  if (row.seats > before.seats) await seatsChanged(repos, deps, updated, now);
  return { ...base, action: moved ? "moved" : "updated", told };
}
