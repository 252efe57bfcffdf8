import { describe, expect, it } from "vitest";
import { CODED_FIELDS } from "../../monitoring/answer-options.js";
import { PROFILE_QUESTIONS } from "../../monitoring/profile.js";
import { LANGUAGES, type MessageKey, translator } from "../i18n.js";
import { LABEL_MAX } from "../labels.js";
import { offeredCodes, PROFILE_CHOICE_FIELDS, profileQuestion, readChoice, readTyped } from "./profile-questions.js";

const it_ = translator("it");
const options = { minorsEnabled: false };

describe("the monitoring profile's questions in the chat", () => {
  it("show every platform option with a label of at most 20 characters, in both languages, as answer-options.ts has it", () => {
    expect(LABEL_MAX).toBeLessThanOrEqual(20);
    for (const field of PROFILE_CHOICE_FIELDS) {
      for (const lang of ["it", "en"] as const) {
        const messages: Record<string, string> = LANGUAGES[lang];
        const labels = new Set<string>();
        for (const option of CODED_FIELDS[field].options) {
          const label = messages[`monitoring.${field}.${option.code}`];
          expect(label, `${lang} ${field} ${option.code}`).toBe(option.label[lang]);
          expect([...(label ?? "")].length, `${lang} ${field} ${option.code}`).toBeLessThanOrEqual(20);
          labels.add(label ?? "");
        }
        expect(labels.size, `${lang} ${field}`).toBe(CODED_FIELDS[field].options.length);
      }
    }
  });

  it("have a question text for each question and short labels for the other choices they show", () => {
    for (const lang of ["it", "en"] as const) {
      const messages: Record<string, string> = LANGUAGES[lang];
      for (const q of PROFILE_QUESTIONS) expect(messages[`monitoring.q.${q}`], `${lang} ${q}`).toBeTruthy();
      for (const key of [
        "monitoring.menu",
        "monitoring.start",
        "monitoring.later",
        "monitoring.skip",
        "monitoring.noFiscalCode",
        "monitoring.fac.complete",
        "monitoring.fac.skip",
      ] satisfies MessageKey[]) {
        expect([...(messages[key] ?? "")].length, `${lang} ${key}`).toBeLessThanOrEqual(20);
      }
    }
    for (const q of PROFILE_QUESTIONS) {
      for (const c of profileQuestion(it_, q, { minorsEnabled: true }).choices) {
        expect([...c.label].length, `${q} ${c.label}`).toBeLessThanOrEqual(20);
      }
    }
  });

  it("offer AN8's band E only where minors are enabled", () => {
    expect(offeredCodes("AN8", { minorsEnabled: false })).toEqual(["A", "B", "C", "D"]);
    expect(offeredCodes("AN8", { minorsEnabled: true })).toEqual(["A", "B", "C", "D", "E"]);
    expect(readChoice("AN8", "o:E", options, it_)).toMatchObject({ kind: "problem" });
  });

  it("read several typed numbers as the choices on screen, and refuse what is not one", () => {
    const onScreen = profileQuestion(it_, "ES1", options).choices.slice(0, 9);
    const read = (typed: string, question: "ES1" | "AN7" = "ES1") =>
      readTyped(question, typed, { onScreen, options, t: it_ });
    expect(read("1 3")).toEqual({ kind: "answer", answer: { question: "ES1", codes: ["A", "C"] } });
    expect(read("2, 9 e 4")).toEqual({ kind: "answer", answer: { question: "ES1", codes: ["B", "I", "D"] } });
    expect(read("1 10")).toEqual({
      kind: "problem",
      say: "Scrivi un numero da 1 a 9, oppure tocca un pulsante.",
      miss: true,
    });
    expect(read("uno e tre")).toMatchObject({ kind: "problem", miss: true });
    expect(read("1 2", "AN7")).toEqual({ kind: "problem", say: it_("monitoring.problem.multiOne"), miss: false });
    expect(readChoice("PR1", "o:NO", options, it_)).toEqual({
      kind: "answer",
      answer: { question: "PR1", firstTime: false },
    });
    expect(readChoice("fiscal_code", "no_cf", options, it_)).toEqual({ kind: "no_fiscal_code" });
    expect(readChoice("document_type", "o:C", options, it_)).toEqual({ kind: "document_type", type: "C" });
  });
});
