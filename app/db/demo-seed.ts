/**
 * The demo network, seeded into an empty database so that a first `npm start` has something to
 * show: see app/db/demo/demo-network.ts for what it holds. Points and organisations are marked
 * `isDemo`; everything else hangs off demo points. Facilitators have no demo flag of their own:
 * they are recognisable by their fixed ids and "(demo)" names, and are linked only to demo points.
 */
import type { Log } from "../../core/log.js";
import { closedDay } from "../../core/points/closed-days.js";
import { formatNote } from "../../core/points/import/notes.js";
import { parsePointsCsv } from "../../core/points/import/parse-points.js";
import { addDays, formatLocalDate, isoWeekdayOfDate } from "../../core/time/local-date.js";
import { minutesOfDay } from "../../core/time/local-time.js";
import { DEFAULT_TIME_ZONE } from "../../core/time/zone.js";
import { localDateAt, localToInstant } from "../../core/time/zoned-time.js";
import {
  DEMO_BUS_ID,
  DEMO_BUS_ROUTE,
  DEMO_CLOSURE,
  DEMO_COURSE,
  DEMO_COURSE_POINT_ID,
  DEMO_FACILITATORS,
  DEMO_ORGANISATION_ID,
  DEMO_ORGANISATION_NAME,
  DEMO_POINTS_CSV,
  DEMO_SITE_NAMES,
  DEMO_VISIT_WEEKS,
  demoCourseId,
  demoIds,
  SAN_GIOVANNI,
  TORINO_ISTAT,
} from "./demo/demo-network.js";
import { applyImportedPoints } from "./points-import-writer.js";
import type { Db } from "./prisma-client.js";
import { fromLocalDate, toLocalDate } from "./repositories/mapping.js";
import type { DbClient } from "./repositories/prisma-types.js";

export { DEMO_ORGANISATION_ID, DEMO_ORGANISATION_NAME } from "./demo/demo-network.js";

/** Serialises concurrent seeds (two processes starting on one empty database). */
const SEED_LOCK_KEY = 0x5e_ed_de_70;

export interface DemoScheduleRefresh {
  /** Bus visits added (0 when they were already published). */
  visitsAdded: number;
  /** Whether a course session had to be created. */
  courseCreated: boolean;
}

/**
 * Seeds the demo network when the database holds no organisation at all; returns whether it did.
 * Everything is written in one transaction, with fixed ids: running it again changes nothing.
 * `now` decides the dates of the closure, the bus visits and the course.
 */
export async function seedDemoDataIfEmpty(
  db: Db,
  log: Log,
  now: Date = new Date(),
  timeZone: string = DEFAULT_TIME_ZONE,
): Promise<boolean> {
  if ((await db.organisation.count()) > 0) return false;
  const parsed = parsePointsCsv(DEMO_POINTS_CSV);
  if (!parsed.ok) {
    throw new Error(`the demo network CSV is invalid: ${parsed.problems.map(formatNote).join("; ")}`);
  }
  const seeded = await db.$transaction(
    async (tx) => {
      await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${SEED_LOCK_KEY})`);
      if ((await tx.organisation.count()) > 0) return false;
      await tx.organisation.create({
        data: { id: DEMO_ORGANISATION_ID, name: DEMO_ORGANISATION_NAME, isDemo: true },
      });
      const outcome = await applyImportedPoints(tx, parsed.points, { isDemo: true, now, ids: demoIds });
      if (!outcome.written) {
        throw new Error(`the demo network was not written: ${outcome.problems.map(formatNote).join("; ")}`);
      }
      const points = await tx.point.findMany({
        where: { code: { in: parsed.points.map((p) => p.code) } },
        select: { id: true, code: true, sites: { where: { isMain: true }, select: { comuneIstat: true } } },
      });
      const idOf = new Map(points.map((p) => [p.code, p.id]));

      const torino = points.filter((p) => p.sites[0]?.comuneIstat === TORINO_ISTAT);
      await tx.localHoliday.createMany({
        data: torino.map((p) => ({ pointId: p.id, ...SAN_GIOVANNI })),
        skipDuplicates: true,
      });

      const today = localDateAt(now, timeZone);
      const year = Number(today.slice(0, 4));
      const closureEnd = (y: number) => formatLocalDate({ year: y, ...DEMO_CLOSURE.to });
      const closureYear = today > closureEnd(year) ? year + 1 : year;
      const closurePoint = idOf.get(DEMO_CLOSURE.pointCode);
      if (closurePoint) {
        await tx.closure.create({
          data: {
            pointId: closurePoint,
            startsOn: fromLocalDate(formatLocalDate({ year: closureYear, ...DEMO_CLOSURE.from })),
            endsOn: fromLocalDate(closureEnd(closureYear)),
            reason: DEMO_CLOSURE.reason,
          },
        });
      }

      await tx.facilitator.createMany({
        data: DEMO_FACILITATORS.map((f) => ({ id: f.id, displayName: f.displayName, email: f.email })),
        skipDuplicates: true,
      });
      await tx.facilitatorPoint.createMany({
        data: DEMO_FACILITATORS.flatMap((f) =>
          f.points.flatMap((link) => {
            const pointId = idOf.get(link.code);
            return pointId ? [{ facilitatorId: f.id, pointId, role: link.role }] : [];
          }),
        ),
        skipDuplicates: true,
      });

      await refreshDemoSchedule(tx, now, timeZone);
      return true;
    },
    { maxWait: 10_000, timeout: 60_000 },
  );
  if (seeded) {
    log.info({ points: parsed.points.length }, "Empty database: demo network seeded (marked as demo)");
  }
  return seeded;
}

/**
 * Keeps the dated parts of the demo current: the demo bus's visits published `DEMO_VISIT_WEEKS`
 * weeks ahead of `now` (following its weekly route, skipping holidays and closures), and one demo
 * course session in the future. Touches demo rows only; does nothing when the demo network is not
 * there. Idempotent: a second call at the same `now` adds nothing.
 */
export async function refreshDemoSchedule(
  db: DbClient,
  now: Date,
  timeZone: string = DEFAULT_TIME_ZONE,
): Promise<DemoScheduleRefresh> {
  const today = localDateAt(now, timeZone);
  let visitsAdded = 0;

  const bus = await db.point.findFirst({
    where: { id: DEMO_BUS_ID, isDemo: true, kind: "itinerant" },
    select: { id: true, sites: { select: { id: true, name: true } }, closures: true, localHolidays: true },
  });
  if (bus) {
    const schedule = {
      closures: bus.closures.map((c) => ({
        from: toLocalDate(c.startsOn),
        to: toLocalDate(c.endsOn),
        reason: c.reason,
      })),
      localHolidays: bus.localHolidays.map((h) => ({ month: h.month, day: h.day, name: h.name })),
    };
    const siteId = new Map(bus.sites.map((s) => [s.name, s.id]));
    const visits = [];
    for (let offset = 0; offset < DEMO_VISIT_WEEKS * 7; offset++) {
      const date = addDays(today, offset);
      if (closedDay(schedule, date)) continue;
      for (const stop of DEMO_BUS_ROUTE) {
        const site = siteId.get(stop.site);
        if (stop.weekday !== isoWeekdayOfDate(date) || !site) continue;
        visits.push({
          pointId: bus.id,
          siteId: site,
          date: fromLocalDate(date),
          opensMin: minutesOfDay(stop.opens),
          closesMin: minutesOfDay(stop.closes),
        });
      }
    }
    // Unique on (point, date, opening): visits already published stay as they are.
    visitsAdded = (await db.itinerantVisit.createMany({ data: visits, skipDuplicates: true })).count;
  }

  let courseCreated = false;
  const host = await db.point.findFirst({
    where: { id: DEMO_COURSE_POINT_ID, isDemo: true },
    select: {
      id: true,
      sites: { where: { name: DEMO_SITE_NAMES.calvino }, select: { id: true } },
      closures: true,
      localHolidays: true,
    },
  });
  if (host) {
    const upcoming = await db.courseSession.count({
      where: { pointId: host.id, point: { isDemo: true }, cancelledAt: null, startsAt: { gt: now } },
    });
    if (upcoming === 0) {
      const schedule = {
        closures: host.closures.map((c) => ({
          from: toLocalDate(c.startsOn),
          to: toLocalDate(c.endsOn),
          reason: c.reason,
        })),
        localHolidays: host.localHolidays.map((h) => ({ month: h.month, day: h.day, name: h.name })),
      };
      let date = addDays(today, DEMO_COURSE.minDaysAhead);
      while (isoWeekdayOfDate(date) !== DEMO_COURSE.weekday || closedDay(schedule, date)) date = addDays(date, 1);
      const session = {
        pointId: host.id,
        siteId: host.sites[0]?.id ?? null,
        title: DEMO_COURSE.title,
        topic: DEMO_COURSE.topic,
        digcompArea: DEMO_COURSE.digcompArea,
        online: false,
        startsAt: localToInstant(date, DEMO_COURSE.starts, timeZone),
        endsAt: localToInstant(date, DEMO_COURSE.ends, timeZone),
        seats: DEMO_COURSE.seats,
      };
      // The id comes from the date: a second refresh finds the same row instead of adding one.
      await db.courseSession.upsert({
        where: { id: demoCourseId(date) },
        create: { id: demoCourseId(date), ...session },
        update: { cancelledAt: null },
      });
      courseCreated = true;
    }
  }
  return { visitsAdded, courseCreated };
}
