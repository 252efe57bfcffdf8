import type { Step } from "../steps/step.js";
import {
  facCloseCodesStep,
  facCloseDurationStep,
  facCloseNoteStep,
  facCloseStep,
  facCloseTypeStep,
} from "./closing-steps.js";
import { facCourseStep } from "./course-steps.js";
import type { FacilitatorStepId } from "./flow.js";
import { facAgendaStep, facItemStep, facMenuStep, facPendingStep, facWalkInPointStep } from "./menu-steps.js";
import { facCloseProfileStep, facProfileStep } from "./profile-steps.js";
import { serviceReturnStep } from "./rating-step.js";
import { facConfirmHowStep, facConfirmLinkStep, facDeclineStep, facProposeStep } from "./request-steps.js";

export const FACILITATOR_STEPS: Record<FacilitatorStepId, Step> = {
  fac_menu: facMenuStep,
  fac_agenda: facAgendaStep,
  fac_pending: facPendingStep,
  fac_item: facItemStep,
  fac_confirm_how: facConfirmHowStep,
  fac_confirm_link: facConfirmLinkStep,
  fac_propose: facProposeStep,
  fac_decline: facDeclineStep,
  fac_close: facCloseStep,
  fac_close_duration: facCloseDurationStep,
  fac_close_type: facCloseTypeStep,
  fac_close_codes: facCloseCodesStep,
  fac_close_note: facCloseNoteStep,
  fac_walkin_point: facWalkInPointStep,
  service_return: serviceReturnStep,
  fac_course: facCourseStep,
  fac_close_profile: facCloseProfileStep,
  fac_profile: facProfileStep,
};
