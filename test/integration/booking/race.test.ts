import { describe, expect, it } from "vitest";
import { quarterUnits } from "../../../core/availability/quarter-units.js";
import { bookSlot } from "../../../core/booking/book-slot.js";
import { enrolInCourse } from "../../../core/courses/enrol.js";
import { createTestCitizen, createTestPoint, outcome, testCore } from "../../support/fixtures.js";
import { useIntegration } from "../../support/integration.js";

const SLOT = new Date("2026-12-02T09:00:00Z"); // Wednesday 10:00 in Rome
const ATTEMPTS = 200;

async function citizens(core: ReturnType<typeof testCore>, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push(await createTestCitizen(core));
  return ids;
}

function tally(outcomes: string[]): Record<string, number> {
  return outcomes.reduce<Record<string, number>>((acc, o) => {
    acc[o] = (acc[o] ?? 0) + 1;
    return acc;
  }, {});
}

describe("capacity under concurrency", () => {
  const ctx = useIntegration();

  it(`${ATTEMPTS} citizens booking a 2-seat slot at once get exactly 2 bookings`, async () => {
    const core = testCore(ctx.db);
    const point = await createTestPoint(ctx.db, { bookable: 2, workstations: 3 });
    const ids = await citizens(core, ATTEMPTS);
    const results = await Promise.all(
      ids.map((citizenId) =>
        outcome(
          bookSlot(core, {
            citizenId,
            pointId: point.id,
            service: "facilitazione",
            mode: "in_presenza",
            startsAt: SLOT,
          }),
        ),
      ),
    );
    expect(tally(results)).toEqual({ ok: 2, capacity_reached: ATTEMPTS - 2 });
    expect(await ctx.db.booking.count({ where: { pointId: point.id, status: { in: ["pending", "confirmed"] } } })).toBe(
      2,
    );
    const units = await ctx.db.slotOccupancy.findMany({ where: { pointId: point.id } });
    expect(units).toHaveLength(4);
    expect(units.every((u) => u.booked === 2 && u.capacity === 2)).toBe(true);
  });

  it("the database itself refuses the third seat, with no read before the write", async () => {
    const core = testCore(ctx.db);
    const point = await createTestPoint(ctx.db, { bookable: 2, workstations: 3 });
    const units = quarterUnits({ start: SLOT, end: new Date(SLOT.getTime() + 3_600_000) });
    // Each attempt only upserts the occupancy rows: no application-level check at all.
    const results = await Promise.all(
      Array.from({ length: ATTEMPTS }, () =>
        outcome(core.transaction((repos) => repos.bookings.occupy(point.id, units, point.bookableWorkstations))),
      ),
    );
    expect(tally(results)).toEqual({ ok: 2, capacity_reached: ATTEMPTS - 2 });
    const rows = await ctx.db.slotOccupancy.findMany({ where: { pointId: point.id } });
    expect(rows.map((r) => r.booked)).toEqual([2, 2, 2, 2]);
  });

  it(`${ATTEMPTS} citizens enrolling in a 2-seat course at once fill exactly 2 seats`, async () => {
    const core = testCore(ctx.db);
    const point = await createTestPoint(ctx.db);
    const session = await ctx.db.courseSession.create({
      data: {
        pointId: point.id,
        title: "Usare lo SPID",
        topic: "SPID",
        digcompArea: "B",
        startsAt: new Date("2026-12-10T14:00:00Z"),
        endsAt: new Date("2026-12-10T16:00:00Z"),
        seats: 2,
      },
    });
    const ids = await citizens(core, ATTEMPTS);
    const results = await Promise.all(
      ids.map((citizenId) => outcome(enrolInCourse(core, { sessionId: session.id, citizenId }))),
    );
    expect(tally(results)).toEqual({ ok: 2, course_full: ATTEMPTS - 2 });
    expect(await ctx.db.courseEnrolment.count({ where: { sessionId: session.id, status: "enrolled" } })).toBe(2);
    expect((await ctx.db.courseSession.findUniqueOrThrow({ where: { id: session.id } })).booked).toBe(2);
  });

  it("one citizen tapping 'conferma' twenty times at once books once", async () => {
    const core = testCore(ctx.db);
    const point = await createTestPoint(ctx.db);
    const [citizenId] = await citizens(core, 1);
    const request = {
      citizenId: citizenId as string,
      pointId: point.id,
      service: "facilitazione",
      mode: "in_presenza",
      startsAt: SLOT,
    } as const;
    const results = await Promise.all(Array.from({ length: 20 }, () => bookSlot(core, request)));
    expect(new Set(results.map((r) => r.booking.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    expect(await ctx.db.booking.count({ where: { citizenId } })).toBe(1);
  });
});
