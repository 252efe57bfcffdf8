/** CAP (codice di avviamento postale) lookups. */
import type { Comune } from "./comune.js";

/** "10121", " 10121 ", "10 121" → "10121"; anything else → null. */
export function normalizeCap(input: string): string | null {
  if (typeof input !== "string" || input.length > 20) return null;
  const compact = input.replace(/\s+/g, "");
  return /^\d{5}$/.test(compact) ? compact : null;
}

/** Whether the input looks like a CAP (five digits), whether or not it exists. */
export function isWellFormedCap(input: string): boolean {
  return normalizeCap(input) !== null;
}

/**
 * CAP → comuni (most populous first). Besides the real CAPs, a city with several CAPs also answers
 * to its old generic one ("10100" Torino, "00100" Roma), which many people still write: it is the
 * city's three-digit prefix followed by "00", added only when no comune has it as a real CAP and
 * the city owns most of the CAPs with that prefix.
 */
export function buildCapTable(comuni: readonly Comune[]): ReadonlyMap<string, readonly Comune[]> {
  const table = new Map<string, Comune[]>();
  const add = (cap: string, comune: Comune) => {
    const list = table.get(cap);
    if (list === undefined) table.set(cap, [comune]);
    else if (!list.includes(comune)) list.push(comune);
  };
  for (const comune of comuni) for (const cap of comune.caps) add(cap, comune);

  const capsByPrefix = new Map<string, number>();
  for (const cap of table.keys()) capsByPrefix.set(cap.slice(0, 3), (capsByPrefix.get(cap.slice(0, 3)) ?? 0) + 1);
  const generic: Array<[string, Comune]> = [];
  for (const comune of comuni) {
    const prefixes = new Set(comune.caps.map((cap) => cap.slice(0, 3)));
    const [prefix] = prefixes;
    if (comune.caps.length < 2 || prefixes.size !== 1 || prefix === undefined) continue;
    const cap = `${prefix}00`;
    const sharedWith = (capsByPrefix.get(prefix) ?? 0) - comune.caps.length;
    if (!table.has(cap) && sharedWith < comune.caps.length) generic.push([cap, comune]);
  }
  for (const [cap, comune] of generic) add(cap, comune);

  for (const list of table.values()) list.sort((a, b) => b.population - a.population || (a.name < b.name ? -1 : 1));
  return table;
}
