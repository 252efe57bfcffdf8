import { createHash, randomInt } from "node:crypto";

/**
 * Invite codes: 12 characters of Crockford's base32 (no I, L, O, U), about 59 bits, always with
 * at least two digits so that no Italian word is ever read as a code. Shown in groups of four
 * ("K7M2-QX9P-4TZR"); typed with or without dashes and spaces, in any case. Only the SHA-256 of
 * the canonical code is stored.
 */
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
export const CODE_LENGTH = 12;

export function generateInviteCode(random: (max: number) => number = randomInt): string {
  for (;;) {
    let code = "";
    for (let i = 0; i < CODE_LENGTH; i++) code += ALPHABET[random(ALPHABET.length)];
    if ((code.match(/\d/g) ?? []).length >= 2 && /[A-Z]/.test(code)) return code;
  }
}

/** "k7m2 qx9p-4tzr" → "K7M2QX9P4TZR"; anything that cannot be a code → undefined. */
export function canonicalCode(typed: string): string | undefined {
  const compact = typed
    .trim()
    .toUpperCase()
    .replace(/[\s-]+/g, "");
  if (compact.length !== CODE_LENGTH || !/^[0-9A-Z]+$/.test(compact)) return undefined;
  if ((compact.match(/\d/g) ?? []).length < 2 || !/[A-Z]/.test(compact)) return undefined;
  // Crockford: O is 0, I and L are 1; U is never used
  const read = compact.replace(/O/g, "0").replace(/[IL]/g, "1");
  return /^[0-9A-HJKMNP-TV-Z]+$/.test(read) ? read : undefined;
}

export function displayCode(code: string): string {
  return code.match(/.{1,4}/g)?.join("-") ?? code;
}

export function hashInviteCode(code: string): string {
  return createHash("sha256").update(`sportello-invite:${code}`).digest("hex");
}

/** The Telegram deep link that links a chat: start payload `f_<code>`. */
export function inviteDeepLink(botUsername: string, code: string): string {
  return `https://t.me/${botUsername}?start=f_${code}`;
}
