import { type AssessmentSummary, assessmentSummariesForBookings } from "../assessment/latest-assessment.js";
import type { Booking } from "../booking/booking.js";
import type { CourseSessionView, RosterEntry } from "../courses/ports.js";
import type { LocalDate } from "../points/types.js";
import type { CoreDeps } from "../ports.js";
import { localDayBounds } from "../time/zoned-time.js";
import type { Facilitator } from "./facilitator.js";

/**
 * One entry of a facilitator's agenda. Every kind has an id, a point and a time span; the
 * conversation renders each kind with its own renderer (core/conversation/facilitator/agenda-items.ts)
 * and opens it with its own step. Bookings today; group course sessions join as another kind
 * (add it to the union, an `AgendaSource` to AGENDA_SOURCES and a renderer).
 */
export interface AgendaItemBase {
  kind: string;
  /** Unique within its kind (a booking id, a course session id). */
  id: string;
  pointId: string;
  startsAt: Date;
  endsAt: Date;
}

export interface BookingAgendaItem extends AgendaItemBase {
  kind: "booking";
  booking: Booking;
  /** The citizen's latest self-assessment, when there is one. */
  assessment: AssessmentSummary | null;
}

/** A group course session at one of the facilitator's points, with its enrolled citizens (core/courses). */
export interface CourseAgendaItem extends AgendaItemBase {
  kind: "course";
  session: CourseSessionView;
  roster: RosterEntry[];
  /** Started and not yet recorded: the facilitator can mark who came. */
  canRecordAttendance: boolean;
}

export type AgendaItem = BookingAgendaItem | CourseAgendaItem;

export interface AgendaQuery {
  pointIds: readonly string[];
  from: Date;
  to: Date;
}

/** Where agenda entries come from: each source gives the entries of its kind for some points and a span. */
export type AgendaSource = (deps: CoreDeps, query: AgendaQuery) => Promise<AgendaItem[]>;

/** Bookings shown in the agenda: open ones and those already closed that day (not cancelled ones). */
const SHOWN: ReadonlySet<Booking["status"]> = new Set(["pending", "confirmed", "completed", "no_show"]);

export const bookingAgendaSource: AgendaSource = async (deps, query) => {
  const bookings = (await deps.repos.bookings.listForPoints(query.pointIds, query.from, query.to)).filter((b) =>
    SHOWN.has(b.status),
  );
  const summaries = await assessmentSummariesForBookings(deps, bookings);
  return bookings.map((booking) => ({
    kind: "booking" as const,
    id: booking.id,
    pointId: booking.pointId,
    startsAt: booking.startsAt,
    endsAt: booking.endsAt,
    booking,
    assessment: summaries.get(booking.id) ?? null,
  }));
};

export const courseAgendaSource: AgendaSource = async (deps, query) => {
  const sessions = await deps.repos.courses.sessionsStartingBetween(query.pointIds, query.from, query.to);
  const now = deps.clock.now().getTime();
  const items: AgendaItem[] = [];
  for (const session of sessions) {
    items.push({
      kind: "course",
      id: session.id,
      pointId: session.pointId,
      startsAt: session.startsAt,
      endsAt: session.endsAt,
      session,
      roster: await deps.repos.courses.roster(session.id),
      canRecordAttendance: session.startsAt.getTime() <= now && session.attendanceRecordedAt === null,
    });
  }
  return items;
};

export const AGENDA_SOURCES: AgendaSource[] = [bookingAgendaSource, courseAgendaSource];

/** A facilitator's agenda for one local day, at every point they work at, in time order. */
export async function agendaOfDay(
  deps: CoreDeps,
  facilitator: Pick<Facilitator, "points">,
  date: LocalDate,
  options: { pointIds?: readonly string[] } = {},
): Promise<AgendaItem[]> {
  const mine = facilitator.points.map((p) => p.pointId);
  const pointIds = options.pointIds ? mine.filter((id) => options.pointIds?.includes(id)) : mine;
  if (pointIds.length === 0) return [];
  const day = localDayBounds(date, deps.timeZone);
  const items: AgendaItem[] = [];
  for (const source of AGENDA_SOURCES) items.push(...(await source(deps, { pointIds, from: day.start, to: day.end })));
  return items.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.id.localeCompare(b.id));
}

/** Pending remote bookings of the facilitator's points from now on ("Da confermare"). */
export async function bookingsToConfirm(
  deps: CoreDeps,
  facilitator: Pick<Facilitator, "points">,
  now: Date,
): Promise<Booking[]> {
  const pointIds = facilitator.points.map((p) => p.pointId);
  const until = new Date(now.getTime() + (deps.policy.horizonDays + 1) * 86_400_000);
  const all = await deps.repos.bookings.listForPoints(pointIds, now, until);
  return all.filter((b) => b.status === "pending");
}
