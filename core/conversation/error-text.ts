import { isSportelloError, userMessageOf } from "../errors.js";
import type { Lang } from "./i18n.js";
import en from "./messages/en.json" with { type: "json" };

const ENGLISH: Record<string, string> = en;

/**
 * What to tell the citizen about a refused operation, in their language. Italian texts come with
 * the error itself (core's SportelloError.userMessage); other languages translate by error code.
 */
export function errorText(error: unknown, lang: Lang): string {
  if (lang === "it") return userMessageOf(error);
  const template = isSportelloError(error) ? ENGLISH[`error.${error.code}`] : undefined;
  const text = template ?? ENGLISH["hint.error"] ?? "Sorry, something went wrong.";
  const details = isSportelloError(error) ? (error.details ?? {}) : {};
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(details, name) ? String(details[name]) : whole,
  );
}
