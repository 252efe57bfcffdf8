import { describe, expect, it } from "vitest";
import { fold, globalCommand, typedNumber } from "./text-input.js";

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
    expect(globalCommand("vorrei il menu")).toBeUndefined();
  });
});
