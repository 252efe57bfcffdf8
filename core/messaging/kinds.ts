/**
 * The message kinds core writes. Each has a composer (its text and buttons) in
 * core/conversation/push/kinds/; later issues add kinds there and name them here.
 */
export const MessageKind = {
  /** Before each booking, per reminder offset; buttons Ci sarò / Sposta / Annulla. */
  bookingReminder: "booking.reminder",
  /** A facilitator confirmed a remote session. */
  bookingConfirmed: "booking.confirmed",
  /** The booking was moved by someone else (a facilitator). */
  bookingMoved: "booking.moved",
  /** The point or a facilitator cancelled or declined the booking (params.reason says why). */
  bookingCancelled: "booking.cancelled",
  /** A freed slot offered to the first in line; buttons Prenota / No, grazie. */
  waitlistOffer: "waitlist.offer",
  /** Before each course session the citizen is enrolled in (the day before, 2 hours before). */
  courseReminder: "course.reminder",
  /** A course session the citizen is enrolled in was moved to another time. */
  courseMoved: "course.moved",
  /** A course session the citizen was enrolled in was cancelled. */
  courseCancelled: "course.cancelled",
  /** A seat freed in a full course, offered to the first in line; buttons Iscrivimi / No, grazie. */
  courseOffer: "course.offer",
  /** A facilitator proposes another time for a remote session; buttons Va bene / Un altro orario / Annulla. */
  bookingProposed: "booking.proposed",
  /** After a completed session: the rating question (ES6), then "Torneresti?" (ES3). */
  serviceRating: "service.rating",
  /** To a point's facilitators: a remote booking to confirm (Conferma / Proponi un altro orario / Rifiuta). */
  facilitatorRequest: "facilitator.request",
  /** To the other facilitators of the point: someone already confirmed, proposed or declined it. */
  facilitatorHandled: "facilitator.handled",
  /** To each facilitator of a point open today: the day's agenda. */
  facilitatorAgenda: "facilitator.agenda",
  callbackRequest: "callback.request",
} as const;

export type CoreMessageKind = (typeof MessageKind)[keyof typeof MessageKind];
