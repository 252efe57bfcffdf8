import { z } from "zod";
import { type FreeSlot, freeSlots } from "../availability/slots.js";
import { openIntervals } from "../points/opening-hours.js";
import type { LocalDate } from "../points/types.js";
import type { CoreDeps, PointDetails } from "../ports.js";
import { addDays, listDates } from "../time/local-date.js";
import { localDateAt, localDayBounds } from "../time/zoned-time.js";
import { localDateSchema, parseInput } from "../validation.js";
import { loadActivePoint, serviceOf } from "./load-point.js";

const slotsInput = z.object({
  pointId: z.string().uuid(),
  service: z.enum(["facilitazione", "accoglienza"]),
  date: localDateSchema,
});

export interface AvailabilityOptions {
  /**
   * The point as already known (e.g. from the in-memory directory, with its visits over the
   * horizon): saves loading it. Bookings are always read fresh; booking itself re-checks everything.
   */
  point?: PointDetails;
}

/** Free slots of a point for one service on one local date (empty when closed or full). */
export async function listFreeSlots(
  deps: CoreDeps,
  raw: z.input<typeof slotsInput>,
  options: AvailabilityOptions & { excludeBookingId?: string } = {},
): Promise<FreeSlot[]> {
  const input = parseInput(slotsInput, raw, "listFreeSlots");
  const point =
    options.point?.id === input.pointId && options.point.active
      ? options.point
      : await loadActivePoint(deps, input.pointId, input.date);
  const service = serviceOf(point, input.service);
  const day = localDayBounds(input.date, deps.timeZone);
  return freeSlots({
    intervals: openIntervals(point.schedule, input.date, deps.timeZone),
    slotMinutes: service.slotMinutes,
    capacity: point.bookableWorkstations,
    bookings: await deps.repos.bookings.openSpans(
      point.id,
      day.start,
      day.end,
      options.excludeBookingId ? { excludeBookingId: options.excludeBookingId } : {},
    ),
    now: deps.clock.now(),
    noticeMinutes: deps.policy.minNoticeMinutes,
    horizonDays: deps.policy.horizonDays,
    zone: deps.timeZone,
  });
}

export interface DayAvailability {
  date: LocalDate;
  /** false when the point is closed that day. */
  open: boolean;
  freeSlots: number;
}

const daysInput = z.object({
  pointId: z.string().uuid(),
  service: z.enum(["facilitazione", "accoglienza"]),
});

/**
 * Every day from today to the booking horizon with its number of free slots (closed days
 * included, marked), from one query of the bookings of the whole period.
 */
export async function listDays(
  deps: CoreDeps,
  raw: z.input<typeof daysInput>,
  options: AvailabilityOptions = {},
): Promise<DayAvailability[]> {
  const input = parseInput(daysInput, raw, "listDays");
  const zone = deps.timeZone;
  const now = deps.clock.now();
  const today = localDateAt(now, zone);
  const last = addDays(today, deps.policy.horizonDays);
  const point =
    options.point?.id === input.pointId && options.point.active
      ? options.point
      : await deps.repos.points.findById(input.pointId, { visitsFrom: today, visitsUntil: last });
  if (!point?.active) return [];
  const service = point.services.find((s) => s.kind === input.service);
  if (!service) return [];
  const spans = await deps.repos.bookings.openSpans(
    point.id,
    localDayBounds(today, zone).start,
    localDayBounds(last, zone).end,
  );
  return listDates(today, deps.policy.horizonDays + 1).map((date) => {
    const intervals = openIntervals(point.schedule, date, zone);
    const slots = freeSlots({
      intervals,
      slotMinutes: service.slotMinutes,
      capacity: point.bookableWorkstations,
      bookings: spans,
      now,
      noticeMinutes: deps.policy.minNoticeMinutes,
      horizonDays: deps.policy.horizonDays,
      zone,
    });
    return { date, open: intervals.length > 0, freeSlots: slots.length };
  });
}
