import en from "./messages/en.json" with { type: "json" };
import it from "./messages/it.json" with { type: "json" };

/**
 * The conversation's languages. Italian is the reference; every other file must have the same
 * keys and placeholders (a test checks it). To add a language: add messages/<code>.json and list
 * it here.
 */
export const LANGUAGES = { it, en } as const;

export type Lang = keyof typeof LANGUAGES;
export type MessageKey = keyof typeof it;

export const DEFAULT_LANG: Lang = "it";

export function isLang(value: unknown): value is Lang {
  return typeof value === "string" && Object.hasOwn(LANGUAGES, value);
}

/** The conversation language for a device language tag ("en-GB" → en); Italian otherwise. */
export function langFromDevice(tag: string | undefined): Lang {
  const base = tag?.toLowerCase().split(/[-_]/)[0];
  return isLang(base) ? base : DEFAULT_LANG;
}

export type Params = Record<string, string | number>;

export type Translate = (key: MessageKey, params?: Params) => string;

/**
 * A translator for one language; `{name}` placeholders are filled from `params`. On a channel
 * without buttons (`buttons: false`), a message with a `<key>.numbers` form says that instead
 * ("scrivi il numero" where the other says "tocca un pulsante"): the wording follows the channel
 * profile, never a step.
 */
export function translator(lang: Lang, channel: { buttons: boolean } = { buttons: true }): Translate {
  const messages: Record<string, string> = LANGUAGES[lang];
  const fallback: Record<string, string> = LANGUAGES[DEFAULT_LANG];
  const pick = (key: string): string | undefined => messages[key] ?? fallback[key];
  return (key, params) => {
    const template = (channel.buttons ? undefined : pick(`${key}.numbers`)) ?? pick(key) ?? key;
    if (!params) return template;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
      Object.hasOwn(params, name) ? String(params[name]) : whole,
    );
  };
}
