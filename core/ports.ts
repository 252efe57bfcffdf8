/**
 * The ports core needs. Adapters (app/db for PostgreSQL through Prisma) implement them; core
 * never sees the database client. Every method may be called inside a transaction (see Transactor).
 */
import type { AssessmentRepository } from "./assessment/ports.js";
import type { Actor, Booking, BookingStatus } from "./booking/booking.js";
import type { BookingPolicy } from "./booking/policy.js";
import type { ChannelIdentityRef, Citizen } from "./citizens/citizen.js";
import type { Clock } from "./clock.js";
import type { CourseRepository } from "./courses/ports.js";
import type { FacilitatorRepository } from "./facilitators/ports.js";
import type { MessagingPolicy } from "./messaging/policy.js";
import type { OutboundMessageRepository } from "./messaging/ports.js";
import type { MonitoringProfileRepository, MonitoringRepository } from "./monitoring/ports.js";
import type { LocalDate, PointKind, PointSchedule, ServiceKind, ServiceMode, Site } from "./points/types.js";
import type { ServiceRecordRepository } from "./service-records/ports.js";

// ----- points ---------------------------------------------------------------------------------

export interface PointServiceInfo {
  kind: ServiceKind;
  slotMinutes: number;
  modes: ServiceMode[];
}

export interface PointContacts {
  phone: string | null;
  email: string | null;
  website: string | null;
}

export interface PointDetails {
  id: string;
  code: string;
  name: string;
  kind: PointKind;
  description: string | null;
  organisationId: string;
  organisationName: string;
  workstations: number;
  bookableWorkstations: number;
  contacts: PointContacts;
  monitoringId: number | null;
  active: boolean;
  isDemo: boolean;
  sites: Site[];
  services: PointServiceInfo[];
  schedule: PointSchedule;
}

export interface VisitWindow {
  visitsFrom?: LocalDate;
  visitsUntil?: LocalDate;
}

export interface PointRepository {
  /** Itinerant visits are loaded between `visitsFrom` and `visitsUntil` (local dates, included). */
  findById(id: string, options?: VisitWindow): Promise<PointDetails | null>;
  /** Every active point with sites, services and schedule: the nearest-point directory's source. */
  listActive(options?: VisitWindow): Promise<PointDetails[]>;
  /**
   * Inside a booking's transaction: holds the point against a day being closed meanwhile (a shared
   * row lock, so bookings do not wait for each other), then tells whether `date` is still open.
   */
  holdDayOpen(id: string, date: LocalDate): Promise<boolean>;
  /** Inside a closing's transaction: the point's row locked against bookings; false if unknown. */
  lockForClosing(id: string): Promise<boolean>;
  /** A whole-day closure (both ends included), unless one already covers `from`-`to`. */
  addClosure(id: string, closure: { from: LocalDate; to: LocalDate; reason: string }): Promise<{ added: boolean }>;
}

// ----- bookings -------------------------------------------------------------------------------

export type NewBooking = Pick<
  Booking,
  | "citizenId"
  | "pointId"
  | "siteId"
  | "service"
  | "mode"
  | "startsAt"
  | "endsAt"
  | "status"
  | "competences"
  | "publicServices"
  | "needNote"
>;

export interface BookingPatch {
  status?: BookingStatus;
  startsAt?: Date;
  endsAt?: Date;
  siteId?: string | null;
  cancelReason?: string | null;
  /** Adds one to the iCalendar SEQUENCE. */
  bumpSequence?: boolean;
}

export interface BookingEventInput {
  bookingId: string;
  actor: Actor;
  actorId?: string | null;
  kind: "created" | "confirmed" | "cancelled" | "rescheduled" | "completed" | "no_show" | "proposed";
  fromStatus: BookingStatus | null;
  toStatus: BookingStatus;
  details?: Record<string, unknown>;
}

export interface TimeSpan {
  start: Date;
  end: Date;
}

export interface BookingRepository {
  findById(id: string, options?: { lock?: boolean }): Promise<Booking | null>;
  /** Open bookings of a point overlapping [from, to), of any service. */
  openSpans(pointId: string, from: Date, to: Date, options?: { excludeBookingId?: string }): Promise<TimeSpan[]>;
  countOpenForCitizen(citizenId: string, now: Date): Promise<number>;
  findOpenForCitizenAt(citizenId: string, startsAt: Date): Promise<Booking | null>;
  listForCitizen(citizenId: string, options: { from?: Date; openOnly?: boolean }): Promise<Booking[]>;
  /** Throws SportelloError "duplicate_booking" if the citizen already holds one at that start. */
  insert(booking: NewBooking): Promise<Booking>;
  update(id: string, patch: BookingPatch): Promise<Booking>;
  addEvent(event: BookingEventInput): Promise<void>;
  /**
   * Takes one seat in each 15-minute unit. Throws SportelloError "capacity_reached" when any unit
   * is full: the database refuses it, so concurrent callers can never overbook.
   */
  occupy(pointId: string, units: Date[], capacity: number): Promise<void>;
  release(pointId: string, units: Date[]): Promise<void>;
  /** Bookings of these points starting in [from, to), any status, soonest first (the facilitators' agenda). */
  listForPoints(pointIds: readonly string[], from: Date, to: Date): Promise<Booking[]>;
  /** Pending remote bookings starting in [from, to), soonest first, at most `limit`. */
  listPendingStarting(from: Date, to: Date, limit: number): Promise<Booking[]>;
  /** Ids of bookings completed since then (by their start) that have no service record yet. */
  listCompletedWithoutRecord(since: Date, limit: number): Promise<string[]>;
  /** The latest audit entry of that kind (e.g. the facilitator's closing details), or null. */
  lastEvent(bookingId: string, kind: BookingEventInput["kind"]): Promise<StoredBookingEvent | null>;
}

export interface StoredBookingEvent {
  at: Date;
  actor: Actor;
  actorId: string | null;
  kind: string;
  details: Record<string, unknown> | null;
}

// ----- citizens -------------------------------------------------------------------------------

export interface NewCitizenWithConsent extends ChannelIdentityRef {
  language: string;
  noticeVersion: string;
  acceptedAt: Date;
}

export interface CitizenRepository {
  findById(id: string): Promise<Citizen | null>;
  findByIdentity(identity: ChannelIdentityRef): Promise<Citizen | null>;
  /** Creates the citizen, its identity and its consent; returns the existing one if the identity is known. */
  createWithConsent(input: NewCitizenWithConsent): Promise<{ citizen: Citizen; created: boolean }>;
  recordConsent(
    citizenId: string,
    consent: { channel: ChannelIdentityRef["channel"]; noticeVersion: string; acceptedAt: Date },
  ): Promise<void>;
  /**
   * A citizen served at a point without booking (a walk-in), who has no chat: no identity, no
   * personal data (the monitoring profile identifies them).
   */
  createWithoutIdentity(): Promise<Citizen>;
  /** Links another identity (e.g. the WhatsApp LID beside the phone JID). */
  addIdentity(citizenId: string, identity: ChannelIdentityRef): Promise<void>;
  update(
    id: string,
    patch: { preferredLanguage?: string; givenName?: string | null; phone?: string | null },
  ): Promise<Citizen>;
  /** Row lock for the rest of the transaction; false if missing or erased. */
  lock(id: string): Promise<boolean>;
  /**
   * Removes personal data and identities, withdraws consents; keeps an anonymous row so counts
   * of citizens served stay right.
   */
  anonymise(id: string, at: Date): Promise<void>;
}

// ----- waitlist -------------------------------------------------------------------------------

export type WaitlistStatus = "waiting" | "offered" | "booked" | "expired" | "cancelled";

export interface WaitlistEntry {
  id: string;
  pointId: string;
  date: LocalDate;
  service: ServiceKind;
  citizenId: string;
  status: WaitlistStatus;
  createdAt: Date;
  offeredAt: Date | null;
  offerStartsAt: Date | null;
  offerExpiresAt: Date | null;
}

export interface WaitlistRepository {
  /** Returns the existing open entry if the citizen is already in line for that day. */
  join(input: { pointId: string; date: LocalDate; service: ServiceKind; citizenId: string }): Promise<{
    entry: WaitlistEntry;
    created: boolean;
  }>;
  findById(id: string, options?: { lock?: boolean }): Promise<WaitlistEntry | null>;
  /** The first citizen waiting for that point, day and service; locked, skipping rows others hold. */
  firstWaiting(pointId: string, date: LocalDate, service: ServiceKind): Promise<WaitlistEntry | null>;
  position(entry: WaitlistEntry): Promise<number>;
  update(
    id: string,
    patch: Partial<Pick<WaitlistEntry, "status" | "offeredAt" | "offerStartsAt" | "offerExpiresAt">>,
  ): Promise<WaitlistEntry>;
  listOpenForCitizen(citizenId: string): Promise<WaitlistEntry[]>;
  /** Everyone still waiting (or offered a seat) at a point on a day, locked. */
  listOpenForPointDay(pointId: string, date: LocalDate): Promise<WaitlistEntry[]>;
  /** Offers whose time ran out, locked, skipping rows others hold; at most `limit`. */
  takeExpiredOffers(now: Date, limit: number): Promise<WaitlistEntry[]>;
}

// ----- group courses (core/courses/ports.ts) --------------------------------------------------

export type { CourseRepository, CourseSession } from "./courses/ports.js";

// ----- outbox ---------------------------------------------------------------------------------

/** Events carry ids only, never personal data. */
export type DomainEvent =
  | { type: "booking.created"; bookingId: string; pointId: string; status: BookingStatus }
  | { type: "booking.confirmed"; bookingId: string; pointId: string }
  | { type: "booking.cancelled"; bookingId: string; pointId: string; by: Actor }
  | { type: "booking.rescheduled"; bookingId: string; pointId: string }
  /** A facilitator closed a session as done: a worker writes its service record. */
  | { type: "booking.completed"; bookingId: string; pointId: string }
  | {
      type: "waitlist.slot_offered";
      entryId: string;
      pointId: string;
      date: LocalDate;
      slotStartsAt: string;
      expiresAt: string;
    }
  | { type: "citizen.erased"; citizenId: string }
  /** The facilitator recorded who attended: the workers write one service record per citizen present. */
  | { type: "course.attendance_recorded"; sessionId: string; pointId: string };

export interface Outbox {
  append(event: DomainEvent): Promise<void>;
}

// ----- transactions ---------------------------------------------------------------------------

export interface Repositories {
  points: PointRepository;
  bookings: BookingRepository;
  citizens: CitizenRepository;
  waitlist: WaitlistRepository;
  courses: CourseRepository;
  outbox: Outbox;
  /** Outbound messages (core/messaging/ports.ts). */
  messages: OutboundMessageRepository;
  /** DigComp self-assessments (core/assessment/ports.ts). */
  assessments: AssessmentRepository;
  /** Services given, in the national platform's codes (core/service-records/ports.ts). */
  serviceRecords: ServiceRecordRepository;
  /** Facilitators, their chats and invite codes (core/facilitators/ports.ts). */
  facilitators: FacilitatorRepository;
  /** The citizen's monitoring profile, identifiers sealed (core/monitoring/ports.ts). */
  monitoringProfiles: MonitoringProfileRepository;
  /** Reads for the national export and the reports, targets (core/monitoring/ports.ts). */
  monitoring: MonitoringRepository;
}

export interface Transactor {
  /**
   * Runs `work` in one database transaction: all of it is written, or nothing. Retried on
   * deadlock or serialization failure, so `work` must not have side effects outside `repos`.
   */
  transaction<T>(work: (repos: Repositories) => Promise<T>): Promise<T>;
}

/** Everything a core service needs. */
export interface CoreDeps extends Transactor {
  repos: Repositories;
  clock: Clock;
  timeZone: string;
  policy: BookingPolicy;
  /** Reminders and quiet hours (core/messaging/policy.ts). */
  messaging: MessagingPolicy;
}
