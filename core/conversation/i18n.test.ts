import { describe, expect, it } from "vitest";
import { LANGUAGES, langFromDevice, translator } from "./i18n.js";

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

  for (const [lang, messages] of Object.entries(LANGUAGES)) {
    it(`${lang} keeps button labels short enough for every channel`, () => {
      const labels = Object.entries(messages as Record<string, string>).filter(([key]) =>
        /^(common\.|privacy\.(accept|more|decline|read|erase|eraseYes|eraseNo)$|menu\.(find|book|appointments|help|privacy)$|topic\.|mode\.|service\.[a-z]+(\.long)?$|cancel\.reason\.|book\.(confirm|change|cancel|otherDays|otherTimes|otherDay|waitlistButton|addToCalendar|dayLine|dayLineOne)$|appointments\.(reschedule|cancel|calendar|book)$|point\.bookHere|find\.(searchAgain|shareLocation))/.test(
          key,
        ),
      );
      expect(labels.length).toBeGreaterThan(40);
      // placeholders filled with their longest plausible values ("mer 30 dic", "120")
      for (const [key, text] of labels) {
        const shown = text.replace("{day}", "mer 30 dic").replace(/\{\w+\}/g, "120");
        expect(shown.length, `${lang} ${key}`).toBeLessThanOrEqual(40);
      }
    });
  }
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
