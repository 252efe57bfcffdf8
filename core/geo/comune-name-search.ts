/**
 * Finds comuni by name, forgiving what people type on a phone: case, accents, apostrophes,
 * hyphens and spaces ("Cirie", "santantonino"), "S." for San/Santa/Santo, the other official
 * language ("Bozen"), a missing article ("Spezia") and small typos ("Torinno"). Exact matches come
 * first, then names that start with what was typed, then near misses (only when nothing matched
 * exactly); ties go to the larger population.
 */
import type { Comune } from "./comune.js";
import { boundedEditDistance } from "./edit-distance.js";
import { foldText, keysOfWords, nameKeys, nameWords, withoutArticle } from "./name-keys.js";

export type MatchReason = "exact" | "prefix" | "fuzzy";

export interface ComuneMatch {
  comune: Comune;
  reason: MatchReason;
  /** The name that matched: the official one or an alternative such as "Bozen". */
  matchedName: string;
  /** Letters changed, added, removed or swapped between the input and the name (0 unless fuzzy). */
  edits: number;
}

export interface NameSearchOptions {
  /** How many matches at most (default 5, at most 50). */
  limit?: number;
  /** A province sigla ("TO") whose comuni rank first among equally good matches. */
  province?: string;
}

export type NameSearch = (query: string, options?: NameSearchOptions) => ComuneMatch[];

/** No comune name is anywhere near this long; longer input is not a name. */
const MAX_QUERY_CHARS = 200;
const DEFAULT_LIMIT = 5;
const MAX_LIMIT = 50;
/** Prefix matches need this many letters ("To" already means something; "T" does not). */
const MIN_PREFIX_LETTERS = 2;

/** How many edits a typed name of this many letters may have and still be recognised. */
export function allowedEdits(letters: number): number {
  if (letters < 4) return 0;
  if (letters <= 7) return 1;
  if (letters <= 12) return 2;
  return 3;
}

interface Entry {
  comune: Comune;
  name: string;
  plain: string;
  canonical: string;
  /** The name without its article ("Spezia" for "La Spezia"): ranks after the full name. */
  short: boolean;
}

interface Candidate {
  entry: Entry;
  reason: MatchReason;
  /** Within a reason: 0 literal key, 1 only the "S." reading, 2 only the name without article; edits for fuzzy. */
  sub: number;
  inProvince: boolean;
}

const REASON_ORDER: Record<MatchReason, number> = { exact: 0, prefix: 1, fuzzy: 2 };

export function createNameSearch(comuni: readonly Comune[]): NameSearch {
  const entries: Entry[] = [];
  for (const comune of comuni) {
    for (const name of [comune.name, ...comune.altNames]) {
      const words = nameWords(name);
      const keys = keysOfWords(words);
      if (keys.plain.length === 0) continue;
      entries.push({ comune, name, plain: keys.plain, canonical: keys.canonical, short: false });
      const shortWords = withoutArticle(words);
      if (shortWords !== undefined) {
        const short = keysOfWords(shortWords);
        entries.push({ comune, name, plain: short.plain, canonical: short.canonical, short: true });
      }
    }
  }
  const byPlain = [...entries].sort((a, b) => compareStrings(a.plain, b.plain));
  const byCanonical = [...entries].sort((a, b) => compareStrings(a.canonical, b.canonical));
  const provinces = new Set(comuni.map((c) => c.province));
  const maxKeyLength = entries.reduce((max, e) => Math.max(max, e.plain.length), 0);

  const searchPart = (text: string, province: string | undefined, limit: number): Candidate[] => {
    const query = nameKeys(text);
    if (query.plain.length === 0 || query.plain.length > maxKeyLength + allowedEdits(query.plain.length)) return [];
    const found = new Map<Comune, Candidate>();
    const offer = (entry: Entry, reason: MatchReason, sub: number) => {
      const candidate = {
        entry,
        reason,
        sub: reason === "fuzzy" || !entry.short ? sub : 2,
        inProvince: entry.comune.province === province,
      };
      const current = found.get(entry.comune);
      if (current === undefined || compareCandidates(candidate, current) < 0) found.set(entry.comune, candidate);
    };

    const scan = (sorted: Entry[], key: (e: Entry) => string, typed: string, sub: number) => {
      const allowPrefix = typed.length >= MIN_PREFIX_LETTERS;
      for (let i = lowerBound(sorted, key, typed); i < sorted.length; i++) {
        const entry = sorted[i];
        if (entry === undefined || !key(entry).startsWith(typed)) break;
        if (key(entry) === typed) offer(entry, "exact", sub);
        else if (allowPrefix) offer(entry, "prefix", sub);
        else break;
      }
    };
    scan(byPlain, (e) => e.plain, query.plain, 0);
    if (query.hasSaint) scan(byCanonical, (e) => e.canonical, query.canonical, 1);

    // Near misses only when nothing is spelt exactly so: "Lecce" must not suggest "Lecco".
    const maxEdits = allowedEdits(query.plain.length);
    const exact = [...found.values()].some((c) => c.reason === "exact");
    if (!exact && found.size < limit && maxEdits > 0) {
      for (const entry of entries) {
        let edits = boundedEditDistance(query.plain, entry.plain, maxEdits);
        if (query.hasSaint && entry.canonical !== entry.plain) {
          edits = Math.min(edits, boundedEditDistance(query.canonical, entry.canonical, maxEdits));
        }
        if (edits <= maxEdits && edits > 0) offer(entry, "fuzzy", edits);
      }
    }
    return [...found.values()];
  };

  return (query, options = {}) => {
    if (typeof query !== "string" || query.length === 0 || query.length > MAX_QUERY_CHARS) return [];
    const requested = Number.isFinite(options.limit) ? Math.trunc(options.limit ?? DEFAULT_LIMIT) : DEFAULT_LIMIT;
    const limit = Math.min(Math.max(requested, 1), MAX_LIMIT);
    const { text, province: typedProvince } = splitProvince(foldText(query), provinces);
    const province = options.province?.toUpperCase() ?? typedProvince;

    const best = new Map<Comune, Candidate>();
    // "Bolzano/Bozen": each side of a slash is a name of its own.
    for (const part of text.split("/")) {
      for (const candidate of searchPart(part, province, limit)) {
        const current = best.get(candidate.entry.comune);
        if (current === undefined || compareCandidates(candidate, current) < 0)
          best.set(candidate.entry.comune, candidate);
      }
    }
    return [...best.values()]
      .sort(compareCandidates)
      .slice(0, limit)
      .map((c) => ({
        comune: c.entry.comune,
        reason: c.reason,
        matchedName: c.entry.name,
        edits: c.reason === "fuzzy" ? c.sub : 0,
      }));
  };
}

/** "Ciriè (TO)" or "Ciriè, TO" → the name and the province, when the sigla exists; "Comune di X" → "X". */
function splitProvince(folded: string, provinces: ReadonlySet<string>): { text: string; province?: string } {
  const text = folded.replace(/^\s*comune\s+(di\s+)?/, "");
  const match = /^(.*?)[\s,]*(?:\(\s*([a-z]{2})\s*\)|,\s*([a-z]{2}))\s*$/.exec(text);
  const sigla = (match?.[2] ?? match?.[3])?.toUpperCase();
  if (match && sigla !== undefined && provinces.has(sigla) && /[a-z]/.test(match[1] ?? "")) {
    return { text: match[1] ?? "", province: sigla };
  }
  return { text };
}

function compareCandidates(a: Candidate, b: Candidate): number {
  return (
    REASON_ORDER[a.reason] - REASON_ORDER[b.reason] ||
    Number(b.inProvince) - Number(a.inProvince) ||
    a.sub - b.sub ||
    b.entry.comune.population - a.entry.comune.population ||
    compareStrings(a.entry.comune.name, b.entry.comune.name) ||
    compareStrings(a.entry.comune.istat, b.entry.comune.istat)
  );
}

function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/** The first position whose key is >= `value`. */
function lowerBound(sorted: readonly Entry[], key: (e: Entry) => string, value: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    const entry = sorted[mid];
    if (entry !== undefined && key(entry) < value) low = mid + 1;
    else high = mid;
  }
  return low;
}
