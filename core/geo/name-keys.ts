/**
 * Turns a place name, or what someone typed for one, into comparison keys that ignore case,
 * accents, apostrophes, hyphens, spaces and digits, and that read "S." as San/Santa/Santo/Sant'.
 */

/** Words (after folding) meaning "saint" in Italian and German names, or their abbreviations. */
const SAINT_WORDS = new Set(["san", "santa", "santo", "sant", "santi", "s", "ss", "sta", "sto", "st", "sankt"]);

/** Letters that NFKD does not decompose. */
const SPECIAL_LETTERS: Record<string, string> = {
  ß: "ss",
  æ: "ae",
  œ: "oe",
  ø: "o",
  ł: "l",
  đ: "d",
  ð: "d",
  þ: "th",
  ı: "i",
};

/** Lower case, no diacritics: "Ciriè" → "cirie", "Straße" → "strasse". */
export function foldText(input: string): string {
  return input
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[ßæœøłđðþı]/g, (letter) => SPECIAL_LETTERS[letter] ?? letter);
}

/** Abbreviations written with a dot inside, which would otherwise split into two words. */
const DOTTED_ABBREVIATIONS: Array<[RegExp, string]> = [
  [/\bm\.\s*te\b/g, " monte "],
  [/\bp\.\s*to\b/g, " porto "],
  [/\bs\.\s*ta\b/g, " santa "],
  [/\bs\.\s*to\b/g, " santo "],
];

const WORD_ABBREVIATIONS: Record<string, string> = { mte: "monte", pto: "porto" };

/** The words of a name, folded, digits and punctuation dropped: "S. Mauro Torinese" → ["s", "mauro", "torinese"]. */
export function nameWords(input: string): string[] {
  let text = foldText(input);
  for (const [pattern, replacement] of DOTTED_ABBREVIATIONS) text = text.replace(pattern, replacement);
  return text
    .split(/[^a-z]+/)
    .filter((word) => word.length > 0)
    .map((word) => WORD_ABBREVIATIONS[word] ?? word);
}

export interface NameKeys {
  /** All the letters, nothing else: "Sant'Antonino di Susa" → "santantoninodisusa". */
  plain: string;
  /** As plain, with every saint word reduced to "s": → "santoninodisusa"; "S. Antonino di Susa" gives the same. */
  canonical: string;
  /** Whether a saint word was reduced (otherwise canonical === plain). */
  hasSaint: boolean;
}

export function nameKeys(input: string): NameKeys {
  return keysOfWords(nameWords(input));
}

/** Keys of words already produced by `nameWords`. */
export function keysOfWords(words: readonly string[]): NameKeys {
  let hasSaint = false;
  const canonical = words
    .map((word) => {
      if (!SAINT_WORDS.has(word)) return word;
      hasSaint = true;
      return "s";
    })
    .join("");
  return { plain: words.join(""), canonical, hasSaint };
}

const ARTICLES = new Set(["l", "la", "lo", "il", "le", "gli"]);

/** The name without its leading article, as people often say it ("La Spezia" → "Spezia"), if it has one. */
export function withoutArticle(words: readonly string[]): string[] | undefined {
  const [first, ...rest] = words;
  return first !== undefined && ARTICLES.has(first) && rest.length > 0 ? rest : undefined;
}
