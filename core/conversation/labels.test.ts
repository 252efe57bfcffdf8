import { describe, expect, it } from "vitest";
import { distinctLabels, LABEL_MAX, shortLabel, shortPointName } from "./labels.js";

describe("short labels", () => {
  it("shortens point names to fit a button, keeping what tells them apart", () => {
    const names: Array<[string, string]> = [
      ["Biblioteca civica Italo Calvino", "Bibl. Italo Calvino"],
      ["Biblioteca civica Cascina Marchesa", "Cascina Marchesa"],
      ["Biblioteca civica Villa Amoretti", "Bibl. Villa Amoretti"],
      ["Centro d'incontro anziani San Salvario", "San Salvario"],
      ["Punto digitale Borgo Navile", "Punto Borgo Navile"],
      ["Bibliobus digitale", "Bibliobus digitale"],
    ];
    for (const [name, short] of names) expect(shortPointName(name), name).toBe(short);
    const long = shortPointName("Associazione Culturale Amici della Biblioteca di Pinerolo");
    expect([...long].length).toBeLessThanOrEqual(LABEL_MAX);
    expect(long.endsWith("…")).toBe(true);
  });

  it("cuts at a word end and keeps labels different", () => {
    expect(shortLabel("Cerca in un altro posto del mondo")).toBe("Cerca in un altro…");
    expect(shortLabel("Breve")).toBe("Breve");
    expect(distinctLabels(["Bibl. Centrale", "Bibl. Centrale", "Altro"])).toEqual([
      "Bibl. Centrale",
      "Bibl. Centrale 2",
      "Altro",
    ]);
  });
});
