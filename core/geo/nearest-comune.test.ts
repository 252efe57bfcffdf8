import { describe, expect, it } from "vitest";
import { SportelloError } from "../errors.js";
import { createComuneLocator, ITALY_MAX_DISTANCE_KM, nearestComune } from "./nearest-comune.js";
import { fakeComune } from "./test-fixtures.js";

describe("nearestComune (real dataset)", () => {
  it.each([
    ["Torino, Piazza Castello", 45.0712, 7.6853, "Torino"],
    ["Campione d'Italia (enclave in Switzerland)", 45.9686, 8.9714, "Campione d'Italia"],
    ["Livigno", 46.5386, 10.1357, "Livigno"],
    ["Lampedusa", 35.5078, 12.6056, "Lampedusa e Linosa"],
    ["Linosa, 42 km from Lampedusa", 35.8667, 12.8667, "Lampedusa e Linosa"],
    ["Mestre (a district of Venezia)", 45.4906, 12.2433, "Venezia"],
    ["the sea 4 km off Rimini", 44.08, 12.62, "Rimini"],
    ["the sea 3 km off Genova", 44.38, 8.93, "Genova"],
    ["Gorizia, by the Slovenian border", 45.9409, 13.6217, "Gorizia"],
    ["Como, by the Swiss border", 45.8081, 9.0852, "Como"],
    ["Ventimiglia, by the French border", 43.7903, 7.6086, "Ventimiglia"],
  ])("%s is in Italy, in %s", (_, lat, lon, expected) => {
    const location = nearestComune(lat, lon);
    expect(location.comune.name).toBe(expected);
    expect(location.inItaly).toBe(true);
    expect(location.country).toBeUndefined();
  });

  it.each([
    ["the Gennargentu", 40.02, 9.32],
    ["the Sila", 39.3, 16.55],
    ["the Ortles", 46.51, 10.54],
    ["the Maremma", 42.6, 11.15],
    ["the sea 20 km off the Venetian coast", 45.3, 12.7],
  ])("remote %s is in Italy", (_, lat, lon) => {
    expect(nearestComune(lat, lon).inItaly).toBe(true);
  });

  it.each([
    ["Lugano", 46.0037, 8.9511, "CH"],
    ["Chiasso", 45.8325, 9.0311, "CH"],
    ["Nice", 43.7102, 7.262, "FR"],
    ["Menton", 43.7747, 7.4975, "FR"],
    ["Monaco", 43.7384, 7.4246, "MC"],
    ["Bonifacio, Corsica", 41.3875, 9.1593, "FR"],
    ["Nova Gorica", 45.9558, 13.6483, "SI"],
    ["Koper", 45.5481, 13.7302, "SI"],
    ["San Marino", 43.9356, 12.4473, "SM"],
  ])("%s is outside Italy (%s)", (_, lat, lon, country) => {
    const location = nearestComune(lat, lon);
    expect(location.inItaly).toBe(false);
    expect(location.country).toBe(country);
  });

  it.each([
    ["Ljubljana", 46.0569, 14.5058],
    ["open sea, 40°N 12°E", 40.0, 12.0],
    ["Malta", 35.8989, 14.5146],
    ["Paris", 48.8566, 2.3522],
    ["Buenos Aires", -34.6037, -58.3816],
  ])("%s is outside Italy, far from it", (_, lat, lon) => {
    const location = nearestComune(lat, lon);
    expect(location.inItaly).toBe(false);
    expect(location.distanceKm).toBeGreaterThan(ITALY_MAX_DISTANCE_KM);
  });

  it("still names the nearest comune outside Italy, with its distance", () => {
    const lugano = nearestComune(46.0037, 8.9511);
    expect(lugano.comune.name).toBe("Campione d'Italia");
    expect(lugano.distanceKm).toBeGreaterThan(3);
    expect(lugano.distanceKm).toBeLessThan(6);
  });

  it("measures the distance to the comune's reference point", () => {
    const location = nearestComune(45.0712, 7.6853);
    expect(location.distanceKm).toBeLessThan(2);
  });

  it("rejects invalid coordinates with a validation error", () => {
    expect(() => nearestComune(Number.NaN, 7)).toThrow(SportelloError);
    expect(() => nearestComune(45, 200)).toThrow(SportelloError);
  });
});

describe("createComuneLocator (fixtures)", () => {
  const alfa = fakeComune({ name: "Alfa", istat: "000001", lat: 45, lon: 7 });
  const beta = fakeComune({ name: "Beta", istat: "000002", lat: 45, lon: 7.2 });
  const locator = createComuneLocator([alfa, beta], {
    // A frazione of Alfa east of Beta's seat, and a foreign town further north.
    italian: [{ lat: 45, lon: 7.25, istat: "000001" }],
    foreign: [{ lat: 45.3, lon: 7.1, country: "CH" }],
  });

  it("gives a location to the comune of the nearest Italian place, seat or frazione", () => {
    expect(locator.locate(45, 7.05).comune.name).toBe("Alfa");
    expect(locator.locate(45, 7.18).comune.name).toBe("Beta");
    const nearFrazione = locator.locate(45, 7.26);
    expect(nearFrazione.comune.name).toBe("Alfa");
    expect(nearFrazione.inItaly).toBe(true);
    expect(nearFrazione.distanceKm).toBeGreaterThan(15);
  });

  it("is outside Italy where a foreign town is nearer than any Italian place", () => {
    const location = locator.locate(45.25, 7.1);
    expect(location).toMatchObject({ inItaly: false, country: "CH" });
  });

  it("is outside Italy beyond the maximum distance from any Italian place", () => {
    const location = locator.locate(44.5, 7);
    expect(location.inItaly).toBe(false);
    expect(location.country).toBeUndefined();
    expect(location.comune.name).toBe("Alfa");
  });
});
