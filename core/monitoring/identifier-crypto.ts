/**
 * Authenticated encryption of personal identifiers (codice fiscale, ID document number) with
 * AES-256-GCM, keys that can rotate.
 *
 * A sealed value is one ASCII string, safe for a text column:
 *
 *   v1.<keyId>.<iv>.<ciphertext>.<tag>      (iv, ciphertext and tag in base64url)
 *
 * The key id travels with each value, so a value sealed under an old key still opens while the old
 * key is in the ring; new values are always sealed with the current key, and `resealed` moves an
 * old value to it (run it over a table, then drop the old key). The additional authenticated data
 * binds the format version, the key id and a purpose ("fiscal_code", "document_number"): a value
 * cannot be moved to another purpose, nor relabelled with another key id, without failing to open.
 *
 * The keys themselves come from configuration (part B: `app/config.ts`); this module only takes
 * them as bytes and never logs or echoes a key or a value.
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { SportelloError } from "../errors.js";

export type IdentifierPurpose = "fiscal_code" | "document_number";

export interface KeyRing {
  currentKeyId: string;
  keys: ReadonlyMap<string, Buffer>;
}

const VERSION = "v1";
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

const refusal = (message: string, details?: Record<string, unknown>) =>
  new SportelloError({
    code: "config_invalid",
    message,
    userMessage: "La protezione dei dati personali non è configurata bene: avvisa chi gestisce il servizio.",
    details,
  });

/** A key given as base64 (or base64url) text, exactly 32 bytes once decoded. */
export function decodeKey(text: string, keyId: string): Buffer {
  const clean = text.trim();
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(clean)) throw refusal(`key ${keyId} is not base64`, { keyId });
  const bytes = Buffer.from(clean.replace(/-/g, "+").replace(/_/g, "/"), "base64");
  if (bytes.length !== KEY_BYTES) {
    throw refusal(`key ${keyId} must be ${KEY_BYTES} bytes, got ${bytes.length}`, { keyId, bytes: bytes.length });
  }
  return bytes;
}

/**
 * The ring of encryption keys: `keys` by id (base64 text or bytes), `currentKeyId` the one new
 * values are sealed with. Refuses bad ids, keys that are not 32 bytes, a missing current key, and
 * the same key under two ids.
 */
export function createKeyRing(currentKeyId: string, keys: Readonly<Record<string, string | Buffer>>): KeyRing {
  const ring = new Map<string, Buffer>();
  const seen = new Set<string>();
  for (const [id, value] of Object.entries(keys)) {
    if (!KEY_ID.test(id)) throw refusal("key ids are 1-32 letters, digits, '-' or '_'", { keyId: id.slice(0, 40) });
    const bytes = typeof value === "string" ? decodeKey(value, id) : Buffer.from(value);
    if (bytes.length !== KEY_BYTES) throw refusal(`key ${id} must be ${KEY_BYTES} bytes`, { keyId: id });
    const fingerprint = bytes.toString("hex");
    if (seen.has(fingerprint)) throw refusal(`key ${id} repeats another key of the ring`, { keyId: id });
    seen.add(fingerprint);
    ring.set(id, bytes);
  }
  if (!ring.has(currentKeyId)) throw refusal("the current key id is not in the ring", { keyId: currentKeyId });
  return { currentKeyId, keys: ring };
}

/** A fresh random key as base64, for `.env` (what `openssl rand -base64 32` prints). */
export function generateKey(): string {
  return randomBytes(KEY_BYTES).toString("base64");
}

const aad = (keyId: string, purpose: IdentifierPurpose) => Buffer.from(`${VERSION}.${keyId}.${purpose}`, "utf8");

/** Encrypts `plain` with the ring's current key. */
export function seal(ring: KeyRing, plain: string, purpose: IdentifierPurpose): string {
  const key = ring.keys.get(ring.currentKeyId);
  if (!key) throw refusal("the current key id is not in the ring", { keyId: ring.currentKeyId });
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad(ring.currentKeyId, purpose));
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [
    VERSION,
    ring.currentKeyId,
    iv.toString("base64url"),
    body.toString("base64url"),
    tag.toString("base64url"),
  ].join(".");
}

const unreadable = (reason: string, details?: Record<string, unknown>) =>
  new SportelloError({
    code: "internal",
    message: `sealed identifier cannot be opened: ${reason}`,
    userMessage: "Non riesco a leggere un dato protetto. Avvisa chi gestisce il servizio.",
    details,
  });

/** The id of the key a sealed value was sealed with; null when it is not a sealed value. */
export function sealedKeyId(sealed: string): string | null {
  const parts = sealed.split(".");
  return parts.length === 5 && parts[0] === VERSION && KEY_ID.test(parts[1] ?? "") ? (parts[1] ?? null) : null;
}

/**
 * Decrypts a sealed value with whichever key of the ring sealed it. Throws (without the value)
 * when the format is wrong, the key is not in the ring, or the value was altered or sealed for
 * another purpose.
 */
export function unseal(ring: KeyRing, sealed: string, purpose: IdentifierPurpose): string {
  const parts = sealed.split(".");
  const keyId = sealedKeyId(sealed);
  if (keyId === null) throw unreadable("not a v1 sealed value");
  const key = ring.keys.get(keyId);
  if (!key) throw unreadable("its key is not in the ring", { keyId });
  const [, , ivText = "", bodyText = "", tagText = ""] = parts;
  const iv = Buffer.from(ivText, "base64url");
  const tag = Buffer.from(tagText, "base64url");
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw unreadable("bad iv or tag length", { keyId });
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(aad(keyId, purpose));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(Buffer.from(bodyText, "base64url")), decipher.final()]).toString("utf8");
  } catch (cause) {
    throw new SportelloError({
      code: "internal",
      message: "sealed identifier cannot be opened: altered, or sealed with another key or purpose",
      userMessage: "Non riesco a leggere un dato protetto. Avvisa chi gestisce il servizio.",
      details: { keyId },
      cause,
    });
  }
}

/** True when the value was sealed with a key other than the current one. */
export function needsResealing(ring: KeyRing, sealed: string): boolean {
  return sealedKeyId(sealed) !== ring.currentKeyId;
}

/** The value sealed again with the current key (unchanged when it already is). */
export function resealed(ring: KeyRing, sealed: string, purpose: IdentifierPurpose): string {
  return needsResealing(ring, sealed) ? seal(ring, unseal(ring, sealed, purpose), purpose) : sealed;
}
