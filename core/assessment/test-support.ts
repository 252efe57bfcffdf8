import { type AnswerRecord, answerQuestion, nextQuestion, type Question, questionId, startProgress } from "./flow.js";
import type { ItemBank } from "./item-bank.js";

/** Takes a whole test, answering each question as `choose` says; returns the answers and the ids asked. */
export function takeTest(
  bank: ItemBank,
  choose: (question: Question) => string,
): { answers: AnswerRecord[]; asked: string[] } {
  let progress = startProgress(bank, new Date("2026-12-01T08:00:00Z"));
  const asked: string[] = [];
  for (let question = nextQuestion(bank, progress.answers); question; question = nextQuestion(bank, progress.answers)) {
    asked.push(questionId(question));
    const next = answerQuestion(bank, progress, questionId(question), choose(question));
    if (!next) throw new Error(`answer refused at ${questionId(question)}`);
    progress = next;
  }
  return { answers: progress.answers, asked };
}

/** Screening answered "every day", items as `item` says (by item id). */
export const everyDay =
  (item: (id: string) => string) =>
  (question: Question): string =>
    question.kind === "screening" ? "daily" : item(question.item.id);
