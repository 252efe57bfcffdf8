/**
 * Group micro-courses: a course (published by coordinators with courses:import) has dated
 * sessions; citizens enrol in a session, wait in line when it is full, and the facilitator records
 * who attended. PostgreSQL adapter: app/db/repositories/course-repository.ts.
 */
import type { WaitlistStatus } from "../ports.js";

export type CourseLevel = "base" | "intermedio" | "avanzato";
/** Group facilitation is SE3 "B"; training is "C" in person, "D" online (facilita-csv.md). */
export type CourseFormat = "group_facilitation" | "training";

/** A course as the import writes it. */
export interface CourseInput {
  code: string;
  pointId: string;
  siteId: string | null;
  title: string;
  description: string | null;
  level: CourseLevel;
  format: CourseFormat;
  /** SE4 codes. */
  areas: string[];
  /** SE5 codes. */
  competences: number[];
  online: boolean;
  /** How to join an online course. */
  joinInfo: string | null;
  facilitatorId: string | null;
}

export interface Course extends CourseInput {
  id: string;
}

export interface CourseSession {
  id: string;
  /** null for sessions made before courses existed (the demo's). */
  courseId: string | null;
  number: number | null;
  pointId: string;
  siteId: string | null;
  title: string;
  topic: string;
  digcompArea: string;
  online: boolean;
  startsAt: Date;
  endsAt: Date;
  seats: number;
  booked: number;
  cancelledAt: Date | null;
  sequence: number;
  attendanceRecordedAt: Date | null;
  /** The facilitator who recorded attendance (the service records are theirs). */
  attendanceBy: string | null;
}

/** A session with its course (when it has one). */
export interface CourseSessionView extends CourseSession {
  course: Course | null;
}

export type EnrolmentStatus = "enrolled" | "cancelled" | "attended" | "no_show";

export interface RosterEntry {
  citizenId: string;
  givenName: string | null;
  status: EnrolmentStatus;
}

export interface CourseWaitlistEntry {
  id: string;
  sessionId: string;
  citizenId: string;
  status: WaitlistStatus;
  createdAt: Date;
  offeredAt: Date | null;
  offerExpiresAt: Date | null;
}

export interface SessionPatch {
  startsAt?: Date;
  endsAt?: Date;
  seats?: number;
  siteId?: string | null;
  title?: string;
  topic?: string;
  digcompArea?: string;
  online?: boolean;
  cancelledAt?: Date | null;
  bumpSequence?: boolean;
}

/** A new session of an imported course (the rest of `CourseSession` starts empty). */
export type NewSessionInput = Pick<
  CourseSession,
  "pointId" | "siteId" | "title" | "topic" | "digcompArea" | "online" | "startsAt" | "endsAt" | "seats"
> & { courseId: string; number: number };

/** One course as courses:list shows it. */
export interface CourseListing {
  course: Course;
  pointCode: string;
  pointName: string;
  facilitatorName: string | null;
  sessions: CourseSession[];
}

export interface CourseRepository {
  findSession(id: string, options?: { lock?: boolean }): Promise<CourseSession | null>;
  /** The session and its course. */
  findSessionView(id: string): Promise<CourseSessionView | null>;
  findCourse(id: string): Promise<Course | null>;
  findCourseByCode(code: string): Promise<Course | null>;
  sessionsOfCourse(courseId: string): Promise<CourseSession[]>;
  listUpcoming(pointId: string, from: Date, until: Date): Promise<CourseSession[]>;
  /** Sessions not cancelled starting in [from, until] at any of these points, soonest first. */
  listUpcomingAt(pointIds: readonly string[], from: Date, until: Date, limit: number): Promise<CourseSessionView[]>;
  /** Takes a seat; throws SportelloError "course_full" (database CHECK) or "already_enrolled". */
  enrol(sessionId: string, citizenId: string): Promise<{ enrolmentId: string }>;
  /** Frees the seat of an active enrolment; false if there was none. */
  cancelEnrolment(sessionId: string, citizenId: string): Promise<boolean>;
  cancelAllForCitizen(citizenId: string, from: Date): Promise<number>;
  isEnrolled(sessionId: string, citizenId: string): Promise<boolean>;
  /** Sessions not cancelled starting in [from, until) at these points (started ones too), soonest first. */
  sessionsStartingBetween(pointIds: readonly string[], from: Date, until: Date): Promise<CourseSessionView[]>;
  /** The citizen's active enrolments in sessions ending after `from`, soonest first. */
  enrolledSessions(citizenId: string, from: Date): Promise<CourseSessionView[]>;
  /** An active enrolment of the citizen in another session overlapping [start, end). */
  overlapping(citizenId: string, start: Date, end: Date, exceptSessionId: string): Promise<CourseSession | null>;
  /** Everyone enrolled, attended or absent (not those who cancelled), by name. */
  roster(sessionId: string): Promise<RosterEntry[]>;
  /** enrolled → attended / no_show; returns how many rows changed. */
  markAttendance(sessionId: string, attended: readonly string[], absent: readonly string[]): Promise<number>;
  setAttendanceRecorded(sessionId: string, at: Date, facilitatorId: string): Promise<void>;
  /** Sessions whose attendance is recorded and that still have a citizen present without a service record. */
  sessionsAwaitingRecords(limit: number): Promise<string[]>;
  /** Every active enrolment cancelled and the seats freed; returns the citizens who held them. */
  cancelAllEnrolments(sessionId: string): Promise<string[]>;
  updateSession(id: string, patch: SessionPatch): Promise<CourseSession>;
  upsertCourse(input: CourseInput): Promise<Course>;
  createSession(input: NewSessionInput): Promise<CourseSession>;
  /** The facilitator's role at the point (null: not linked to it). */
  facilitatorRole(
    facilitatorId: string,
    pointId: string,
  ): Promise<"facilitator" | "team_lead" | "scd_volunteer" | null>;
  listCourses(options: { from?: Date; pointCode?: string }): Promise<CourseListing[]>;
  /** A point by its import code, with its sites (for courses:import). */
  findPointRef(
    code: string,
  ): Promise<{ id: string; active: boolean; sites: Array<{ id: string; name: string }> } | null>;
  /** A facilitator by email (any case) or the platform's numeric id. */
  findFacilitatorRef(ref: string): Promise<{ id: string; displayName: string } | null>;
  sessionByNumber(courseId: string, number: number): Promise<CourseSession | null>;

  // ----- waitlist -----
  /** Returns the existing open entry if the citizen is already in line for that session. */
  joinWaitlist(sessionId: string, citizenId: string): Promise<{ entry: CourseWaitlistEntry; created: boolean }>;
  findWaitlistEntry(id: string, options?: { lock?: boolean }): Promise<CourseWaitlistEntry | null>;
  /** The first citizen waiting for that session, locked, skipping rows others hold. */
  firstWaiting(sessionId: string): Promise<CourseWaitlistEntry | null>;
  waitlistPosition(entry: CourseWaitlistEntry): Promise<number>;
  updateWaitlistEntry(
    id: string,
    patch: Partial<Pick<CourseWaitlistEntry, "status" | "offeredAt" | "offerExpiresAt">>,
  ): Promise<CourseWaitlistEntry>;
  /** The citizen's open entry for the session, if any. */
  openWaitlistEntry(sessionId: string, citizenId: string): Promise<CourseWaitlistEntry | null>;
  /** Every open entry of the session → cancelled; returns them. */
  closeWaitlist(sessionId: string): Promise<CourseWaitlistEntry[]>;
  /** Offers whose time ran out, locked, skipping rows others hold; at most `limit`. */
  takeExpiredOffers(now: Date, limit: number): Promise<CourseWaitlistEntry[]>;
}
