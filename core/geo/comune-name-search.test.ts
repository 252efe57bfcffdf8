import { describe, expect, it } from "vitest";
import { searchComuni } from "./comune-index.js";
import { createNameSearch } from "./comune-name-search.js";
import { fakeComune } from "./test-fixtures.js";

const names = (matches: ReturnType<typeof searchComuni>) => matches.map((m) => m.comune.name);

describe("name search ranking (fixtures)", () => {
  const search = createNameSearch([
    fakeComune({ name: "Castro", istat: "075019", province: "LE", population: 2400 }),
    fakeComune({ name: "Castro", istat: "016065", province: "BG", population: 1400 }),
    fakeComune({ name: "Castrovillari", istat: "078033", province: "CS", population: 22000 }),
    fakeComune({ name: "Castrolibero", istat: "078034", province: "CS", population: 10000 }),
    fakeComune({ name: "Castra", istat: "999001", province: "XX", population: 900000 }),
    fakeComune({ name: "Bolzano", istat: "021008", province: "BZ", population: 102575, altNames: ["Bozen"] }),
    fakeComune({ name: "La Spezia", istat: "011015", province: "SP", population: 92659 }),
    fakeComune({ name: "Spezia Alta", istat: "999002", province: "SP", population: 10 }),
  ]);

  it("puts exact matches before prefixes, and breaks ties by population", () => {
    const matches = search("castro");
    expect(matches.map((m) => [m.comune.province, m.reason])).toEqual([
      ["LE", "exact"],
      ["BG", "exact"],
      ["CS", "prefix"],
      ["CS", "prefix"],
    ]);
    expect(names(matches)).toEqual(["Castro", "Castro", "Castrovillari", "Castrolibero"]);
  });

  it("offers near misses only when nothing matches exactly", () => {
    expect(names(search("Castro"))).not.toContain("Castra");
    const typo = search("Castrp");
    expect(typo.map((m) => [m.comune.name, m.reason, m.edits])).toEqual([
      ["Castra", "fuzzy", 1],
      ["Castro", "fuzzy", 1],
      ["Castro", "fuzzy", 1],
    ]);
  });

  it("ranks the province given in brackets, after a comma or as an option first", () => {
    expect(search("Castro (BG)")[0]?.comune.province).toBe("BG");
    expect(search("castro, bg")[0]?.comune.province).toBe("BG");
    expect(search("Castro", { province: "bg" })[0]?.comune.province).toBe("BG");
    // An unknown sigla is just part of the text, so "castrozz" is no longer spelt like any comune.
    const unknownSigla = search("Castro (ZZ)");
    expect(unknownSigla.length).toBeGreaterThan(0);
    expect(unknownSigla.every((m) => m.reason === "fuzzy")).toBe(true);
  });

  it("says which name matched", () => {
    const [match] = search("bozen");
    expect(match).toMatchObject({ reason: "exact", matchedName: "Bozen", edits: 0 });
    expect(match?.comune.name).toBe("Bolzano");
  });

  it("finds a name without its article, after a comune really called so", () => {
    expect(search("Spezia").map((m) => [m.comune.name, m.reason])).toEqual([
      ["La Spezia", "exact"],
      ["Spezia Alta", "prefix"],
    ]);
  });

  it("respects the limit", () => {
    expect(search("cas", { limit: 2 })).toHaveLength(2);
    expect(search("cas", { limit: 0 })).toHaveLength(1);
    expect(search("cas", { limit: 1000 })).toHaveLength(5);
  });
});

describe("searchComuni (real dataset)", () => {
  it.each([
    ["Torino", "Torino", "exact"],
    ["TORINO", "Torino", "exact"],
    ["Cirie", "Ciriè", "exact"],
    ["cirié", "Ciriè", "exact"],
    ["Sant Antonino di Susa", "Sant'Antonino di Susa", "exact"],
    ["Sant'Antonino di Susa", "Sant'Antonino di Susa", "exact"],
    ["santantoninodisusa", "Sant'Antonino di Susa", "exact"],
    ["santantonino", "Sant'Antonino di Susa", "prefix"],
    ["S. Mauro Torinese", "San Mauro Torinese", "exact"],
    ["S.Mauro Torinese", "San Mauro Torinese", "exact"],
    ["Bozen", "Bolzano", "exact"],
    ["Bolzano/Bozen", "Bolzano", "exact"],
    ["Brixen", "Bressanone", "exact"],
    ["Doberdob", "Doberdò del Lago", "exact"],
    ["Turin", "Torino", "exact"],
    ["Reggio Emilia", "Reggio nell'Emilia", "exact"],
    ["Reggio Calabria", "Reggio di Calabria", "exact"],
    ["L Aquila", "L'Aquila", "exact"],
    ["Aquila", "L'Aquila", "exact"],
    ["San Remo", "Sanremo", "exact"],
    ["Campione d Italia", "Campione d'Italia", "exact"],
    ["Comune di Moncalieri", "Moncalieri", "exact"],
    ["Ciriè (TO)", "Ciriè", "exact"],
    ["Moncal", "Moncalieri", "prefix"],
    ["Torinno", "Torino", "fuzzy"],
    ["Toirno", "Torino", "fuzzy"],
    ["Moncalierri", "Moncalieri", "fuzzy"],
    ["Setimo Torinese", "Settimo Torinese", "fuzzy"],
    ["Palrmo", "Palermo", "fuzzy"],
    ["Venezzia", "Venezia", "fuzzy"],
  ])("%s → %s (%s)", (query, expected, reason) => {
    const [best] = searchComuni(query);
    expect(best?.comune.name).toBe(expected);
    expect(best?.reason).toBe(reason);
  });

  it("ranks fuzzy matches by edits, then by population", () => {
    const matches = searchComuni("Toirno");
    expect(matches[0]?.comune.name).toBe("Torino");
    expect(matches.every((m) => m.reason === "fuzzy")).toBe(true);
    expect(matches.map((m) => m.edits)).toEqual([...matches.map((m) => m.edits)].sort((a, b) => a - b));
    const oneEdit = matches.filter((m) => m.edits === 1).map((m) => m.comune.population);
    expect(oneEdit).toEqual([...oneEdit].sort((a, b) => b - a));
  });

  it("returns both homonyms, the more populous first", () => {
    const matches = searchComuni("Castro").filter((m) => m.reason === "exact");
    expect(matches.map((m) => m.comune.province)).toEqual(["LE", "BG"]);
  });

  it("does not turn an exact name into a different one", () => {
    expect(names(searchComuni("Lecce"))).not.toContain("Lecco");
  });

  it.each([
    ["asdfgh"],
    ["qwertyuiop"],
    ["zzzzz"],
    ["😀🇮🇹🙏"],
    ["x".repeat(5000)],
    ["torino ".repeat(1000)],
    ["'; DROP TABLE comuni; --"],
    ["SELECT * FROM users WHERE 1=1"],
    ["<script>alert(1)</script>"],
    ["10121"],
    [""],
    ["   "],
    ["\u0000\u0001\u0002"],
    ["Москва"],
    ["t"],
  ])("finds nothing for %j", (query) => {
    expect(searchComuni(query)).toEqual([]);
  });

  it("does not throw on values that are not strings", () => {
    expect(searchComuni(undefined as unknown as string)).toEqual([]);
    expect(searchComuni(42 as unknown as string)).toEqual([]);
  });
});
