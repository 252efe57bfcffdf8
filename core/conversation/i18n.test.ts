import { describe, expect, it } from "vitest";
import { filled, gulpease, wordCount } from "../../test/support/readability.js";
import { LANGUAGES, langFromDevice, translator } from "./i18n.js";
import { LABEL_MAX } from "./labels.js";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("message files", () => {
  const reference = LANGUAGES.it as Record<string, string>;

  // error.* keys exist only in other languages: Italian error texts come with the errors (core).
  const withoutErrors = (table: Record<string, string>) => Object.keys(table).filter((k) => !k.startsWith("error."));

  for (const [lang, messages] of Object.entries(LANGUAGES)) {
    it(`${lang} has exactly the Italian keys, with the same placeholders, none empty`, () => {
      const table = messages as Record<string, string>;
      expect(withoutErrors(table).sort()).toEqual(Object.keys(reference).sort());
      for (const [key, text] of Object.entries(table)) {
        expect(text.trim(), key).not.toBe("");
        if (!key.startsWith("error.")) expect(placeholders(text), key).toEqual(placeholders(reference[key] ?? ""));
      }
    });
  }

  // Every label of a choice, as it can be shown: at most LABEL_MAX (20) characters, the limit of
  // WhatsApp buttons and what fits a small phone screen two to a row; a longer one has a
  // ".short" form within it (the channel's profile picks it).
  const LABEL_KEYS =
    /^(common\.|privacy\.(accept|more|decline|read|erase|eraseYes|eraseNo|restart)$|menu\.(find|book|appointments|help|privacy)$|topic\.(?!which$)|mode\.|service\.[a-z]+$|cancel\.reason\.|book\.(confirm|change|changePhone|cancel|otherDays|earlierDays|otherTimes|earlierTimes|otherDay|waitlistButton|addToCalendar|dayLine|dayLineOne)$|appointments\.(reschedule|cancel|calendar|book)$|point\.bookHere|find\.(searchAgain|previous)$|reschedule\.keep$)/;
  for (const [lang, messages] of Object.entries(LANGUAGES)) {
    it(`${lang} keeps button labels within ${LABEL_MAX} characters, or has a short form`, () => {
      const table = messages as Record<string, string>;
      const labels = Object.entries(table).filter(([key]) => LABEL_KEYS.test(key));
      expect(labels.length).toBeGreaterThan(50);
      // placeholders filled with their longest values: "mer 30 dic"; counts are shown only up to 2
      const shown = (text: string) => text.replace("{day}", "mer 30 dic").replace(/\{\w+\}/g, "2");
      for (const [key, text] of labels) {
        const short = table[`${key}.short`];
        expect([...shown(short ?? text)].length, `${lang} ${key}`).toBeLessThanOrEqual(LABEL_MAX);
      }
    });
  }

  // Short, plain Italian (the aim): every message, its placeholders filled with long real
  // values, has at most 40 words; every message with 6 or more words of its own (placeholders
  // left out) has a Gulpease index of 80 or more, easy for readers with primary schooling.
  const MAX_WORDS = 40;
  const MIN_GULPEASE = 80;
  it(`every Italian message has at most ${MAX_WORDS} words and reads at Gulpease ${MIN_GULPEASE} or more`, () => {
    const table = LANGUAGES.it as Record<string, string>;
    const counted = Object.entries(table).map(([key, text]) => ({ key, words: wordCount(filled(text)) }));
    expect(counted.length).toBeGreaterThan(150);
    for (const { key, words } of counted) expect(words, key).toBeLessThanOrEqual(MAX_WORDS);
    for (const [key, text] of Object.entries(table)) {
      const own = text.replace(/\{\w+\}/g, "");
      if (wordCount(own) < 6) continue;
      expect(Math.round(gulpease(own)), `${key}: ${text}`).toBeGreaterThanOrEqual(MIN_GULPEASE);
    }
  });

  it("asks one question per message", () => {
    for (const [lang, messages] of Object.entries(LANGUAGES)) {
      for (const [key, text] of Object.entries(messages as Record<string, string>)) {
        const questions = text.match(/\?/g) ?? [];
        expect(questions.length, `${lang} ${key}: ${text}`).toBeLessThanOrEqual(1);
      }
    }
  });
});

describe("translator", () => {
  it("fills placeholders and leaves unknown ones visible", () => {
    const t = translator("it");
    expect(t("find.capUnknown", { cap: "99999" })).toBe(
      "Non trovo il CAP 99999. Controlla le cifre, oppure scrivi il nome del comune.",
    );
    expect(t("find.capUnknown")).toContain("{cap}");
    expect(translator("en")("common.menu")).toBe("Menu");
  });

  it("maps device languages, Italian by default", () => {
    expect(langFromDevice("en-GB")).toBe("en");
    expect(langFromDevice("it")).toBe("it");
    expect(langFromDevice("uk")).toBe("it");
    expect(langFromDevice(undefined)).toBe("it");
  });
});

describe("error texts", () => {
  it("translate every booking refusal into English, and keep the Italian of the error", async () => {
    const { bookingErrors } = await import("../booking/booking-errors.js");
    const { errorText } = await import("./error-text.js");
    const english = LANGUAGES.en as Record<string, string>;
    for (const [name, make] of Object.entries(bookingErrors)) {
      const error = (make as (...args: unknown[]) => { code: string; userMessage: string })(3, 4);
      expect(english[`error.${error.code}`], name).toBeDefined();
      expect(errorText(error, "it")).toBe(error.userMessage);
      expect(errorText(error, "en")).not.toMatch(/\{\w+\}/);
    }
    expect(errorText(new Error("boom"), "en")).toBe(english["hint.error"]);
  });
});
