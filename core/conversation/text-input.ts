import { foldText } from "../geo/name-keys.js";
/** Helpers to read what people type: accents, case, punctuation and emoji do not matter. */

/** Lower case, no accents (as for comune names), apostrophes and punctuation as spaces, single spaces. */
export function fold(text: string): string {
  return foldText(text)
    .replace(/[^\p{Letter}\p{Number}]+/gu, " ")
    .trim();
}

/** "1", " 2. ", "3)", "n. 4", "#5" → the number; anything else → undefined. */
export function typedNumber(text: string): number | undefined {
  const match = /^\s*(?:n\.?\s*|#)?(\d{1,2})\s*[.)]?\s*$/i.exec(text);
  return match ? Number(match[1]) : undefined;
}

/** Global words, in every language, that work at any question. */
export type GlobalCommand = "menu" | "help" | "back" | "cancel" | "language" | "privacy" | "restart";

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
  start: "restart",
  ciao: "restart",
  hello: "restart",
  hi: "restart",
  salve: "restart",
  buongiorno: "restart",
  buonasera: "restart",
};

/** The global word a message is, if any (also as a /command: /menu, /aiuto, /help…). */
export function globalCommand(text: string): GlobalCommand | undefined {
  const folded = fold(text.replace(/^\//, "").replace(/@\w+$/, ""));
  return GLOBAL_WORDS[folded];
}

export const MAX_TEXT_LENGTH = 1_000;
