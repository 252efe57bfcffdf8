import type { AreaCode } from "./digcomp.js";
import type { BankItem, ItemBank, ScreeningQuestion } from "./item-bank.js";

/**
 * Which question comes next, from the answers given so far: pure, so that stopping, resuming
 * (after a restart too), going back and changing an answer all follow from the same list.
 *
 * 1. Screening questions first, each only if its `onlyIf` holds.
 * 2. Then the items in bank order. A screening answer marked `basicOnly` (never uses a device or
 *    the internet) leaves only the basic items of each area.
 * 3. An area stops early once all its basic items are answered at the lowest ("Non so farlo" or
 *    "Non so cosa vuol dire"): its other items are harder and are not asked.
 */

export interface AnswerRecord {
  /** Screening question or item id. */
  q: string;
  /** Option id. */
  a: string;
}

/** A test in progress, as the conversation keeps it. */
export interface AssessmentProgress {
  /** Item bank version it was started with. */
  bank: string;
  /** Answers in the order given. */
  answers: AnswerRecord[];
  startedAt: string;
}

export type Question = { kind: "screening"; question: ScreeningQuestion } | { kind: "item"; item: BankItem };

export function startProgress(bank: ItemBank, now: Date): AssessmentProgress {
  return { bank: bank.version, answers: [], startedAt: now.toISOString() };
}

function answerMap(answers: readonly AnswerRecord[]): Map<string, string> {
  return new Map(answers.map((r) => [r.q, r.a]));
}

/** Asked, or still to be decided by an earlier question not answered yet (which comes first). */
function screeningApplies(question: ScreeningQuestion, given: Map<string, string>): boolean {
  return Object.entries(question.onlyIf ?? {}).every(
    ([earlier, wanted]) => !given.has(earlier) || wanted.includes(given.get(earlier) ?? ""),
  );
}

/** True when a screening answer limits the test to the basic items. */
export function basicOnly(bank: ItemBank, answers: readonly AnswerRecord[]): boolean {
  const given = answerMap(answers);
  return bank.screening.some((s) => s.options.some((o) => o.basicOnly && given.get(s.id) === o.id));
}

/** The value an item's answer counts for (the lowest for unknown answers). */
export function answerValue(bank: ItemBank, answer: string | undefined): number {
  return bank.scale.find((o) => o.id === answer)?.value ?? 0;
}

/** True once every basic item of the area is answered, all at the lowest. */
export function areaStopped(bank: ItemBank, answers: readonly AnswerRecord[], area: AreaCode): boolean {
  const given = answerMap(answers);
  const basics = bank.items.filter((i) => i.area === area && i.basic);
  return basics.every((i) => given.has(i.id) && answerValue(bank, given.get(i.id)) === 0);
}

/** Whether an item is (still) to be asked, given the answers so far. */
function wanted(bank: ItemBank, answers: readonly AnswerRecord[], item: BankItem): boolean {
  if (item.basic) return true;
  return !basicOnly(bank, answers) && !areaStopped(bank, answers, item.area);
}

/** The questions still to ask, in order, assuming nothing else stops early. */
function remaining(bank: ItemBank, answers: readonly AnswerRecord[]): Question[] {
  const given = answerMap(answers);
  const screening = bank.screening
    .filter((s) => !given.has(s.id) && screeningApplies(s, given))
    .map((question): Question => ({ kind: "screening", question }));
  // items wait for the screening: its answers decide which items are asked
  if (screening.length > 0) return screening;
  return bank.items
    .filter((item) => !given.has(item.id) && wanted(bank, answers, item))
    .map((item): Question => ({ kind: "item", item }));
}

export function nextQuestion(bank: ItemBank, answers: readonly AnswerRecord[]): Question | null {
  return remaining(bank, answers)[0] ?? null;
}

export function questionId(question: Question): string {
  return question.kind === "item" ? question.item.id : question.question.id;
}

/** "Domanda {position} di {total}": total shrinks when an area stops early. */
export function progressOf(bank: ItemBank, answers: readonly AnswerRecord[]): { position: number; total: number } {
  const given = answerMap(answers);
  const left = remaining(bank, answers);
  let total = answers.length + left.length;
  if (left[0]?.kind === "screening") {
    // items not yet decided by the screening: count them as if asked
    total += bank.items.filter((i) => !given.has(i.id)).length;
  }
  return { position: answers.length + 1, total };
}

/** The answer options of a question: the scale for items, its own for screening. */
export function optionsOf(bank: ItemBank, question: Question) {
  return question.kind === "item" ? bank.scale : question.question.options;
}

/**
 * Records the answer to the question now due. Returns undefined when `questionIdGiven` is not
 * the question now due (an old answer) or the option is not one of its answers.
 */
export function answerQuestion(
  bank: ItemBank,
  progress: AssessmentProgress,
  questionIdGiven: string,
  optionId: string,
): AssessmentProgress | undefined {
  const due = nextQuestion(bank, progress.answers);
  if (!due || questionId(due) !== questionIdGiven) return undefined;
  if (!optionsOf(bank, due).some((o) => o.id === optionId)) return undefined;
  return { ...progress, answers: [...progress.answers, { q: questionIdGiven, a: optionId }] };
}

/** One question back: the last answer is forgotten and that question is due again. */
export function undoAnswer(progress: AssessmentProgress): AssessmentProgress {
  return { ...progress, answers: progress.answers.slice(0, -1) };
}
