/**
 * The keyed hash that recognises the same person across points without decrypting anything, as
 * the platform does (facilita-csv.md: "citizens are keyed by a hash of the upper-case codice
 * fiscale, or by document type + number").
 *
 *   fiscal code:  HMAC-SHA-256(key, "cf:" + upper-case code without spaces)
 *   document:     HMAC-SHA-256(key, "doc:" + AN5 type + ":" + number without spaces or separators, upper case)
 *
 * The hash key is separate from the encryption keys and must stay the same for the life of the
 * data: a new hash key means recomputing every stored hash from the decrypted identifiers (and
 * until then the same person would count twice). Output: "h1:" + base64url, 46 characters.
 */
import { createHmac } from "node:crypto";
import { SportelloError } from "../errors.js";
import { normaliseFiscalCode } from "./fiscal-code.js";

export type DocumentType = "A" | "B" | "C" | "D" | "E";

export type PersonIdentifier =
  | { kind: "fiscal_code"; code: string }
  | { kind: "document"; type: DocumentType; number: string };

const MIN_HASH_KEY_BYTES = 32;

/** Spaces and separators (. - / _ , and the like) removed, upper case: "ca 12.345-ab" → "CA12345AB". */
export function normaliseDocumentNumber(raw: string): string {
  return raw.replace(/[\s.\-/_,;:'"\\|]+/g, "").toUpperCase();
}

export type DocumentNumberProblem = "empty" | "too_short" | "too_long" | "invalid_characters";

/** A document number, normalised; refused when it cannot be one (3-20 letters and digits). */
export function checkDocumentNumber(
  raw: string,
): { ok: true; number: string } | { ok: false; problem: DocumentNumberProblem } {
  const number = normaliseDocumentNumber(raw);
  if (number === "") return { ok: false, problem: "empty" };
  if (!/^[A-Z0-9]+$/.test(number)) return { ok: false, problem: "invalid_characters" };
  if (number.length < 3) return { ok: false, problem: "too_short" };
  if (number.length > 20) return { ok: false, problem: "too_long" };
  return { ok: true, number };
}

// Messages: `monitoring.problem.document_<problem>` in core/conversation/messages/{it,en}.json.

/**
 * The canonical text that is hashed. An omocodic code is kept as written: omocodia exists to give a
 * *different* person a different code, so it must never be folded back onto the base code.
 */
export function identifierText(identifier: PersonIdentifier): string {
  if (identifier.kind === "fiscal_code") return `cf:${normaliseFiscalCode(identifier.code)}`;
  return `doc:${identifier.type}:${normaliseDocumentNumber(identifier.number)}`;
}

/** The keyed hash of a person's identifier. `hashKey`: at least 32 random bytes, from config. */
export function personKey(hashKey: Buffer, identifier: PersonIdentifier): string {
  if (hashKey.length < MIN_HASH_KEY_BYTES) {
    throw new SportelloError({
      code: "config_invalid",
      message: `the identifier hash key must be at least ${MIN_HASH_KEY_BYTES} bytes`,
      userMessage: "La protezione dei dati personali non è configurata bene: avvisa chi gestisce il servizio.",
    });
  }
  return `h1:${createHmac("sha256", hashKey).update(identifierText(identifier), "utf8").digest("base64url")}`;
}
