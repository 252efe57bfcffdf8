import { foldText } from "../geo/name-keys.js";
/** Helpers to read what people type: accents, case, punctuation and emoji do not matter. */

/** Lower case, no accents (as for comune names), apostrophes and punctuation as spaces, single spaces. */
export function fold(text: string): string {
  return foldText(text)
    .replace(/[^\p{Letter}\p{Number}]+/gu, " ")
    .trim();
}

/**
 * "1", " 2. ", "3)", "n. 4", "#5", "numero 6" → the number; anything else → undefined. A typed
 * number always means a choice of the list on screen, never an hour or a day.
 */
export function typedNumber(text: string): number | undefined {
  const match = /^\s*(?:n\.?\s*|#|numero\s+|number\s+|no\.\s*)?(\d{1,2})\s*[.)]?\s*$/i.exec(text);
  return match ? Number(match[1]) : undefined;
}

/**
 * "il 3", "la 2", "il numero 3", "the 3rd one": a choice number said with words around it. Only
 * where no date can be meant (at a day question "il 3" is the 3rd of the month).
 */
export function articleNumber(text: string): number | undefined {
  const folded = fold(text);
  const match =
    /^(?:(?:il|la|lo|l|quello|quella|the|one|option|scelta|opzione)\s+)+(?:(?:numero|n|number|no)\s+)?(\d{1,2})(?:\s*(?:st|nd|rd|th|one))?(?:\s+(?:one|per favore|please|grazie))?$/.exec(
      folded,
    );
  return match ? Number(match[1]) : undefined;
}

/** Global words, in every language, that work at any question. */
export type GlobalCommand =
  | "menu"
  | "help"
  | "back"
  | "cancel"
  | "language"
  | "privacy"
  | "restart"
  /** "voglio parlare con una persona", "operatore": a phone number and opening hours. */
  | "person"
  /** "quanto costa?", "è gratis?": the service is free. */
  | "cost"
  /** "statistiche": the monitoring profile's questions (after consent). */
  | "profile";

const GLOBAL_WORDS: Record<string, GlobalCommand> = {
  menu: "menu",
  "menu principale": "menu",
  inizio: "menu",
  home: "menu",
  "main menu": "menu",
  aiuto: "help",
  help: "help",
  "non capisco": "help",
  indietro: "back",
  back: "back",
  annulla: "cancel",
  cancel: "cancel",
  stop: "cancel",
  esci: "cancel",
  lingua: "language",
  language: "language",
  lingue: "language",
  privacy: "privacy",
  statistiche: "profile",
  "domande statistiche": "profile",
  statistics: "profile",
  "statistics questions": "profile",
  start: "restart",
  ciao: "restart",
  hello: "restart",
  hi: "restart",
  salve: "restart",
  buongiorno: "restart",
  buonasera: "restart",
};

/**
 * Asking for a human: an operator word, or a verb of talking to someone ("parlare con una
 * persona"). "di persona" / "in person" is how someone books in person, and "facilitatore" alone
 * is a service: neither is a request to talk to someone. Weaker words ("qualcuno", "una persona")
 * count only in a short message: "aiuto per una persona anziana" is a need, not a request.
 */
const PERSON =
  /\b(?:operator[ei]?|operatrice|umano|umana|human|agent|persona\s+(?:vera|reale)|real\s+person|(?:parlare|parlo|parla|sentire|talk|speak|chiamare|call)\s+(?:con|a|to|with)\s+(?:(?:una?|an?|the|il|lo|la|qualche)\s+)?(?:persona|qualcuno|operatore|operatrice|umano|human|person|someone|somebody|agent|operator|facilitatore|facilitatrice|facilitator))\b/;
const PERSON_SHORT = /\b(?:qualcuno|una persona|someone|somebody|a person)\b/;
const SHORT_WORDS = 4;
const NOT_PERSON = /\b(?:di|in)\s+persona\b|\bin\s+person\b/;
/** Asking what it costs. "pagare" alone is a topic (paying online), not a question about cost. */
const COST =
  /\b(?:quanto\s+(?:costa|costano|si\s+paga|pago|viene)|costa|costano|costo|costi|gratis|gratuit[oaie]|a\s+pagamento|(?:devo|bisogna|dovro|tocca)\s+pagare|si\s+paga|prezzo|tariffa|soldi|how\s+much|cost|costs|is\s+it\s+free|free\s+of\s+charge|price|fee|do\s+i\s+(?:have\s+to\s+)?pay)\b/;
/** Longer messages are someone telling what they need (a note), not a question to the bot. */
const MAX_INTENT_WORDS = 10;

/** The global word a message is, if any (also as a /command: /menu, /aiuto, /help…). */
export function globalCommand(text: string): GlobalCommand | undefined {
  const folded = fold(text.replace(/^\//, "").replace(/@\w+$/, ""));
  const word = GLOBAL_WORDS[folded];
  if (word) return word;
  if (folded === "" || folded.split(" ").length > MAX_INTENT_WORDS) return undefined;
  if (COST.test(folded) || folded === "free") return "cost";
  if (NOT_PERSON.test(folded)) return undefined;
  if (PERSON.test(folded)) return "person";
  if (PERSON_SHORT.test(folded) && folded.split(" ").length <= SHORT_WORDS) return "person";
  return undefined;
}

/** What people say that answers no question: never a town, never a choice by itself. */
export type SmallTalk = "yes" | "no" | "thanks" | "unclear";

/** Emoji people answer with, read as the words they stand for. */
const EMOJI_WORDS: Array<[RegExp, string]> = [
  [/^(?:👍|👌|✅|🆗|✔️?|☑️?)+$/u, "ok"],
  [/^(?:👎|❌|✖️?|🚫)+$/u, "no"],
  [/^(?:🙏|❤️?|😊|🙂|😀|😃)+$/u, "grazie"],
];

const YES_WORDS = [
  "si",
  "ok",
  "okay",
  "okey",
  "va bene",
  "vabene",
  "certo",
  "esatto",
  "giusto",
  "perfetto",
  "d accordo",
  "daccordo",
  "si grazie",
  "ok grazie",
  "yes",
  "yeah",
  "yep",
  "sure",
  "fine",
  "all right",
  "alright",
  "correct",
  "right",
];
const NO_WORDS = ["no", "nope", "no grazie", "non", "nessuno", "niente", "no thanks", "not"];
const THANKS_WORDS = [
  "grazie",
  "grazie mille",
  "mille grazie",
  "molte grazie",
  "grazie tante",
  "ti ringrazio",
  "thanks",
  "thank you",
  "thanks a lot",
  "thank you very much",
  "ty",
  "prego",
  "gentilissimo",
  "gentilissima",
];
const UNCLEAR_WORDS = [
  "boh",
  "mah",
  "bho",
  "non so",
  "non lo so",
  "non saprei",
  "hmm",
  "mmm",
  "eh",
  "ah",
  "oh",
  "dunno",
  "i don t know",
  "dont know",
  "don t know",
  "what",
  "cosa",
  "come",
  "perche",
];

/** Keywords that make a choice the answer to "yes" ("sì", "ok", "👍"). */
export const YES = ["si", "sì", "ok", "va bene", "yes", "certo", "d accordo", "confermo", "esatto"];
/** Keywords that make a choice the answer to "no". */
export const NO = ["no", "nope"];

/** An emoji-only answer as the word it stands for ("👍" → "ok"); other text unchanged. */
export function emojiAsWord(text: string): string {
  const compact = text.replace(/\s+/g, "");
  for (const [pattern, word] of EMOJI_WORDS) if (pattern.test(compact)) return word;
  return text;
}

/** Yes, no, thanks, or "I don't know" (an emoji alone too), or undefined for anything else. */
export function smallTalk(text: string): SmallTalk | undefined {
  const folded = fold(emojiAsWord(text));
  if (folded === "") return text.trim() === "" ? undefined : "unclear"; // emoji or punctuation only
  if (YES_WORDS.includes(folded)) return "yes";
  if (NO_WORDS.includes(folded)) return "no";
  if (THANKS_WORDS.includes(folded)) return "thanks";
  if (UNCLEAR_WORDS.includes(folded)) return "unclear";
  return undefined;
}

export interface MatchableChoice {
  id: string;
  label: string;
  /** The short form some channels show: typing it selects the choice too. */
  short?: string;
  keywords?: string[];
}

const words = (text: string) => fold(text).split(" ").filter(Boolean);

/**
 * The choice a typed text selects: its number, its label or a keyword, the start of a label, or
 * words found in one label only ("appointments" → "My appointments"). `outOfRange` when a number
 * is not on the list. `loose` also reads "il 3" as the third choice (where no date is meant).
 */
export function matchChoice(
  choices: readonly MatchableChoice[],
  typed: string,
  options: { loose?: boolean } = {},
): { id: string } | { outOfRange: number } | undefined {
  const n = typedNumber(typed) ?? (options.loose ? articleNumber(typed) : undefined);
  if (n !== undefined) {
    const picked = choices[n - 1];
    return picked ? { id: picked.id } : { outOfRange: choices.length };
  }
  const folded = fold(emojiAsWord(typed));
  if (!folded) return undefined;
  const keys = (c: MatchableChoice) =>
    [c.label, ...(c.short ? [c.short.replace(/…$/u, "")] : []), ...(c.keywords ?? [])].map(fold);
  const exact = choices.filter((c) => keys(c).includes(folded));
  const [first] = exact;
  if (first) return { id: first.id };
  const talk = smallTalk(folded);
  if (talk === "yes" || talk === "no") {
    const answer = choices.filter((c) => keys(c).some((k) => (talk === "yes" ? YES : NO).map(fold).includes(k)));
    const [only] = answer;
    return answer.length === 1 && only ? { id: only.id } : undefined;
  }
  if (folded.length >= 4) {
    const starting = choices.filter((c) => fold(c.label).startsWith(folded));
    const [only] = starting;
    if (starting.length === 1 && only) return { id: only.id };
  }
  // every word typed (the short ones aside) is a word of one choice only
  const typedWords = words(folded).filter((w) => w.length >= 4);
  if (typedWords.length === 0 || typedWords.length < words(folded).length - 2) return undefined;
  const containing = choices.filter((c) => {
    const own = new Set(keys(c).flatMap((k) => k.split(" ")));
    return typedWords.every((w) => own.has(w));
  });
  const [only] = containing;
  return containing.length === 1 && only ? { id: only.id } : undefined;
}

export const MAX_TEXT_LENGTH = 1_000;
