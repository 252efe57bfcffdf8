/**
 * The shapes of the points network, as core sees them (no persistence details).
 * Local dates are "YYYY-MM-DD" and local times "HH:MM" in the network's time zone (Europe/Rome).
 */

export type LocalDate = string;
export type LocalTime = string;

/** ISO weekday: 1 = lunedì … 7 = domenica. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export type PointKind = "fixed" | "itinerant";

/** facilitazione individuale, accoglienza e prima informazione, group micro-course. */
export type ServiceKind = "facilitazione" | "accoglienza" | "corso";

export type ServiceMode = "in_presenza" | "telefono" | "videochiamata" | "chat";

export const REMOTE_MODES: readonly ServiceMode[] = ["telefono", "videochiamata", "chat"];

export interface Coordinates {
  lat: number;
  lon: number;
}

export interface Address {
  street: string;
  civic: string | null;
  cap: string;
  comune: string;
  /** ISTAT code of the comune, 6 digits. */
  comuneIstat: string;
  /** Province abbreviation (sigla), e.g. "TO". */
  province: string;
}

export interface Site {
  id: string;
  pointId: string;
  isMain: boolean;
  name: string;
  address: Address;
  coordinates: Coordinates;
}

/** A weekly opening window: shift 1 is the morning, shift 2 the afternoon. */
export interface OpeningWindow {
  weekday: IsoWeekday;
  shift: 1 | 2;
  opens: LocalTime;
  closes: LocalTime;
}

/** Hours for one date that replace the weekly windows (no windows = closed that day). */
export interface SpecialHours {
  date: LocalDate;
  windows: Array<{ opens: LocalTime; closes: LocalTime }>;
}

/** Closed from `from` to `to`, both included. */
export interface Closure {
  from: LocalDate;
  to: LocalDate;
  reason: string;
}

/** A holiday of the point's town, every year (e.g. San Giovanni in Torino, 24 June). */
export interface LocalHoliday {
  month: number;
  day: number;
  name: string;
}

/** A dated stop of an itinerant point at a host site. */
export interface ItinerantVisit {
  id: string;
  siteId: string;
  date: LocalDate;
  opens: LocalTime;
  closes: LocalTime;
}

export interface PointSchedule {
  kind: PointKind;
  /** Used by fixed points; itinerant points open only during their visits. */
  weekly: OpeningWindow[];
  special: SpecialHours[];
  closures: Closure[];
  localHolidays: LocalHoliday[];
  visits: ItinerantVisit[];
}

/** A span of time when the point is open, as real instants. */
export interface OpenInterval {
  start: Date;
  end: Date;
  /** The host site, for itinerant visits; undefined for a fixed point's own sites. */
  siteId?: string;
  visitId?: string;
}
