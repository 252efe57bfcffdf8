/**
 * The monitoring profile's questions as the chat shows them, and what an answer to each means:
 * one implementation for the citizen in their own chat and for a facilitator asking them while
 * closing a session. Choices are the platform's codes (core/monitoring/answer-options.ts) with the
 * labels of `monitoring.<field>.<code>` in the conversation's language; the channel profile fits
 * them (pages of choices, numbered lines), never this file.
 */
import { CODED_FIELDS, type CodedFieldName } from "../../monitoring/answer-options.js";
import type { DocumentType } from "../../monitoring/person-key.js";
import type { ProfileQuestionId } from "../../monitoring/profile.js";
import type { ProfileAnswer, ProfileProblem } from "../../monitoring/profile-service.js";
import type { MessageKey, Translate } from "../i18n.js";
import type { EngineChoice } from "../state.js";
import { choice } from "../steps/step.js";
import { NO, YES } from "../text-input.js";

/** The questions answered by a choice, and the platform's field each one is. */
const CHOICE_FIELDS: Partial<Record<ProfileQuestionId, CodedFieldName>> = {
  document_type: "AN5",
  AN7: "AN7",
  AN8: "AN8",
  AN9: "AN9",
  AN10: "AN10",
  AN11: "AN11",
  PR1: "PR1",
  PR2: "PR2",
  ES1: "ES1",
  ES2: "ES2",
};

/** The fields the chat offers as choices (for the label tests). */
export const PROFILE_CHOICE_FIELDS: readonly CodedFieldName[] = Object.values(CHOICE_FIELDS);

const OPTION = "o:";
const NO_FISCAL_CODE = "no_cf";

export interface ProfileQuestionOptions {
  /** The programme takes 14-17-year-olds: AN8 offers band E. */
  minorsEnabled: boolean;
}

/** The codes offered for a question with choices (AN8's E only where minors are enabled). */
export function offeredCodes(question: ProfileQuestionId, options: ProfileQuestionOptions): string[] {
  const field = CHOICE_FIELDS[question];
  if (!field) return [];
  const codes = CODED_FIELDS[field].options.map((o) => o.code);
  return field === "AN8" && !options.minorsEnabled ? codes.filter((c) => c !== "E") : codes;
}

export const optionLabel = (t: Translate, field: CodedFieldName, code: string): string =>
  t(`monitoring.${field}.${code}` as MessageKey);

const isMulti = (question: ProfileQuestionId) => {
  const field = CHOICE_FIELDS[question];
  return field ? CODED_FIELDS[field].multi : false;
};

/** The question's text and choices (ids are local to the question). */
export function profileQuestion(
  t: Translate,
  question: ProfileQuestionId,
  options: ProfileQuestionOptions,
): { text: string; choices: EngineChoice[] } {
  const asked = t(`monitoring.q.${question}` as MessageKey);
  if (question === "fiscal_code") {
    return {
      text: asked,
      choices: [
        choice(NO_FISCAL_CODE, t("monitoring.noFiscalCode"), [
          "non ho il codice fiscale",
          "non ho codice fiscale",
          "non ce l ho",
          "senza codice fiscale",
          "no",
          "i don t have one",
          "no tax code",
        ]),
      ],
    };
  }
  const field = CHOICE_FIELDS[question];
  if (!field) return { text: asked, choices: [] };
  const choices = offeredCodes(question, options).map((code) =>
    choice(`${OPTION}${code}`, optionLabel(t, field, code), field === "PR1" ? (code === "SI" ? YES : NO) : undefined),
  );
  return { text: isMulti(question) ? `${asked}\n${t("monitoring.multiHint")}` : asked, choices };
}

/** What an answer to the question on screen means. */
export type ReadAnswer =
  | { kind: "answer"; answer: ProfileAnswer }
  /** "I have no codice fiscale": the document comes next. */
  | { kind: "no_fiscal_code" }
  /** The document type, kept until its number is typed. */
  | { kind: "document_type"; type: DocumentType }
  /** Not an answer: say this, ask the same question again. */
  | { kind: "problem"; say: string; miss: boolean };

/** The kind sentence for a problem the profile service found. */
export function problemText(t: Translate, problem: ProfileProblem): string {
  return t(`monitoring.problem.${problem}` as MessageKey);
}

const notUnderstood = (t: Translate): ReadAnswer => ({
  kind: "problem",
  say: t("monitoring.problem.invalid_answer"),
  miss: true,
});

function answerWithCodes(question: ProfileQuestionId, codes: string[]): ReadAnswer {
  const [code] = codes;
  switch (question) {
    case "document_type":
      return { kind: "document_type", type: code as DocumentType };
    case "AN7":
    case "AN8":
    case "AN9":
    case "AN10":
    case "AN11":
      return { kind: "answer", answer: { question, code: code ?? "" } };
    case "PR1":
      return { kind: "answer", answer: { question, firstTime: code === "SI" } };
    case "PR2":
    case "ES1":
    case "ES2":
      return { kind: "answer", answer: { question, codes } };
    default:
      return { kind: "answer", answer: { question: "AN7", code: "" } };
  }
}

/** A pressed choice (or one picked by its number or label). */
export function readChoice(
  question: ProfileQuestionId,
  id: string,
  options: ProfileQuestionOptions,
  t: Translate,
): ReadAnswer {
  if (question === "fiscal_code" && id === NO_FISCAL_CODE) return { kind: "no_fiscal_code" };
  const code = id.startsWith(OPTION) ? id.slice(OPTION.length) : "";
  if (!offeredCodes(question, options).includes(code)) return notUnderstood(t);
  return answerWithCodes(question, [code]);
}

/** Several numbers: "1 3", "1, 3", "1 e 3". */
const NUMBERS = /^\d{1,2}(?:(?:\s*[,;/]\s*|\s+(?:e|and)\s+|\s+)\d{1,2})*$/i;

/**
 * Typed text that is not one of the choices: the codice fiscale, the document number, the
 * province, or several numbers for a question with more than one answer. `onScreen`: the choices
 * as the channel shows them now (a page of them), which typed numbers stand for.
 */
export function readTyped(
  question: ProfileQuestionId,
  typed: string,
  context: {
    onScreen: readonly EngineChoice[];
    documentType?: DocumentType;
    options: ProfileQuestionOptions;
    t: Translate;
  },
): ReadAnswer {
  const { t } = context;
  switch (question) {
    case "fiscal_code":
      return { kind: "answer", answer: { question, text: typed } };
    case "document_number":
      if (!context.documentType) return notUnderstood(t);
      return { kind: "answer", answer: { question: "document", type: context.documentType, number: typed } };
    case "AN12":
      return { kind: "answer", answer: { question, text: typed } };
    default:
      break;
  }
  const trimmed = typed.trim();
  if (!NUMBERS.test(trimmed)) return notUnderstood(t);
  const numbers = trimmed.split(/\D+/).filter(Boolean).map(Number);
  const offered = offeredCodes(question, context.options);
  const codes: string[] = [];
  for (const n of numbers) {
    const id = context.onScreen[n - 1]?.id ?? "";
    const code = id.startsWith(OPTION) ? id.slice(OPTION.length) : "";
    if (!offered.includes(code)) {
      return { kind: "problem", say: t("hint.outOfRange", { max: context.onScreen.length }), miss: true };
    }
    codes.push(code);
  }
  if (codes.length > 1 && !isMulti(question)) {
    return { kind: "problem", say: t("monitoring.problem.multiOne"), miss: false };
  }
  return answerWithCodes(question, codes);
}
