import type { ClosingDetails } from "../../facilitators/closing.js";

/** The steps of the facilitators' flows (and the citizen's rating answer after a session). */
export type FacilitatorStepId =
  | "fac_menu"
  | "fac_agenda"
  | "fac_pending"
  | "fac_item"
  | "fac_confirm_how"
  | "fac_confirm_link"
  | "fac_propose"
  | "fac_decline"
  | "fac_close"
  | "fac_close_duration"
  | "fac_close_type"
  | "fac_close_codes"
  | "fac_close_note"
  | "fac_walkin_point"
  | "service_return"
  | "fac_course"
  | "fac_close_profile"
  | "fac_profile";

/** What a facilitator flow has collected so far. */
export interface FacilitatorFlow {
  /** The agenda on screen: a local date. */
  date?: string;
  /** The booking being acted on. */
  bookingId?: string;
  /** Its start when the action began (a moved booking is not acted on by an old screen). */
  startsAt?: string;
  /** Times offered for "Proponi un altro orario", ISO. */
  slots?: string[];
  /** The closing being filled in (a booking's, or a walk-in's). */
  closing?: ClosingDetails;
  /** Which codes the codes step edits. */
  codes?: "SE5" | "SE6";
  /** A walk-in entry: its id (chosen once: sent twice, it is written once), point and start. */
  walkIn?: {
    id: string;
    pointId: string;
    startedAt: string;
    /** The citizen, once the monitoring profile identified them (a codice fiscale already known reuses them). */
    citizenId?: string;
  };
  /** The course session on screen (its enrolled citizens, attendance). */
  courseSessionId?: string;
  /** Citizens unticked as absent while marking attendance (everyone else is present). */
  absent?: string[];
  /** The citizen's rating (ES6) of a service record, waiting for "Torneresti?" (ES3). */
  rating?: { recordId: string; score: number; messageId: string };
}
