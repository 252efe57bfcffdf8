import type { ServiceKind, ServiceMode } from "../points/types.js";

export type BookingStatus =
  | "pending"
  | "confirmed"
  | "cancelled_by_citizen"
  | "cancelled_by_point"
  | "completed"
  | "no_show";

export type Actor = "citizen" | "facilitator" | "point" | "system";

/** Bookings that hold a seat. */
export const OPEN_STATUSES: readonly BookingStatus[] = ["pending", "confirmed"];

export function isOpen(status: BookingStatus): boolean {
  return OPEN_STATUSES.includes(status);
}

export interface Booking {
  id: string;
  citizenId: string;
  pointId: string;
  siteId: string | null;
  service: ServiceKind;
  mode: ServiceMode;
  startsAt: Date;
  endsAt: Date;
  status: BookingStatus;
  /** SE5 competence codes 1-13 of the monitoring platform. */
  competences: number[];
  /** SE6 public service domain codes A-S. */
  publicServices: string[];
  needNote: string | null;
  /** iCalendar SEQUENCE, grows at every change. */
  sequence: number;
  cancelReason: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** Which status changes are allowed, and by whom. */
const TRANSITIONS: Record<BookingStatus, Partial<Record<BookingStatus, readonly Actor[]>>> = {
  pending: {
    confirmed: ["facilitator", "point", "system"],
    cancelled_by_citizen: ["citizen", "system"],
    cancelled_by_point: ["facilitator", "point", "system"],
  },
  confirmed: {
    cancelled_by_citizen: ["citizen", "system"],
    cancelled_by_point: ["facilitator", "point", "system"],
    completed: ["facilitator", "point", "system"],
    no_show: ["facilitator", "point", "system"],
  },
  cancelled_by_citizen: {},
  cancelled_by_point: {},
  completed: {},
  no_show: {},
};

export function canTransition(from: BookingStatus, to: BookingStatus, actor: Actor): boolean {
  return TRANSITIONS[from][to]?.includes(actor) ?? false;
}
