import { SportelloError } from "../errors.js";

const make = (code: string, message: string, userMessage: string, details?: Record<string, unknown>) =>
  new SportelloError({ code, message, userMessage, ...(details ? { details } : {}) });

/**
 * The ways a course operation is refused, each with a short Italian sentence. The chat shows its
 * own text per code (messages courses.error.*); these are for logs and other callers.
 */
export const courseErrors = {
  started: () => make("course_started", "course session already started", "Questo corso è già iniziato."),
  cancelled: () => make("course_cancelled", "course session cancelled", "Questo corso è stato annullato."),
  overlap: () =>
    make("course_overlap", "enrolled in another course at the same time", "A quest'ora hai già un altro corso."),
  notEnrolled: () => make("not_enrolled", "no active enrolment", "Non sei iscritto/a a questo corso."),
  notFull: () => make("course_not_full", "waitlist only for full courses", "Ci sono ancora posti: puoi iscriverti."),
  offerNotValid: () =>
    make("course_offer_not_valid", "course offer missing, expired or taken", "Questa proposta non vale più."),
  attendanceTooEarly: () =>
    make("attendance_too_early", "attendance before the start", "Il corso non è ancora iniziato."),
  notAtPoint: () =>
    make("facilitator_not_at_point", "facilitator not linked to the point", "Non sei facilitatore di questo punto."),
};
