import { describe, expect, it } from "vitest";
import { articleNumber, fold, globalCommand, matchChoice, smallTalk, typedNumber, YES } from "./text-input.js";

describe("text input", () => {
  it("folds accents, case and punctuation", () => {
    expect(fold("  Ciriè!! ")).toBe("cirie");
    expect(fold("Sant'Antonino di SUSA")).toBe("sant antonino di susa");
    expect(fold("😀😀")).toBe("");
  });

  it("reads typed choice numbers", () => {
    for (const [text, n] of [
      ["1", 1],
      [" 2. ", 2],
      ["3)", 3],
      ["n. 4", 4],
      ["#5", 5],
      ["10", 10],
      ["numero 6", 6],
    ] as const) {
      expect(typedNumber(text)).toBe(n);
    }
    for (const text of ["uno", "1 2", "123", "", "1a"]) expect(typedNumber(text)).toBeUndefined();
  });

  it("knows the global words in Italian and English, as commands too", () => {
    expect(globalCommand("Menu")).toBe("menu");
    expect(globalCommand("/menu")).toBe("menu");
    expect(globalCommand("AIUTO!")).toBe("help");
    expect(globalCommand("/help@SportelloBot")).toBe("help");
    expect(globalCommand("indietro")).toBe("back");
    expect(globalCommand("Annulla")).toBe("cancel");
    expect(globalCommand("language")).toBe("language");
    expect(globalCommand("/start")).toBe("restart");
    expect(globalCommand("Statistiche")).toBe("profile");
    expect(globalCommand("/statistics")).toBe("profile");
    expect(globalCommand("vorrei il menu")).toBeUndefined();
  });

  it("understands asking for a person, and asking what it costs", () => {
    for (const text of [
      "voglio parlare con una persona",
      "operatore",
      "Un operatore per favore",
      "c'è qualcuno?",
      "posso parlare con qualcuno",
      "talk to a person",
      "human",
    ]) {
      expect(globalCommand(text), text).toBe("person");
    }
    for (const text of [
      "quanto costa?",
      "è gratis?",
      "Costa qualcosa?",
      "si paga?",
      "devo pagare?",
      "how much is it",
      "is it free?",
    ]) {
      expect(globalCommand(text), text).toBe("cost");
    }
    // booking in person, the facilitator service and paying online are not such questions
    for (const text of ["di persona", "in person", "facilitatore", "pagare online", "pagoPA"]) {
      expect(globalCommand(text), text).toBeUndefined();
    }
    // what someone needs help with is not a request to talk to someone
    for (const text of [
      "devo parlare con il medico",
      "aiuto per una persona anziana",
      "qualcuno mi ha truffato online",
    ]) {
      expect(globalCommand(text), text).toBeUndefined();
    }
    // a long note about one's need is not a request to the bot
    expect(
      globalCommand("devo parlare con il medico per il referto delle analisi del sangue di mia madre"),
    ).toBeUndefined();
  });

  it("knows yes, no, thanks and shrugs, emoji too", () => {
    expect(smallTalk("sì")).toBe("yes");
    expect(smallTalk("OK!")).toBe("yes");
    expect(smallTalk("👍")).toBe("yes");
    expect(smallTalk("no")).toBe("no");
    expect(smallTalk("grazie mille")).toBe("thanks");
    expect(smallTalk("boh")).toBe("unclear");
    expect(smallTalk("🤷")).toBe("unclear");
    expect(smallTalk("Torino")).toBeUndefined();
  });

  it("reads 'il 3' as a choice number only where asked", () => {
    expect(articleNumber("il 3")).toBe(3);
    expect(articleNumber("la numero 2")).toBe(2);
    expect(articleNumber("the 1st one")).toBe(1);
    expect(articleNumber("3")).toBeUndefined();
    expect(articleNumber("il 3 dicembre")).toBeUndefined();
  });

  it("matches typed text to a choice: number, label, keyword, words, 👍", () => {
    const choices = [
      { id: "find", label: "Find a point near me" },
      { id: "appointments", label: "My appointments" },
      { id: "confirm", label: "Confirm", keywords: YES },
    ];
    expect(matchChoice(choices, "2")).toEqual({ id: "appointments" });
    expect(matchChoice(choices, "9")).toEqual({ outOfRange: 3 });
    expect(matchChoice(choices, "appointments")).toEqual({ id: "appointments" });
    expect(matchChoice(choices, "my appointments")).toEqual({ id: "appointments" });
    expect(matchChoice(choices, "👍")).toEqual({ id: "confirm" });
    expect(matchChoice(choices, "point")).toEqual({ id: "find" });
    expect(matchChoice(choices, "il 2")).toBeUndefined();
    expect(matchChoice(choices, "il 2", { loose: true })).toEqual({ id: "appointments" });
    expect(matchChoice(choices, "banana")).toBeUndefined();
  });
});
