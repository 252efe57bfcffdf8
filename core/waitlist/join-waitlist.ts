import { z } from "zod";
import { bookingErrors } from "../booking/booking-errors.js";
import { listFreeSlots } from "../booking/free-slots.js";
import { openIntervals } from "../points/opening-hours.js";
import type { CoreDeps, WaitlistEntry } from "../ports.js";
import { addDays } from "../time/local-date.js";
import { localDateAt } from "../time/zoned-time.js";
import { parseInput } from "../validation.js";

const joinInput = z.object({
  citizenId: z.string().uuid(),
  pointId: z.string().uuid(),
  service: z.enum(["facilitazione", "accoglienza"]),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});

/**
 * Puts a citizen in line for a full day at a point. Only for open days within the horizon that
 * have no free slot left; joining twice keeps the first place.
 */
export async function joinWaitlist(
  deps: CoreDeps,
  raw: z.input<typeof joinInput>,
): Promise<{ entry: WaitlistEntry; position: number; created: boolean }> {
  const input = parseInput(joinInput, raw, "joinWaitlist");
  const today = localDateAt(deps.clock.now(), deps.timeZone);
  if (input.date < today) throw bookingErrors.slotInPast();
  if (input.date > addDays(today, deps.policy.horizonDays)) throw bookingErrors.beyondHorizon(deps.policy.horizonDays);
  const slots = await listFreeSlots(deps, input);
  if (slots.length > 0) throw bookingErrors.dayNotFull();
  const point = await deps.repos.points.findById(input.pointId, { visitsFrom: input.date, visitsUntil: input.date });
  if (!point || openIntervals(point.schedule, input.date, deps.timeZone).length === 0) throw bookingErrors.closedDay();

  return deps.transaction(async (repos) => {
    if (!(await repos.citizens.lock(input.citizenId))) throw bookingErrors.citizenUnknown();
    const { entry, created } = await repos.waitlist.join(input);
    return { entry, created, position: await repos.waitlist.position(entry) };
  });
}
