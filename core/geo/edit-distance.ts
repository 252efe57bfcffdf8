import { distance as levenshtein } from "fastest-levenshtein";

/**
 * Edit distance counting a swap of two adjacent letters as one edit ("Toirno" → "Torino" is 1),
 * i.e. optimal string alignment. Returns `max + 1` as soon as the distance is known to exceed `max`.
 */
export function boundedEditDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  // Each swap costs 2 in plain Levenshtein, so OSA >= Levenshtein / 2: a cheap, exact filter.
  const lev = levenshtein(a, b);
  if (lev <= 1 || lev > 2 * max) return Math.min(lev, max + 1);
  return Math.min(osaDistance(a, b, max), lev, max + 1);
}

function osaDistance(a: string, b: string, max: number): number {
  const n = b.length;
  let before = new Array<number>(n + 1).fill(0);
  let previous = Array.from({ length: n + 1 }, (_, j) => j);
  let current = new Array<number>(n + 1).fill(0);
  let previousRowMin = 0;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, (before[j - 2] ?? 0) + 1);
      }
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    // A swap reaches back two rows, so stop only when two rows in a row are over the bound.
    if (rowMin > max && previousRowMin > max) return max + 1;
    previousRowMin = rowMin;
    [before, previous, current] = [previous, current, before];
  }
  return previous[n] ?? max + 1;
}
