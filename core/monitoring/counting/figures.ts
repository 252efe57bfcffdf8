/**
 * The counting rules of monitoring (domain.md, facilita-csv.md), as pure functions over plain
 * records. Part B feeds them from the database (or mirrors them in SQL, tested against these).
 *
 * - Unique citizens (t1): each person once, whatever the number of services, identified by the
 *   keyed hash of the codice fiscale, else of document type + number, else the citizen record id.
 *   Counted once per scope: a person served at two points counts once at each point, once in the
 *   organisation if both points are its own, once overall.
 * - Programmes: services by Servizio Civile Digitale volunteers (SCD) are counted in the SCD
 *   figures only, never in the network's (RFD) ones; the two are never added up.
 * - Services (t2): one per citizen per service (booking, walk-in entry or group session); a second
 *   record of the same citizen for the same service is ignored (and counted as ignored).
 * - Facilitation hours: durations of the records whose service type is facilitation (SE3 A or B);
 *   records of one group session share its duration, counted once.
 * - Group-course hours: the durations of the course sessions held (one session counts once, however
 *   many citizens attended), per point, against 50 hours a year (see course-hours.ts).
 * - No-shows: bookings marked "non si è presentato"; a booking has no programme, so no-shows are
 *   per scope, not per programme.
 * - Average rating: the mean of the ES6 ratings (1-5) given, per programme; null when none.
 */
import type { LocalDate } from "../../points/types.js";
import type { Programme } from "../export/export-row.js";

export interface CitizenIdentity {
  id: string;
  /** Keyed hash of the codice fiscale (person-key.ts), when known. */
  fiscalCodeHash: string | null;
  /** Keyed hash of document type + number, when known. */
  documentHash: string | null;
}

export interface ServiceFact {
  recordId: string;
  /** The booking, walk-in entry or group session the record belongs to. */
  serviceRef: string;
  date: LocalDate;
  durationMinutes: number;
  /** SE3 codes. */
  serviceTypes: readonly string[];
  programme: Programme;
  pointId: string;
  organisationId: string;
  citizen: CitizenIdentity;
  rating: number | null;
  /** Records of one group session share its id (their duration counts once). */
  groupSessionId: string | null;
}

export interface CourseSessionFact {
  sessionId: string;
  date: LocalDate;
  durationMinutes: number;
  pointId: string;
  organisationId: string;
}

export interface NoShowFact {
  bookingId: string;
  date: LocalDate;
  pointId: string;
  organisationId: string;
}

export interface Period {
  from: LocalDate;
  to: LocalDate;
}

export interface ProgrammeFigures {
  uniqueCitizens: number;
  services: number;
  facilitationMinutes: number;
  ratings: number;
  averageRating: number | null;
}

export interface ScopeFigures {
  /** The network's programme (RFD): what counts toward the targets. */
  rfd: ProgrammeFigures;
  /** Servizio Civile Digitale: counted apart, never added to RFD. */
  scd: ProgrammeFigures;
  courseSessions: number;
  courseMinutes: number;
  noShows: number;
}

export interface FiguresReport {
  period: Period;
  overall: ScopeFigures;
  organisations: ReadonlyMap<string, ScopeFigures>;
  points: ReadonlyMap<string, ScopeFigures & { organisationId: string }>;
  /** Second records of the same citizen for the same service, left out. */
  duplicatesIgnored: number;
}

/** The key a citizen is counted by: codice fiscale hash, else document hash, else the record id. */
export function citizenCountingKey(citizen: CitizenIdentity): string {
  if (citizen.fiscalCodeHash) return `cf:${citizen.fiscalCodeHash}`;
  if (citizen.documentHash) return `doc:${citizen.documentHash}`;
  return `citizen:${citizen.id}`;
}

/** Facilitation (SE3 A individual, B group), as opposed to training or other. */
export function isFacilitation(serviceTypes: readonly string[]): boolean {
  return serviceTypes.includes("A") || serviceTypes.includes("B");
}

/** The calendar month "YYYY-MM" as a period. */
export function monthPeriod(month: string): Period {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  const year = Number(match?.[1]);
  const monthNumber = Number(match?.[2]);
  if (!match || monthNumber < 1 || monthNumber > 12) throw new RangeError("month must be YYYY-MM");
  const lastDay = new Date(Date.UTC(year, monthNumber, 0)).getUTCDate();
  return { from: `${match[1]}-${match[2]}-01`, to: `${match[1]}-${match[2]}-${String(lastDay).padStart(2, "0")}` };
}

const inPeriod = (date: LocalDate, period: Period) => date >= period.from && date <= period.to;

class ProgrammeTally {
  private readonly citizens = new Set<string>();
  private readonly groupSessions = new Map<string, number>();
  services = 0;
  private minutes = 0;
  ratings = 0;
  private ratingSum = 0;

  add(fact: ServiceFact, citizenKey: string) {
    this.citizens.add(citizenKey);
    this.services += 1;
    if (isFacilitation(fact.serviceTypes)) {
      if (fact.groupSessionId === null) this.minutes += fact.durationMinutes;
      else {
        const previous = this.groupSessions.get(fact.groupSessionId) ?? 0;
        this.groupSessions.set(fact.groupSessionId, Math.max(previous, fact.durationMinutes));
      }
    }
    if (fact.rating !== null && Number.isInteger(fact.rating) && fact.rating >= 1 && fact.rating <= 5) {
      this.ratings += 1;
      this.ratingSum += fact.rating;
    }
  }

  figures(): ProgrammeFigures {
    let groupMinutes = 0;
    for (const minutes of this.groupSessions.values()) groupMinutes += minutes;
    return {
      uniqueCitizens: this.citizens.size,
      services: this.services,
      facilitationMinutes: this.minutes + groupMinutes,
      ratings: this.ratings,
      averageRating: this.ratings === 0 ? null : this.ratingSum / this.ratings,
    };
  }
}

class ScopeTally {
  readonly rfd = new ProgrammeTally();
  readonly scd = new ProgrammeTally();
  private readonly sessions = new Map<string, number>();
  noShows = 0;

  addCourse(session: CourseSessionFact) {
    this.sessions.set(session.sessionId, session.durationMinutes);
  }

  figures(): ScopeFigures {
    let courseMinutes = 0;
    for (const minutes of this.sessions.values()) courseMinutes += minutes;
    return {
      rfd: this.rfd.figures(),
      scd: this.scd.figures(),
      courseSessions: this.sessions.size,
      courseMinutes,
      noShows: this.noShows,
    };
  }
}

export interface FiguresInput {
  services: Iterable<ServiceFact>;
  courseSessions?: Iterable<CourseSessionFact>;
  noShows?: Iterable<NoShowFact>;
}

/** The figures of a period (a month, or the project so far), per point, per organisation, overall. */
export function computeFigures(input: FiguresInput, period: Period): FiguresReport {
  const overall = new ScopeTally();
  const organisations = new Map<string, ScopeTally>();
  const points = new Map<string, { tally: ScopeTally; organisationId: string }>();
  const scopesOf = (pointId: string, organisationId: string): ScopeTally[] => {
    let organisation = organisations.get(organisationId);
    if (!organisation) {
      organisation = new ScopeTally();
      organisations.set(organisationId, organisation);
    }
    let point = points.get(pointId);
    if (!point) {
      point = { tally: new ScopeTally(), organisationId };
      points.set(pointId, point);
    }
    return [overall, organisation, point.tally];
  };

  const seen = new Set<string>();
  let duplicatesIgnored = 0;
  for (const fact of input.services) {
    if (!inPeriod(fact.date, period)) continue;
    const citizenKey = citizenCountingKey(fact.citizen);
    const serviceKey = `${citizenKey}|${fact.serviceRef}`;
    if (seen.has(serviceKey)) {
      duplicatesIgnored += 1;
      continue;
    }
    seen.add(serviceKey);
    for (const scope of scopesOf(fact.pointId, fact.organisationId)) {
      (fact.programme === "SCD" ? scope.scd : scope.rfd).add(fact, citizenKey);
    }
  }
  for (const session of input.courseSessions ?? []) {
    if (!inPeriod(session.date, period)) continue;
    for (const scope of scopesOf(session.pointId, session.organisationId)) scope.addCourse(session);
  }
  for (const noShow of input.noShows ?? []) {
    if (!inPeriod(noShow.date, period)) continue;
    for (const scope of scopesOf(noShow.pointId, noShow.organisationId)) scope.noShows += 1;
  }

  return {
    period,
    overall: overall.figures(),
    organisations: new Map([...organisations].map(([id, tally]) => [id, tally.figures()])),
    points: new Map([...points].map(([id, { tally, organisationId }]) => [id, { ...tally.figures(), organisationId }])),
    duplicatesIgnored,
  };
}
