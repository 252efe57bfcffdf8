import { z } from "zod";
import { bookingErrors } from "../booking/booking-errors.js";
import { listFreeSlots, upcomingSlots } from "../booking/free-slots.js";
import { loadActivePoint, serviceOf } from "../booking/load-point.js";
import { openIntervals } from "../points/opening-hours.js";
import type { CoreDeps, WaitlistEntry } from "../ports.js";
import { addDays } from "../time/local-date.js";
import { localDateAt } from "../time/zoned-time.js";
import { localDateSchema, parseInput } from "../validation.js";

const joinInput = z.object({
  citizenId: z.string().uuid(),
  pointId: z.string().uuid(),
  service: z.enum(["facilitazione", "accoglienza"]),
  date: localDateSchema,
});

/**
 * Puts a citizen in line for a full day at a point. Only for open days within the horizon that
 * have slots still to come, all taken (a day that is over, like today in the evening, has no
 * waiting list); joining twice keeps the first place.
 */
export async function joinWaitlist(
  deps: CoreDeps,
  raw: z.input<typeof joinInput>,
): Promise<{ entry: WaitlistEntry; position: number; created: boolean }> {
  const input = parseInput(joinInput, raw, "joinWaitlist");
  const today = localDateAt(deps.clock.now(), deps.timeZone);
  if (input.date < today) throw bookingErrors.dayInPast();
  if (input.date > addDays(today, deps.policy.horizonDays)) throw bookingErrors.beyondHorizon(deps.policy.horizonDays);
  const point = await loadActivePoint(deps, input.pointId, input.date);
  if (openIntervals(point.schedule, input.date, deps.timeZone).length === 0) throw bookingErrors.closedDay();
  if (upcomingSlots(deps, point, serviceOf(point, input.service), input.date) === 0) throw bookingErrors.dayOver();
  const slots = await listFreeSlots(deps, input, { point });
  if (slots.length > 0) throw bookingErrors.dayNotFull();

  return deps.transaction(async (repos) => {
    if (!(await repos.citizens.lock(input.citizenId))) throw bookingErrors.citizenUnknown();
    // an offer that ran out no longer holds a place in line: the person may join again
    const now = deps.clock.now();
    for (const open of await repos.waitlist.listOpenForCitizen(input.citizenId)) {
      if (open.status === "offered" && (open.offerExpiresAt?.getTime() ?? 0) <= now.getTime()) {
        await repos.waitlist.update(open.id, { status: "expired" });
      }
    }
    const { entry, created } = await repos.waitlist.join(input);
    return { entry, created, position: await repos.waitlist.position(entry) };
  });
}
