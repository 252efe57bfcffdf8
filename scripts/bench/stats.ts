/** Small numeric and formatting helpers for the benchmarks (figures only, no assertions). */

export interface Distribution {
  count: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentiles of a list of values (milliseconds, usually). */
export function distribution(values: readonly number[]): Distribution {
  const sorted = Float64Array.from(values).sort();
  const count = sorted.length;
  const at = (q: number) => (count === 0 ? Number.NaN : (sorted[Math.min(count - 1, Math.ceil(q * count) - 1)] ?? 0));
  let sum = 0;
  for (const v of sorted) sum += v;
  return {
    count,
    mean: count === 0 ? Number.NaN : sum / count,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    max: count === 0 ? Number.NaN : (sorted[count - 1] ?? 0),
  };
}

/** Deterministic pseudo-random numbers (mulberry32), so that runs are comparable. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const fixed = (value: number, digits: number) => (Number.isFinite(value) ? value.toFixed(digits) : "–");
export const int = (value: number) => (Number.isFinite(value) ? Math.round(value).toLocaleString("en-US") : "–");
export const ratio = (a: number, b: number) => (Number.isFinite(a / b) && b !== 0 ? `${(a / b).toFixed(2)}×` : "–");

/** An aligned text table: first column left-aligned, the others right-aligned. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join("  ")
      .trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)];
}
