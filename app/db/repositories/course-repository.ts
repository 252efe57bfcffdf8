import { bookingErrors } from "../../../core/booking/booking-errors.js";
import type { CourseRepository, CourseSession } from "../../../core/ports.js";
import { isUuid } from "../../../core/validation.js";
import type { CourseSession as SessionRow } from "../generated/client.js";
import { PG, pgConstraint, pgErrorCode } from "./pg-error.js";
import type { DbClient } from "./prisma-types.js";

function toSession(row: SessionRow): CourseSession {
  return {
    id: row.id,
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
  };
}

export function prismaCourseRepository(db: DbClient): CourseRepository {
  return {
    async findSession(id) {
      if (!isUuid(id)) return null;
      const row = await db.courseSession.findUnique({ where: { id } });
      return row ? toSession(row) : null;
    },

    async listUpcoming(pointId, from, until) {
      const rows = await db.courseSession.findMany({
        where: { pointId, cancelledAt: null, startsAt: { gte: from, lte: until } },
        orderBy: { startsAt: "asc" },
      });
      return rows.map(toSession);
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
      return active.length;
    },
  };
}
