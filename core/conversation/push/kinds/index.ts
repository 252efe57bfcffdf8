import type { PushKind } from "../push-kind.js";
import { bookingCancelled } from "./booking-cancelled.js";
import { bookingConfirmed } from "./booking-confirmed.js";
import { bookingMoved } from "./booking-moved.js";
import { bookingProposed } from "./booking-proposed.js";
import { bookingReminder } from "./booking-reminder.js";
import { callbackRequest } from "./callback-request.js";
import { courseCancelled } from "./course-cancelled.js";
import { courseMoved } from "./course-moved.js";
import { courseOffer } from "./course-offer.js";
import { courseReminder } from "./course-reminder.js";
import { facilitatorAgenda } from "./facilitator-agenda.js";
import { facilitatorHandled, facilitatorRequest } from "./facilitator-request.js";
import { serviceRating } from "./service-rating.js";
import { waitlistOffer } from "./waitlist-offer.js";

/**
 * Every kind of message Sportello sends on its own. To add one: write kinds/<kind>.ts with
 * `definePushKind` (params, compose, actions) and list it here; its texts go in messages/*.json
 * under "push.".
 */
const KINDS: readonly PushKind<never>[] = [
  bookingReminder,
  bookingConfirmed,
  bookingMoved,
  bookingCancelled,
  waitlistOffer,
  courseReminder,
  courseMoved,
  courseCancelled,
  courseOffer,
  bookingProposed,
  serviceRating,
  facilitatorRequest,
  facilitatorHandled,
  facilitatorAgenda,
  callbackRequest,
] as unknown as PushKind<never>[];

export const PUSH_KINDS: ReadonlyMap<string, PushKind<unknown>> = new Map(
  KINDS.map((k) => [k.kind, k as unknown as PushKind<unknown>]),
);
