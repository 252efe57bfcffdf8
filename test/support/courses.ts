import { randomUUID } from "node:crypto";
import type { Db } from "../../app/db/prisma-client.js";
import { createTestPoint } from "./fixtures.js";

/**
 * A published group course at a new point in Torino, with its facilitator linked to the point, and
 * one session per start given (2 hours each). Default: Thursday 3 December 2026, 10:00 in Rome.
 */
export async function createTestCourse(
  db: Db,
  options: {
    seats?: number;
    starts?: string[];
    online?: boolean;
    format?: "training" | "group_facilitation";
    title?: string;
    pointName?: string;
  } = {},
) {
  const point = await createTestPoint(db, { name: options.pointName ?? "Biblioteca dei corsi" });
  const facilitator = await db.facilitator.create({
    data: { displayName: "Anna Rossi", email: `anna-${randomUUID().slice(0, 8)}@example.org` },
  });
  await db.facilitatorPoint.create({ data: { facilitatorId: facilitator.id, pointId: point.id, role: "facilitator" } });
  const course = await db.course.create({
    data: {
      code: `C-${randomUUID().slice(0, 8)}`,
      pointId: point.id,
      title: options.title ?? "SPID senza paura",
      description: "Attivare e usare SPID, passo per passo.",
      level: "base",
      format: options.format ?? "training",
      areas: ["B"],
      competences: [9],
      online: options.online ?? false,
      joinInfo: options.online ? "link Jitsi il giorno prima" : null,
      facilitatorId: facilitator.id,
    },
  });
  const sessions = [];
  for (const [i, start] of (options.starts ?? ["2026-12-03T09:00:00Z"]).entries()) {
    const startsAt = new Date(start);
    sessions.push(
      await db.courseSession.create({
        data: {
          courseId: course.id,
          number: i + 1,
          pointId: point.id,
          title: course.title,
          topic: course.description ?? course.title,
          digcompArea: "B",
          online: course.online,
          startsAt,
          endsAt: new Date(startsAt.getTime() + 2 * 3_600_000),
          seats: options.seats ?? 10,
        },
      }),
    );
  }
  const [session] = sessions;
  if (!session) throw new Error("no session");
  return { point, facilitator, course, session, sessions };
}
