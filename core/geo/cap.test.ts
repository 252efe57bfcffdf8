import { describe, expect, it } from "vitest";
import { buildCapTable, isWellFormedCap, normalizeCap } from "./cap.js";
import { findComuniByCap } from "./comune-index.js";
import { fakeComune } from "./test-fixtures.js";

describe("normalizeCap", () => {
  it("accepts five digits, with spaces around or inside", () => {
    expect(normalizeCap("10121")).toBe("10121");
    expect(normalizeCap(" 10 121 ")).toBe("10121");
    expect(normalizeCap("00100")).toBe("00100");
  });

  it("rejects anything else", () => {
    for (const input of ["1012", "101210", "1012a", "", "ten121", "10121x", "1".repeat(5000)]) {
      expect(normalizeCap(input)).toBeNull();
      expect(isWellFormedCap(input)).toBe(false);
    }
  });
});

describe("buildCapTable (fixtures)", () => {
  const city = fakeComune({ name: "Città", istat: "001001", caps: ["10121", "10122", "10123"], population: 800000 });
  const town = fakeComune({ name: "Paese", istat: "001002", caps: ["10020"], population: 3000 });
  const village = fakeComune({ name: "Borgo", istat: "001003", caps: ["10020"], population: 200 });
  const valley = fakeComune({ name: "Valle", istat: "001004", caps: ["38010", "38011"], population: 1000 });
  const neighbours = ["38012", "38013", "38014"].map((cap, i) =>
    fakeComune({ name: `Vicino ${i}`, istat: `00200${i}`, caps: [cap] }),
  );
  const table = buildCapTable([village, town, city, valley, ...neighbours]);

  it("lists every comune sharing a CAP, most populous first", () => {
    expect(table.get("10020")?.map((c) => c.name)).toEqual(["Paese", "Borgo"]);
    expect(table.get("10122")?.map((c) => c.name)).toEqual(["Città"]);
  });

  it("adds the old generic CAP of a city with several CAPs", () => {
    expect(table.get("10100")?.map((c) => c.name)).toEqual(["Città"]);
  });

  it("adds no generic CAP where the prefix belongs mostly to other comuni", () => {
    expect(table.has("38000")).toBe(false);
    expect(table.has("10000")).toBe(false);
  });
});

describe("findComuniByCap (real dataset)", () => {
  it("finds Torino by any of its CAPs, and by its old generic one", () => {
    expect(findComuniByCap("10121").map((c) => c.name)).toEqual(["Torino"]);
    expect(findComuniByCap("10156").map((c) => c.name)).toEqual(["Torino"]);
    expect(findComuniByCap("10100").map((c) => c.name)).toEqual(["Torino"]);
    expect(findComuniByCap("00100").map((c) => c.name)).toEqual(["Roma"]);
  });

  it("returns all the comuni of a shared CAP, most populous first", () => {
    const comuni = findComuniByCap("65020");
    expect(comuni.length).toBeGreaterThan(5);
    expect(comuni.map((c) => c.name)).toContain("Alanno");
    expect(comuni.every((c) => c.caps.includes("65020"))).toBe(true);
    const populations = comuni.map((c) => c.population);
    expect(populations).toEqual([...populations].sort((a, b) => b - a));
  });

  it("returns nothing for a well-formed CAP that does not exist", () => {
    expect(isWellFormedCap("99999")).toBe(true);
    expect(findComuniByCap("99999")).toEqual([]);
    expect(findComuniByCap("10199")).toEqual([]);
  });

  it("returns nothing for malformed input", () => {
    expect(findComuniByCap("1012")).toEqual([]);
    expect(findComuniByCap("Torino")).toEqual([]);
  });
});
