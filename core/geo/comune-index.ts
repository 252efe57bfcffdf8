/**
 * Every way to find a comune: by name, by CAP, by ISTAT code. `comuneIndex()` builds the index
 * from the bundled dataset once, on first use; `createComuneIndex` builds one from any list.
 */
import { buildCapTable, normalizeCap } from "./cap.js";
import type { Comune } from "./comune.js";
import { type ComuneMatch, createNameSearch, type NameSearchOptions } from "./comune-name-search.js";
import { loadComuni } from "./dataset.js";

export interface ComuneIndex {
  readonly comuni: readonly Comune[];
  /** Best matches for a typed name; never throws, [] for anything that is not a comune. */
  searchByName(query: string, options?: NameSearchOptions): ComuneMatch[];
  /** Comuni with this CAP, most populous first; [] for malformed or unknown CAPs. */
  findByCap(cap: string): readonly Comune[];
  byIstat(istat: string): Comune | undefined;
}

export function createComuneIndex(comuni: readonly Comune[]): ComuneIndex {
  const search = createNameSearch(comuni);
  const caps = buildCapTable(comuni);
  const istat = new Map(comuni.map((c) => [c.istat, c]));
  return {
    comuni,
    searchByName: search,
    findByCap(cap) {
      const normalized = normalizeCap(cap);
      return normalized === null ? [] : (caps.get(normalized) ?? []);
    },
    byIstat: (code) => istat.get(code),
  };
}

let shared: ComuneIndex | undefined;

/** The index over all Italian comuni, built on first use. */
export function comuneIndex(): ComuneIndex {
  shared ??= createComuneIndex(loadComuni());
  return shared;
}

export function searchComuni(query: string, options?: NameSearchOptions): ComuneMatch[] {
  return comuneIndex().searchByName(query, options);
}

export function findComuniByCap(cap: string): readonly Comune[] {
  return comuneIndex().findByCap(cap);
}

export function comuneByIstat(istat: string): Comune | undefined {
  return comuneIndex().byIstat(istat);
}
