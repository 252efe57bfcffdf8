import { describe, expect, it } from "vitest";
import { answerQuestion, nextQuestion, progressOf, questionId, startProgress, undoAnswer } from "./flow.js";
import { ITEM_BANK } from "./item-bank.js";

const bank = ITEM_BANK;
const start = () => startProgress(bank, new Date("2026-12-01T08:00:00Z"));

function answer(progress: ReturnType<typeof start>, option: string) {
  const due = nextQuestion(bank, progress.answers);
  if (!due) throw new Error("no question due");
  const next = answerQuestion(bank, progress, questionId(due), option);
  if (!next) throw new Error(`refused ${option} at ${questionId(due)}`);
  return next;
}

describe("the question flow", () => {
  it("counts the questions left: 18 at first, fewer when an area stops early", () => {
    let progress = start();
    expect(progressOf(bank, progress.answers)).toEqual({ position: 1, total: 18 });
    progress = answer(progress, "daily");
    progress = answer(progress, "daily");
    expect(progressOf(bank, progress.answers)).toEqual({ position: 3, total: 18 });
    progress = answer(progress, "no"); // search: area A stops, 2 items fewer
    expect(progressOf(bank, progress.answers)).toEqual({ position: 4, total: 16 });
    expect(questionId(nextQuestion(bank, progress.answers) ?? ({} as never))).toBe("messages");
  });

  it("after «Mai» to the device question, asks only the basic items", () => {
    const progress = answer(start(), "never");
    expect(progressOf(bank, progress.answers)).toEqual({ position: 2, total: 7 });
  });

  it("refuses an answer to another question than the one due, or an answer it does not have", () => {
    const progress = start();
    expect(answerQuestion(bank, progress, "search", "alone")).toBeUndefined();
    expect(answerQuestion(bank, progress, "device", "alone")).toBeUndefined();
    expect(answerQuestion(bank, progress, "device", "daily")?.answers).toEqual([{ q: "device", a: "daily" }]);
  });

  it("going back forgets the last answer and asks that question again, with its consequences undone", () => {
    let progress = answer(answer(start(), "daily"), "daily");
    progress = answer(progress, "no"); // area A stopped
    expect(questionId(nextQuestion(bank, progress.answers) ?? ({} as never))).toBe("messages");
    progress = undoAnswer(progress);
    expect(questionId(nextQuestion(bank, progress.answers) ?? ({} as never))).toBe("search");
    progress = answer(progress, "help"); // changed: area A goes on
    expect(questionId(nextQuestion(bank, progress.answers) ?? ({} as never))).toBe("fakenews");
    expect(progressOf(bank, progress.answers).total).toBe(18);
  });
});
