import { FACILITATOR_STEPS } from "../facilitator/steps.js";
import type { StepId } from "../state.js";
import {
  appointmentStep,
  appointmentsStep,
  cancelReasonStep,
  reschedConfirmStep,
  reschedDayStep,
  reschedTimeStep,
} from "./appointments.js";
import { assessmentIntroStep, assessmentQuestionStep, assessmentUndoStep } from "./assessment.js";
import { assessmentOfferStep, assessmentResultStep } from "./assessment-result.js";
import {
  bookDayStep,
  bookDoneStep,
  bookModeStep,
  bookNoteStep,
  bookPhoneStep,
  bookRemoteStep,
  bookServiceStep,
  bookSubtopicStep,
  bookSummaryStep,
  bookTimeStep,
  bookTopicStep,
  waitlistDayStep,
} from "./book.js";
import { callbackOfferStep, callbackPhoneStep, callbackSummaryStep, callbackWhenStep } from "./callback.js";
import { courseLeaveStep, courseStep, coursesStep } from "./courses.js";
import { findComuneStep, findResultsStep, findWhereStep, pointStep } from "./find.js";
import { eraseConfirmStep, menuStep, privacyMenuStep } from "./menu.js";
import { languageStep, privacyStep } from "./onboarding.js";
import { profileIntroStep, profileStep } from "./profile.js";
import type { Step } from "./step.js";

export const STEPS: Record<StepId, Step> = {
  language: languageStep,
  privacy: privacyStep,
  menu: menuStep,
  privacy_menu: privacyMenuStep,
  erase_confirm: eraseConfirmStep,
  find_where: findWhereStep,
  find_comune: findComuneStep,
  find_results: findResultsStep,
  point: pointStep,
  book_service: bookServiceStep,
  book_mode: bookModeStep,
  book_remote: bookRemoteStep,
  book_day: bookDayStep,
  book_time: bookTimeStep,
  book_topic: bookTopicStep,
  book_subtopic: bookSubtopicStep,
  book_note: bookNoteStep,
  book_phone: bookPhoneStep,
  book_summary: bookSummaryStep,
  book_done: bookDoneStep,
  waitlist_day: waitlistDayStep,
  appointments: appointmentsStep,
  appointment: appointmentStep,
  cancel_reason: cancelReasonStep,
  resched_day: reschedDayStep,
  resched_time: reschedTimeStep,
  resched_confirm: reschedConfirmStep,
  assessment_intro: assessmentIntroStep,
  assessment_question: assessmentQuestionStep,
  assessment_undo: assessmentUndoStep,
  assessment_result: assessmentResultStep,
  assessment_offer: assessmentOfferStep,
  courses: coursesStep,
  course: courseStep,
  course_leave: courseLeaveStep,
  profile_intro: profileIntroStep,
  profile: profileStep,
  callback_offer: callbackOfferStep,
  callback_phone: callbackPhoneStep,
  callback_when: callbackWhenStep,
  callback_summary: callbackSummaryStep,
  ...FACILITATOR_STEPS,
};
