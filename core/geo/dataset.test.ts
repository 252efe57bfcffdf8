import { statSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SportelloError } from "../errors.js";
import { loadComuni, loadPlaces } from "./dataset.js";
import { decodeComuni, decodePlaces, encodeComuni, encodePlaces } from "./dataset-format.js";
import { fakeComune } from "./test-fixtures.js";

/** Italy's bounding box, with a little margin. */
const inItalyBox = (p: { lat: number; lon: number }) => p.lat > 35 && p.lat < 47.2 && p.lon > 6.5 && p.lon < 18.6;

describe("comuni dataset", () => {
  const comuni = loadComuni();

  it("holds every comune once, with its fields well formed", () => {
    expect(comuni.length).toBeGreaterThan(7800);
    expect(comuni.length).toBeLessThan(8200);
    expect(new Set(comuni.map((c) => c.istat)).size).toBe(comuni.length);
    const malformed = comuni.filter(
      (c) =>
        !/^\d{6}$/.test(c.istat) ||
        !/^[A-Z]{2}$/.test(c.province) ||
        c.caps.length === 0 ||
        !c.caps.every((cap) => /^\d{5}$/.test(cap)) ||
        !(c.population > 0) ||
        !inItalyBox(c),
    );
    expect(malformed.map((c) => `${c.istat} ${c.name}`)).toEqual([]);
  });

  it("places well-known comuni where they are", () => {
    const at = (name: string) => comuni.find((c) => c.name === name);
    expect(at("Torino")).toMatchObject({ istat: "001272", province: "TO" });
    expect(at("Torino")?.lat).toBeCloseTo(45.07, 1);
    expect(at("Torino")?.lon).toBeCloseTo(7.69, 1);
    expect(at("Lampedusa e Linosa")?.lat).toBeCloseTo(35.5, 1);
    expect(at("Bolzano")?.altNames).toContain("Bozen");
    expect(at("San Floriano del Collio")?.altNames).toContain("Števerjan");
  });

  it("stays small", () => {
    expect(statSync(new URL("./data/comuni.json", import.meta.url)).size).toBeLessThan(700_000);
    expect(statSync(new URL("./data/places.json", import.meta.url)).size).toBeLessThan(250_000);
  });

  it("has places that belong to known comuni", () => {
    const places = loadPlaces();
    const codes = new Set(comuni.map((c) => c.istat));
    expect(places.italian.length).toBeGreaterThan(1000);
    expect(places.italian.every((p) => codes.has(p.istat))).toBe(true);
    expect(places.foreign.every((p) => /^[A-Z]{2}$/.test(p.country) && p.country !== "IT")).toBe(true);
  });
});

describe("dataset format", () => {
  it("round-trips comuni and places", () => {
    const comuni = [
      fakeComune({
        name: "Bolzano",
        istat: "021008",
        caps: ["39100"],
        altNames: ["Bozen"],
        lat: 46.490671,
        lon: 11.339821,
      }),
      fakeComune({ name: "Ne", istat: "010040", caps: ["16040"], approximate: true }),
      fakeComune({ name: "Re", istat: "103058", caps: ["28856"] }),
    ];
    const decoded = decodeComuni(JSON.parse(JSON.stringify(encodeComuni(comuni, "test"))));
    expect(decoded).toEqual([{ ...comuni[0], lat: 46.49067, lon: 11.33982 }, comuni[1], comuni[2]]);

    const places = {
      italian: [{ lat: 45.1, lon: 7.2, istat: "001272" }],
      foreign: [{ lat: 46, lon: 8.9, country: "CH" }],
    };
    expect(decodePlaces(JSON.parse(JSON.stringify(encodePlaces(places, "test"))))).toEqual(places);
  });

  it("rejects malformed files with a SportelloError", () => {
    const good = encodeComuni([fakeComune({ name: "Re", istat: "103058", caps: ["28856"] })], "test");
    const row = good.rows[0] ?? [];
    for (const bad of [
      null,
      {},
      { ...good, format: "other/1" },
      { ...good, rows: [["Re"]] },
      { ...good, rows: [[...row.slice(0, 3), 95, 7, ["28856"], 10]] },
      { ...good, rows: [[row[0], "10305", ...row.slice(2)]] },
    ]) {
      expect(() => decodeComuni(bad)).toThrow(SportelloError);
    }
    expect(() => decodePlaces({ format: "sportello-places/1", italian: [[1, 2]], foreign: [] })).toThrow(
      SportelloError,
    );
  });
});
