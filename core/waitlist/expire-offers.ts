import { isBookableSlot } from "../availability/slots.js";
import { openIntervals } from "../points/opening-hours.js";
import type { CoreDeps } from "../ports.js";
import { localDateAt, localDayBounds } from "../time/zoned-time.js";
import { offerFreedSlot } from "./offer-freed-slot.js";

/**
 * Offers whose time ran out: each becomes "expired" and, if its slot is still free, the slot goes
 * to the next citizen in line (a new "waitlist.slot_offered" event). Meant to run every minute or
 * so (the workers will schedule it); safe to run from several instances at once.
 */
export async function expireWaitlistOffers(
  deps: CoreDeps,
  limit = 100,
): Promise<{ expired: number; passedOn: number }> {
  return deps.transaction(async (repos) => {
    const now = deps.clock.now();
    const lapsed = await repos.waitlist.takeExpiredOffers(now, limit);
    let passedOn = 0;
    for (const entry of lapsed) {
      await repos.waitlist.update(entry.id, { status: "expired" });
      const start = entry.offerStartsAt;
      if (!start) continue;
      const point = await repos.points.findById(entry.pointId, { visitsFrom: entry.date, visitsUntil: entry.date });
      const service = point?.services.find((s) => s.kind === entry.service);
      if (!point?.active || !service) continue;
      const date = localDateAt(start, deps.timeZone);
      const day = localDayBounds(date, deps.timeZone);
      const stillFree = isBookableSlot({
        intervals: openIntervals(point.schedule, date, deps.timeZone),
        slotMinutes: service.slotMinutes,
        capacity: point.bookableWorkstations,
        bookings: await repos.bookings.openSpans(point.id, day.start, day.end),
        now,
        noticeMinutes: deps.policy.minNoticeMinutes,
        horizonDays: deps.policy.horizonDays,
        zone: deps.timeZone,
        start,
      }).ok;
      if (!stillFree) continue;
      const next = await offerFreedSlot(repos, deps.policy, {
        pointId: entry.pointId,
        date: entry.date,
        service: entry.service,
        slotStartsAt: start,
        now,
      });
      if (next) passedOn += 1;
    }
    return { expired: lapsed.length, passedOn };
  });
}
