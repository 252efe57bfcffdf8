import { bookingErrors } from "../../../core/booking/booking-errors.js";
import type {
  Course,
  CourseRepository,
  CourseSession,
  CourseSessionView,
  CourseWaitlistEntry,
} from "../../../core/courses/ports.js";
import { isUuid } from "../../../core/validation.js";
import type {
  Course as CourseRow,
  CourseWaitlistEntry as EntryRow,
  CourseSession as SessionRow,
} from "../generated/client.js";
import { PG, pgConstraint, pgErrorCode } from "./pg-error.js";
import type { DbClient } from "./prisma-types.js";

function toSession(row: SessionRow): CourseSession {
  return {
    id: row.id,
    courseId: row.courseId,
    number: row.number,
    pointId: row.pointId,
    siteId: row.siteId,
    title: row.title,
    topic: row.topic,
    digcompArea: row.digcompArea,
    online: row.online,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    seats: row.seats,
    booked: row.booked,
    cancelledAt: row.cancelledAt,
    sequence: row.sequence,
    attendanceRecordedAt: row.attendanceRecordedAt,
    attendanceBy: row.attendanceBy,
  };
}

function toCourse(row: CourseRow): Course {
  return {
    id: row.id,
    code: row.code,
    pointId: row.pointId,
    siteId: row.siteId,
    title: row.title,
    description: row.description,
    level: row.level,
    format: row.format,
    areas: row.areas,
    competences: row.competences,
    online: row.online,
    joinInfo: row.joinInfo,
    facilitatorId: row.facilitatorId,
  };
}

function toView(row: SessionRow & { course: CourseRow | null }): CourseSessionView {
  return { ...toSession(row), course: row.course ? toCourse(row.course) : null };
}

function toEntry(row: EntryRow): CourseWaitlistEntry {
  return {
    id: row.id,
    sessionId: row.sessionId,
    citizenId: row.citizenId,
    status: row.status,
    createdAt: row.createdAt,
    offeredAt: row.offeredAt,
    offerExpiresAt: row.offerExpiresAt,
  };
}

const OPEN = ["waiting", "offered"] as const;

export function prismaCourseRepository(db: DbClient): CourseRepository {
  const lockSession = (id: string) => db.$queryRaw`SELECT id FROM course_session WHERE id = ${id}::uuid FOR UPDATE`;

  return {
    async findSession(id, options = {}) {
      if (!isUuid(id)) return null;
      if (options.lock) await lockSession(id);
      const row = await db.courseSession.findUnique({ where: { id } });
      return row ? toSession(row) : null;
    },

    async findSessionView(id) {
      if (!isUuid(id)) return null;
      const row = await db.courseSession.findUnique({ where: { id }, include: { course: true } });
      return row ? toView(row) : null;
    },

    async findCourse(id) {
      if (!isUuid(id)) return null;
      const row = await db.course.findUnique({ where: { id } });
      return row ? toCourse(row) : null;
    },

    async findCourseByCode(code) {
      const row = await db.course.findUnique({ where: { code } });
      return row ? toCourse(row) : null;
    },

    async sessionsOfCourse(courseId) {
      const rows = await db.courseSession.findMany({ where: { courseId }, orderBy: [{ number: "asc" }] });
      return rows.map(toSession);
    },

    async listUpcoming(pointId, from, until) {
      const rows = await db.courseSession.findMany({
        where: { pointId, cancelledAt: null, startsAt: { gte: from, lte: until } },
        orderBy: { startsAt: "asc" },
      });
      return rows.map(toSession);
    },

    async listUpcomingAt(pointIds, from, until, limit) {
      if (pointIds.length === 0) return [];
      const rows = await db.courseSession.findMany({
        where: { pointId: { in: [...pointIds] }, cancelledAt: null, startsAt: { gt: from, lte: until } },
        include: { course: true },
        orderBy: [{ startsAt: "asc" }, { id: "asc" }],
        take: limit,
      });
      return rows.map(toView);
    },

    async sessionsStartingBetween(pointIds, from, until) {
      if (pointIds.length === 0) return [];
      const rows = await db.courseSession.findMany({
        where: { pointId: { in: [...pointIds] }, cancelledAt: null, startsAt: { gte: from, lt: until } },
        include: { course: true },
        orderBy: [{ startsAt: "asc" }, { id: "asc" }],
      });
      return rows.map(toView);
    },

    async enrol(sessionId, citizenId) {
      try {
        const enrolment = await db.courseEnrolment.create({ data: { sessionId, citizenId } });
        // the CHECK (booked <= seats) refuses the seat too many, whatever the concurrency
        await db.$executeRaw`UPDATE course_session SET booked = booked + 1 WHERE id = ${sessionId}::uuid`;
        return { enrolmentId: enrolment.id };
      } catch (error) {
        const code = pgErrorCode(error);
        if (code === PG.checkViolation && pgConstraint(error) === "course_session_seats_check") {
          throw bookingErrors.courseFull();
        }
        if (code === PG.uniqueViolation) throw bookingErrors.alreadyEnrolled();
        throw error;
      }
    },

    async cancelEnrolment(sessionId, citizenId) {
      const { count } = await db.courseEnrolment.updateMany({
        where: { sessionId, citizenId, status: "enrolled" },
        data: { status: "cancelled" },
      });
      if (count > 0)
        await db.$executeRaw`UPDATE course_session SET booked = booked - ${count} WHERE id = ${sessionId}::uuid`;
      return count > 0;
    },

    async cancelAllForCitizen(citizenId, from) {
      const active = await db.courseEnrolment.findMany({
        where: { citizenId, status: "enrolled", session: { startsAt: { gte: from } } },
        select: { sessionId: true },
      });
      for (const { sessionId } of active) {
        await db.courseEnrolment.updateMany({
          where: { sessionId, citizenId, status: "enrolled" },
          data: { status: "cancelled" },
        });
        await db.$executeRaw`UPDATE course_session SET booked = booked - 1 WHERE id = ${sessionId}::uuid`;
      }
      await db.courseWaitlistEntry.updateMany({
        where: { citizenId, status: { in: [...OPEN] } },
        data: { status: "cancelled" },
      });
      return active.length;
    },

    async isEnrolled(sessionId, citizenId) {
      if (!isUuid(sessionId)) return false;
      return (await db.courseEnrolment.count({ where: { sessionId, citizenId, status: "enrolled" } })) > 0;
    },

    async enrolledSessions(citizenId, from) {
      const rows = await db.courseEnrolment.findMany({
        where: { citizenId, status: "enrolled", session: { endsAt: { gt: from }, cancelledAt: null } },
        include: { session: { include: { course: true } } },
        orderBy: { session: { startsAt: "asc" } },
      });
      return rows.map((row) => toView(row.session));
    },

    async overlapping(citizenId, start, end, exceptSessionId) {
      const row = await db.courseEnrolment.findFirst({
        where: {
          citizenId,
          status: "enrolled",
          sessionId: { not: exceptSessionId },
          session: { cancelledAt: null, startsAt: { lt: end }, endsAt: { gt: start } },
        },
        include: { session: true },
      });
      return row ? toSession(row.session) : null;
    },

    async roster(sessionId) {
      const rows = await db.courseEnrolment.findMany({
        where: { sessionId, status: { in: ["enrolled", "attended", "no_show"] } },
        include: { citizen: { select: { givenName: true } } },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      });
      return rows.map((row) => ({
        citizenId: row.citizenId,
        givenName: row.citizen.givenName,
        status: row.status,
      }));
    },

    async markAttendance(sessionId, attended, absent) {
      const present = await db.courseEnrolment.updateMany({
        where: { sessionId, status: "enrolled", citizenId: { in: [...attended] } },
        data: { status: "attended" },
      });
      const away = await db.courseEnrolment.updateMany({
        where: { sessionId, status: "enrolled", citizenId: { in: [...absent] } },
        data: { status: "no_show" },
      });
      return present.count + away.count;
    },

    async setAttendanceRecorded(sessionId, at, facilitatorId) {
      await db.courseSession.update({
        where: { id: sessionId },
        data: { attendanceRecordedAt: at, attendanceBy: facilitatorId },
      });
    },

    async sessionsAwaitingRecords(limit) {
      const rows = await db.$queryRaw<Array<{ session_id: string }>>`
        SELECT DISTINCT e.session_id FROM course_enrolment e
        JOIN course_session s ON s.id = e.session_id
        WHERE s.attendance_recorded_at IS NOT NULL AND e.status = 'attended'
          AND NOT EXISTS (SELECT 1 FROM service_record r
                          WHERE r.source_key = 'course:' || e.session_id::text || ':' || e.citizen_id::text)
        LIMIT ${limit}`;
      return rows.map((r) => r.session_id);
    },

    async cancelAllEnrolments(sessionId) {
      const active = await db.courseEnrolment.findMany({
        where: { sessionId, status: "enrolled" },
        select: { citizenId: true },
        orderBy: { createdAt: "asc" },
      });
      await db.courseEnrolment.updateMany({ where: { sessionId, status: "enrolled" }, data: { status: "cancelled" } });
      await db.$executeRaw`UPDATE course_session SET booked = 0 WHERE id = ${sessionId}::uuid`;
      return active.map((a) => a.citizenId);
    },

    async updateSession(id, patch) {
      const { bumpSequence, ...data } = patch;
      try {
        const row = await db.courseSession.update({
          where: { id },
          data: { ...data, ...(bumpSequence ? { sequence: { increment: 1 } } : {}) },
        });
        return toSession(row);
      } catch (error) {
        if (pgErrorCode(error) === PG.checkViolation && pgConstraint(error) === "course_session_seats_check") {
          throw bookingErrors.courseFull();
        }
        throw error;
      }
    },

    async upsertCourse(input) {
      const { code, ...data } = input;
      const row = await db.course.upsert({ where: { code }, create: input, update: data });
      return toCourse(row);
    },

    async createSession(input) {
      return toSession(await db.courseSession.create({ data: input }));
    },

    async facilitatorRole(facilitatorId, pointId) {
      if (!isUuid(facilitatorId) || !isUuid(pointId)) return null;
      const link = await db.facilitatorPoint.findUnique({
        where: { facilitatorId_pointId: { facilitatorId, pointId } },
        select: { role: true },
      });
      return link?.role ?? null;
    },

    async listCourses(options) {
      const rows = await db.course.findMany({
        where: options.pointCode ? { point: { code: options.pointCode } } : {},
        include: {
          point: { select: { code: true, name: true } },
          facilitator: { select: { displayName: true } },
          sessions: {
            where: options.from ? { endsAt: { gt: options.from } } : {},
            orderBy: [{ startsAt: "asc" }],
          },
        },
        orderBy: [{ point: { code: "asc" } }, { code: "asc" }],
      });
      return rows.map((row) => ({
        course: toCourse(row),
        pointCode: row.point.code,
        pointName: row.point.name,
        facilitatorName: row.facilitator?.displayName ?? null,
        sessions: row.sessions.map(toSession),
      }));
    },

    async findPointRef(code) {
      const row = await db.point.findUnique({
        where: { code },
        select: { id: true, active: true, sites: { select: { id: true, name: true } } },
      });
      return row ?? null;
    },

    async findFacilitatorRef(ref) {
      const select = { id: true, displayName: true } as const;
      if (/^\d{1,18}$/.test(ref)) {
        return db.facilitator.findUnique({ where: { monitoringId: BigInt(ref) }, select });
      }
      return db.facilitator.findFirst({ where: { email: { equals: ref, mode: "insensitive" } }, select });
    },

    async sessionByNumber(courseId, number) {
      const row = await db.courseSession.findUnique({ where: { courseId_number: { courseId, number } } });
      return row ? toSession(row) : null;
    },

    // ----- waitlist -----
    // Callers hold the citizen's row lock; the partial unique index is the backstop.
    async joinWaitlist(sessionId, citizenId) {
      const existing = await db.courseWaitlistEntry.findFirst({
        where: { sessionId, citizenId, status: { in: [...OPEN] } },
      });
      if (existing) return { entry: toEntry(existing), created: false };
      const row = await db.courseWaitlistEntry.create({ data: { sessionId, citizenId } });
      return { entry: toEntry(row), created: true };
    },

    async findWaitlistEntry(id, options = {}) {
      if (!isUuid(id)) return null;
      if (options.lock) await db.$queryRaw`SELECT id FROM course_waitlist_entry WHERE id = ${id}::uuid FOR UPDATE`;
      const row = await db.courseWaitlistEntry.findUnique({ where: { id } });
      return row ? toEntry(row) : null;
    },

    async firstWaiting(sessionId) {
      const rows = await db.$queryRaw<Array<{ id: string }>>`
        SELECT id FROM course_waitlist_entry
        WHERE session_id = ${sessionId}::uuid AND status = 'waiting'
        ORDER BY created_at, id
        LIMIT 1
        FOR UPDATE SKIP LOCKED`;
      const first = rows[0];
      if (!first) return null;
      const row = await db.courseWaitlistEntry.findUnique({ where: { id: first.id } });
      return row ? toEntry(row) : null;
    },

    async waitlistPosition(entry) {
      const ahead = await db.courseWaitlistEntry.count({
        where: { sessionId: entry.sessionId, status: { in: [...OPEN] }, createdAt: { lt: entry.createdAt } },
      });
      return ahead + 1;
    },

    async updateWaitlistEntry(id, patch) {
      return toEntry(await db.courseWaitlistEntry.update({ where: { id }, data: patch }));
    },

    async openWaitlistEntry(sessionId, citizenId) {
      if (!isUuid(sessionId)) return null;
      const row = await db.courseWaitlistEntry.findFirst({
        where: { sessionId, citizenId, status: { in: [...OPEN] } },
      });
      return row ? toEntry(row) : null;
    },

    async closeWaitlist(sessionId) {
      const rows = await db.courseWaitlistEntry.findMany({ where: { sessionId, status: { in: [...OPEN] } } });
      await db.courseWaitlistEntry.updateMany({
        where: { sessionId, status: { in: [...OPEN] } },
        data: { status: "cancelled" },
      });
      return rows.map(toEntry);
    },

    async takeExpiredOffers(now, limit) {
      const rows = await db.$queryRaw<Array<{ id: string }>>`
        SELECT id FROM course_waitlist_entry
        WHERE status = 'offered' AND offer_expires_at <= ${now}
        ORDER BY offer_expires_at, id
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED`;
      if (rows.length === 0) return [];
      const found = await db.courseWaitlistEntry.findMany({ where: { id: { in: rows.map((r) => r.id) } } });
      return found.map(toEntry);
    },
  };
}
