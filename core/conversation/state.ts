import type { AssessmentProgress } from "../assessment/flow.js";
import type { DocumentType } from "../monitoring/person-key.js";
import type { LocalDate, ServiceMode } from "../points/types.js";
import type { FacilitatorFlow, FacilitatorStepId } from "./facilitator/flow.js";
import type { Lang } from "./i18n.js";
import type { PushedQuestion } from "./push/push-choice.js";
import type { Choice } from "./reply.js";

export type StepId =
  | "language"
  | "privacy"
  | "menu"
  | "privacy_menu"
  | "erase_confirm"
  | "find_where"
  | "find_comune"
  | "find_results"
  | "point"
  | "book_service"
  | "book_mode"
  | "book_remote"
  | "book_day"
  | "book_time"
  | "book_topic"
  | "book_subtopic"
  | "book_note"
  | "book_phone"
  | "book_summary"
  | "book_done"
  | "waitlist_day"
  | "appointments"
  | "appointment"
  | "cancel_reason"
  | "resched_day"
  | "resched_time"
  | "resched_confirm"
  | "assessment_intro"
  | "assessment_question"
  | "assessment_undo"
  | "assessment_result"
  | "assessment_offer"
  | "courses"
  | "course"
  | "course_leave"
  | "profile_intro"
  | "profile"
  | "callback_offer"
  | "callback_phone"
  | "callback_when"
  | "callback_summary"
  | FacilitatorStepId;

/** What the flow in progress has collected so far. */
export interface Flow {
  /** Looking for a point just to see it, or to book there. */
  purpose?: "find" | "book" | "courses";
  /** Where to look from; `cap` when a CAP was typed (points in that CAP come first). */
  place?: { lat: number; lon: number; label: string; cap?: string };
  /** ISTAT codes of comuni matching what was typed, when it was ambiguous. */
  comuni?: string[];
  resultsPage?: number;
  pointId?: string;
  service?: "facilitazione" | "accoglienza";
  mode?: ServiceMode;
  day?: LocalDate;
  dayPage?: number;
  /** Start of the chosen slot, ISO. */
  slot?: string;
  slotPage?: number;
  /** The group of topics chosen at the first level of "Per cosa ti serve aiuto?". */
  topicGroup?: string;
  topic?: string;
  note?: string;
  bookingId?: string;
  /** Booking from a self-assessment result: the topic to fill in, and the SE5 codes it came from. */
  fromAssessment?: { topic: string; competences: number[]; note?: string };
  /** Recommendation rule ids of the self-assessment result on screen. */
  assessmentSteps?: string[];
  /** Group course sessions the self-assessment result suggests (buttons to their page). */
  assessmentCourses?: string[];
  /** The group course session on screen (core/courses). */
  courseSessionId?: string;
  /** Where "Indietro" from a course leads: its list, or "I miei appuntamenti". */
  courseFrom?: "list" | "appointments";
  /** Where to go on once the privacy notice is accepted (the booking or list that needed it). */
  resume?: StepId;
  /** The facilitator flows (core/conversation/facilitator/), and the citizen's rating answer. */
  fac?: FacilitatorFlow;
  /** The monitoring profile being answered (core/conversation/profile/). */
  profile?: ProfileFlow;
  /** A call back being asked for: the point, and when the citizen prefers to be called. */
  callback?: { pointId: string; when?: "morning" | "afternoon" | "any" };
}

/** The monitoring profile's questions in progress, by the citizen or by a facilitator for them. */
export interface ProfileFlow {
  /** Whose profile (a facilitator's flow; the citizen's own chat uses its citizen). Unset for a walk-in not yet identified. */
  citizenId?: string;
  /** The date the codice fiscale is read at (the service date); unset: today. */
  on?: LocalDate;
  /** "No codice fiscale" said, for a walk-in not yet identified (nothing stored yet). */
  noFiscalCode?: boolean;
  /** The document type chosen a moment ago: its number comes next. */
  documentType?: DocumentType;
}

/** A choice as the engine remembers it: with extra words that select it when typed. */
export interface EngineChoice extends Choice {
  keywords?: string[];
}

export interface ConversationState {
  v: 1;
  lang: Lang;
  /** Nothing about the person is stored in the database until "accepted". */
  consent: "unknown" | "accepted" | "declined";
  citizenId?: string;
  step: StepId;
  flow: Flow;
  /** The question on screen: buttons carry its nonce, so presses on older messages are recognised. */
  question?: { nonce: string; choices: EngineChoice[] };
  /** Counter for nonces. */
  seq: number;
  /** Steps to go back to with "indietro". */
  history: StepId[];
  /** The last button handled and when (ms), to ignore a double tap. */
  lastButton?: string;
  lastButtonAt?: number;
  /** Point opened from a deep link before the privacy choice. */
  startPoint?: string;
  /** A pushed message with buttons delivered since the person last wrote: typed numbers reach it. */
  pushed?: PushedQuestion;
  /** A self-assessment in progress: outside `flow`, so "menu" pauses it instead of losing it. */
  assessment?: AssessmentProgress;
  /** Messages not understood in a row: at the second, a phone number and "aiuto" are offered. */
  misses?: number;
  /** The engine's page of the question's choices, when the channel shows fewer than it has. */
  choicePage?: number;
}

export function freshState(lang: Lang): ConversationState {
  return { v: 1, lang, consent: "unknown", step: "language", flow: {}, seq: 0, history: [] };
}
