import { isBookableSlot } from "../availability/slots.js";
import { openIntervals } from "../points/opening-hours.js";
import type { CoreDeps, Repositories, WaitlistEntry } from "../ports.js";
import { localDateAt, localDayBounds } from "../time/zoned-time.js";
import { offerFreedSlot } from "./offer-freed-slot.js";

/**
 * An offer was let go (it expired, or the citizen said no): if its slot is still free, it goes to
 * the next citizen in line. Inside the caller's transaction. Returns the new offer, or null.
 */
export async function passOfferOn(
  repos: Repositories,
  deps: Pick<CoreDeps, "policy" | "timeZone">,
  entry: WaitlistEntry,
  now: Date,
): Promise<WaitlistEntry | null> {
  const start = entry.offerStartsAt;
  if (!start) return null;
  const point = await repos.points.findById(entry.pointId, { visitsFrom: entry.date, visitsUntil: entry.date });
  const service = point?.services.find((s) => s.kind === entry.service);
  if (!point?.active || !service) return null;
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
  if (!stillFree) return null;
  return offerFreedSlot(repos, deps.policy, {
    pointId: entry.pointId,
    date: entry.date,
    service: entry.service,
    slotStartsAt: start,
    now,
  });
}
