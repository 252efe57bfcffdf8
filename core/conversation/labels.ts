/** Short labels for choices: small phone screens, WhatsApp buttons (20 characters) and lists. */

/** Labels fit a small screen and WhatsApp buttons: at most this many characters. */
export const LABEL_MAX = 20;

/** Cuts a text at a word end so that it fits `max` characters, with "…" when something was cut. */
export function shortLabel(text: string, max = LABEL_MAX): string {
  const clean = text.replace(/\s+/g, " ").trim();
  if ([...clean].length <= max) return clean;
  const room = [...clean].slice(0, max - 1).join("");
  const cut = room.lastIndexOf(" ");
  return `${(cut >= max / 2 ? room.slice(0, cut) : room).replace(/[\s,.;:–-]+$/, "")}…`;
}

/** Words in point names that say nothing about which point it is. */
const FILLER_WORDS = /\s+(?:civica|civico|comunale|comunali|pubblica|digitale|d'incontro|di quartiere)\b/giu;
const ABBREVIATIONS: Array<[RegExp, string]> = [
  [/^Biblioteca\b/iu, "Bibl."],
  [/^Associazione\b/iu, "Ass."],
];
/** Kinds of place that start a name: dropped last, when nothing else fits. */
const KIND_WORDS =
  /^(?:Biblioteca|Bibl\.|Associazione|Ass\.|Centro anziani|Centro|Punto|Sportello|Casa|Circolo|Spazio|Ufficio)\s+/iu;

/**
 * A point's name short enough for a button: "Biblioteca civica Italo Calvino" → "Bibl. Italo
 * Calvino", "Centro d'incontro anziani San Salvario" → "San Salvario". The full name stays in the
 * text above the buttons.
 */
export function shortPointName(name: string, max = LABEL_MAX): string {
  const fits = (text: string) => [...text].length <= max;
  const clean = name.replace(/\s+/g, " ").trim();
  if (fits(clean)) return clean;
  const plain = clean.replace(FILLER_WORDS, "").replace(/\s+/g, " ");
  if (fits(plain)) return plain;
  const abbreviated = ABBREVIATIONS.reduce((text, [pattern, short]) => text.replace(pattern, short), plain);
  if (fits(abbreviated)) return abbreviated;
  let rest = plain;
  while (KIND_WORDS.test(rest)) rest = rest.replace(KIND_WORDS, "");
  rest = rest.replace(/^(?:anziani|per anziani|giovani)\s+/iu, "");
  const kindless = rest.charAt(0).toUpperCase() + rest.slice(1);
  if (/^\p{L}/u.test(kindless) && kindless.length >= 4 && fits(kindless)) return kindless;
  return shortLabel(abbreviated, max);
}

/** Different choices keep different labels: a repeated one gets " 2", " 3"… (still short). */
export function distinctLabels(labels: readonly string[], max = LABEL_MAX): string[] {
  const seen = new Map<string, number>();
  return labels.map((label) => {
    const count = (seen.get(label) ?? 0) + 1;
    seen.set(label, count);
    if (count === 1) return label;
    const suffix = ` ${count}`;
    return `${shortLabel(label, max - suffix.length)}${suffix}`;
  });
}
