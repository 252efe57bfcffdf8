import { z } from "zod";
import { type FreeSlot, freeSlots } from "../availability/slots.js";
import { openIntervals } from "../points/opening-hours.js";
import type { LocalDate, OpenInterval } from "../points/types.js";
import type { CoreDeps, PointDetails, PointServiceInfo } from "../ports.js";
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
  /**
   * Slots still to come that day, free or taken (later than now plus the notice). 0 on a day that
   * is over, such as today in the evening: such a day is not "full", and has no waiting list.
   */
  upcomingSlots: number;
}

/** A day whose slots still to come are all taken: the only kind of day with a waiting list. */
export function isFullDay(day: DayAvailability): boolean {
  return day.open && day.upcomingSlots > 0 && day.freeSlots === 0;
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
    const free = countSlots(deps, point, service, intervals, spans, now);
    const upcoming = intervals.length === 0 ? 0 : countSlots(deps, point, service, intervals, [], now);
    return { date, open: intervals.length > 0, freeSlots: free, upcomingSlots: upcoming };
  });
}

/** Slots of a point still to come on a local date, free or taken (see DayAvailability.upcomingSlots). */
export function upcomingSlots(deps: CoreDeps, point: PointDetails, service: PointServiceInfo, date: LocalDate): number {
  const intervals = openIntervals(point.schedule, date, deps.timeZone);
  return countSlots(deps, point, service, intervals, [], deps.clock.now());
}

function countSlots(
  deps: CoreDeps,
  point: PointDetails,
  service: PointServiceInfo,
  intervals: OpenInterval[],
  bookings: ReadonlyArray<{ start: Date; end: Date }>,
  now: Date,
): number {
  return freeSlots({
    intervals,
    slotMinutes: service.slotMinutes,
    capacity: point.bookableWorkstations,
    bookings,
    now,
    noticeMinutes: deps.policy.minNoticeMinutes,
    horizonDays: deps.policy.horizonDays,
    zone: deps.timeZone,
  }).length;
}
