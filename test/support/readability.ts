/**
 * Readability of the texts citizens read: words, and the Gulpease index (Lucisano and Piemontese,
 * 1988), the usual readability measure for Italian: 89 + (300 × sentences − 10 × letters) / words.
 * 80 and above is easy for someone with primary schooling; below 60 it is hard even with middle
 * school. Times ("10:30"), numbers ("011 000 0101" is three) and abbreviations count as words;
 * emoji and punctuation do not.
 */

const WORD = /\d+(?:[:.,]\d+)+|[\p{L}\p{N}]+/gu;

export function words(text: string): string[] {
  return text.match(WORD) ?? [];
}

export function wordCount(text: string): number {
  return words(text).length;
}

/** Sentences end with . ! ? or at the end of a line (a list item, a heading, a question line). */
export function sentenceCount(text: string): number {
  const lines = text.split("\n").filter((line) => words(line).length > 0);
  let count = 0;
  for (const line of lines) {
    const inside = line.trim().match(/[.!?]+(?=\s)/g)?.length ?? 0;
    count += inside + 1;
  }
  return Math.max(1, count);
}

export function gulpease(text: string): number {
  const all = words(text);
  if (all.length === 0) return 100;
  const letters = all.join("").replace(/[^\p{L}\p{N}]/gu, "").length;
  return 89 + (300 * sentenceCount(text) - 10 * letters) / all.length;
}

/** Realistic values for the placeholders of the message files: the longest ones a citizen sees. */
export const SAMPLE_VALUES: Record<string, string> = {
  point: "Biblioteca civica Italo Calvino",
  phone: "011 000 0101",
  day: "mercoledì 2 dicembre",
  time: "10:00",
  address: "Lungo Dora Agrigento 94, 10152 Torino",
  near: "a Torino",
  km: "76",
  max: "3",
  days: "30",
  count: "2",
  position: "1",
  list: "aiuto con un facilitatore, informazioni veloci, corsi di gruppo",
  hours: "lun 14:00–19:00; mar–ven 09:30–13:00, 14:00–19:00; sab 09:30–13:00",
  where: "Dove: Biblioteca civica Italo Calvino, Lungo Dora Agrigento 94, 10152 Torino",
  service: "Con un facilitatore",
  topic: "SPID o CIE",
  status: "✅ confermato",
  how: "Poi ti chiamiamo al numero 333 123 4567: tieni il telefono vicino.",
  mode: "in videochiamata",
  query: "Torinno",
  cap: "99999",
  last: "giovedì 31 dicembre",
  minutes: "60",
  place: "Collegno, piazza del Municipio",
  name: "Biblioteca civica Italo Calvino",
};

/** A message with its placeholders filled with SAMPLE_VALUES ("{phone}" in one message is " (011…)"). */
export function filled(text: string): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => SAMPLE_VALUES[name] ?? whole);
}
