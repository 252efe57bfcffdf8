import { SportelloError } from "../errors.js";

/**
 * Every way a booking operation can be refused, each with a short Italian sentence the citizen
 * can act on. Codes are stable: channels may translate them.
 */
const make = (code: string, message: string, userMessage: string, details?: Record<string, unknown>) =>
  new SportelloError({ code, message, userMessage, ...(details ? { details } : {}) });

export const bookingErrors = {
  unknownPoint: () =>
    make("unknown_point", "point not found or not active", "Non trovo questo punto. Scegline un altro."),
  serviceNotOffered: () =>
    make("service_not_offered", "service not offered by this point", "Questo punto non offre questo servizio."),
  modeNotOffered: () =>
    make(
      "mode_not_offered",
      "mode not offered for this service",
      "Questo servizio non è disponibile in questa modalità. Scegline un'altra.",
    ),
  dayInPast: () => make("day_in_past", "day already past", "Questo giorno è già passato. Scegli un altro giorno."),
  dayOver: () =>
    make("day_over", "no slot left to come that day", "Per quel giorno gli orari sono finiti. Scegli un altro giorno."),
  slotInPast: () =>
    make("slot_in_past", "slot already started", "Questo orario è già passato. Scegli un altro orario."),
  tooSoon: (minNoticeMinutes: number) =>
    make(
      "too_soon",
      "slot within the minimum notice",
      `Si può prenotare almeno ${formatNotice(minNoticeMinutes)} prima. Scegli un orario più avanti.`,
      { minNoticeMinutes },
    ),
  beyondHorizon: (horizonDays: number) =>
    make(
      "beyond_horizon",
      "slot beyond the booking horizon",
      `Si può prenotare fino a ${horizonDays} giorni da oggi. Scegli un giorno più vicino.`,
      { horizonDays },
    ),
  closedDay: () =>
    make("closed_day", "point closed on that day", "Quel giorno il punto è chiuso. Scegli un altro giorno."),
  notASlot: () =>
    make("not_a_slot", "requested start is not a slot", "Questo orario non è disponibile. Scegli tra quelli proposti."),
  capacityReached: () =>
    make("capacity_reached", "slot full", "Mi dispiace, questo orario è appena stato preso. Scegli un altro orario."),
  citizenLimit: (max: number) =>
    make(
      "citizen_limit",
      "citizen holds the maximum number of open bookings",
      `Hai già ${max} appuntamenti aperti. Puoi annullarne uno e poi prenotare.`,
      { max },
    ),
  duplicate: () =>
    make(
      "duplicate_booking",
      "citizen already holds a booking at that start",
      "Hai già un appuntamento a quest'ora. Scegli un altro orario.",
    ),
  citizenUnknown: () =>
    make("citizen_unknown", "citizen missing or erased", "Per prenotare devi prima accettare l'informativa privacy."),
  bookingNotFound: () => make("booking_not_found", "booking not found", "Non trovo questo appuntamento."),
  notYours: () => make("booking_not_found", "booking of another citizen", "Non trovo questo appuntamento."),
  notOpen: () =>
    make("booking_not_open", "booking is not open any more", "Questo appuntamento è già annullato o concluso."),
  changeTooLate: (minutes: number) =>
    make(
      "change_too_late",
      "cancel or reschedule within the minimum notice",
      `Manca troppo poco all'appuntamento per cambiarlo qui. Chiama il punto, per favore.`,
      { minutes },
    ),
  transitionNotAllowed: (from: string, to: string) =>
    make(
      "transition_not_allowed",
      `booking cannot go from ${from} to ${to}`,
      "Questa operazione non è possibile. Scrivi «menu» per ricominciare.",
    ),
  notStarted: () =>
    make("not_started", "attendance recorded before the start", "L'appuntamento non è ancora iniziato."),
  sameSlot: () => make("same_slot", "reschedule to the same slot", "È lo stesso orario di adesso. Scegline un altro."),
  dayNotFull: () =>
    make(
      "day_not_full",
      "waitlist only for full days",
      "Ci sono ancora posti liberi quel giorno: puoi prenotare subito.",
    ),
  offerNotValid: () =>
    make(
      "offer_not_valid",
      "waitlist offer missing, expired or taken",
      "Questa proposta non è più valida, mi dispiace. Puoi scegliere un altro orario.",
    ),
  courseFull: () => make("course_full", "course session full", "Il corso è pieno, mi dispiace. Scegli un'altra data."),
  courseNotFound: () =>
    make("course_not_found", "course session not found", "Non trovo questo corso. Scegline un altro."),
  alreadyEnrolled: () => make("already_enrolled", "already enrolled", "Sei già iscritto/a a questo corso."),
  courseNotOpen: () =>
    make("course_not_open", "course session cancelled or started", "Non ci si può più iscrivere a questo corso."),
};

function formatNotice(minutes: number): string {
  if (minutes % 60 === 0) {
    const hours = minutes / 60;
    return hours === 1 ? "un'ora" : `${hours} ore`;
  }
  return `${minutes} minuti`;
}
