import { describe, expect, it } from "vitest";
import { foldText, nameKeys, nameWords, withoutArticle } from "./name-keys.js";

describe("foldText", () => {
  it("drops case and accents, and spells out letters NFKD keeps", () => {
    expect(foldText("Ciriè")).toBe("cirie");
    expect(foldText("FORLÌ")).toBe("forli");
    expect(foldText("Villnöß")).toBe("villnoss");
    expect(foldText("Števerjan")).toBe("steverjan");
  });
});

describe("nameWords", () => {
  it("splits on anything that is not a letter and drops digits", () => {
    expect(nameWords("Sant'Antonino di Susa")).toEqual(["sant", "antonino", "di", "susa"]);
    expect(nameWords("Sant’Antonino-di  Susa 10059")).toEqual(["sant", "antonino", "di", "susa"]);
  });

  it("expands dotted abbreviations", () => {
    expect(nameWords("M.te San Pietro")).toEqual(["monte", "san", "pietro"]);
    expect(nameWords("P.to Torres")).toEqual(["porto", "torres"]);
    expect(nameWords("Mte Compatri")).toEqual(["monte", "compatri"]);
  });
});

describe("nameKeys", () => {
  it("ignores spaces, apostrophes and hyphens", () => {
    expect(nameKeys("Sant'Antonino di Susa").plain).toBe("santantoninodisusa");
    expect(nameKeys("sant antonino di-susa").plain).toBe("santantoninodisusa");
  });

  it("reads S., St., Santa, Santo and Sankt alike in the canonical key", () => {
    const canonical = nameKeys("San Mauro Torinese").canonical;
    expect(nameKeys("S. Mauro Torinese").canonical).toBe(canonical);
    expect(nameKeys("S.Mauro Torinese").canonical).toBe(canonical);
    expect(nameKeys("Santa Maria").canonical).toBe(nameKeys("S. Maria").canonical);
    expect(nameKeys("St. Ulrich").canonical).toBe(nameKeys("Sankt Ulrich").canonical);
    expect(nameKeys("S. Mauro").hasSaint).toBe(true);
    expect(nameKeys("Santhià").hasSaint).toBe(false);
  });

  it("gives empty keys for text without letters", () => {
    expect(nameKeys("😀 12345 !!!")).toEqual({ plain: "", canonical: "", hasSaint: false });
  });
});

describe("withoutArticle", () => {
  it("drops a leading article only when something is left", () => {
    expect(withoutArticle(nameWords("L'Aquila"))).toEqual(["aquila"]);
    expect(withoutArticle(nameWords("La Spezia"))).toEqual(["spezia"]);
    expect(withoutArticle(nameWords("Lecce"))).toBeUndefined();
    expect(withoutArticle(["la"])).toBeUndefined();
  });
});
