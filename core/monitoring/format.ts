/** Italian number and date formats for the monitoring reports, the chart and the refusal report. */

/** "2026-05-10" → "10/05/2026"; any other text unchanged. */
export function italianDate(date: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : date;
}

/** Whole numbers with Italian thousands separators: 12345 → "12.345". */
export function wholeNumber(value: number): string {
  return Math.round(value).toLocaleString("it-IT");
}

/** Minutes as hours with one decimal, Italian style: 90 → "1,5". */
export function hoursOf(minutes: number): string {
  return (minutes / 60).toLocaleString("it-IT", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
}

/** One decimal, or "–" when there is nothing to show (no ratings). */
export function oneDecimal(value: number | null): string {
  return value === null ? "–" : value.toLocaleString("it-IT", { minimumFractionDigits: 1, maximumFractionDigits: 1 });
}
