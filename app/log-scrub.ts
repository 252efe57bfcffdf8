/**
 * Removes personal data from anything about to be logged: values under sensitive keys are
 * replaced whole, and every other string is scanned for codice fiscale, phone numbers,
 * WhatsApp JIDs and bot tokens.
 */

const SENSITIVE_KEY =
  /^(text|body|caption|message_text|messagetext|phone|phonenumber|phone_number|jid|lid|codicefiscale|codice_fiscale|fiscalcode|cf|token|bottoken|secret|password|authorization|cookie|x-telegram-bot-api-secret-token|first_name|last_name|firstname|lastname|username|address|email)$/i;

const PATTERNS: Array<[RegExp, string]> = [
  // Telegram bot token: digits, colon, 35 url-safe characters
  [/\b\d{5,}:[A-Za-z0-9_-]{30,}\b/g, "[token]"],
  // WhatsApp JIDs carry the phone number
  [/\b\d{6,}(?::\d+)?@(?:s\.whatsapp\.net|c\.us|lid)\b/g, "[jid]"],
  // Codice fiscale (with omocodia letters)
  [/\b[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]\b/gi, "[cf]"],
  // Phone numbers with an international prefix, spaces or dashes allowed
  [/(?:\+|\b00)\d(?:[ .-]?\d){7,14}\b/g, "[phone]"],
  // Italian mobile numbers written plainly (3xx xxxxxxx)
  [/\b3\d{2}[ .-]?\d{6,7}\b/g, "[phone]"],
  // Credentials inside URLs
  [/(\b[a-z][a-z0-9+.-]*:\/\/[^:/\s]+:)[^@\s]+@/gi, "$1[redacted]@"],
];

export function scrubText(value: string): string {
  let out = value;
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

const MAX_DEPTH = 6;

function errorToObject(error: Error, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {
    type: error.constructor?.name ?? "Error",
    message: scrubText(error.message),
    stack: error.stack ? scrubText(error.stack) : undefined,
  };
  const code = (error as { code?: unknown }).code;
  if (code !== undefined) out.code = code;
  if (error.cause !== undefined && depth < MAX_DEPTH) out.cause = scrubValue(error.cause, depth + 1);
  return out;
}

export function scrubValue(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return scrubText(value);
  if (value === null || typeof value !== "object" || depth > MAX_DEPTH) return value;
  if (value instanceof Error) return errorToObject(value, depth);
  if (Array.isArray(value)) return value.map((item) => scrubValue(item, depth + 1));
  if (value instanceof Date) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    out[key] = SENSITIVE_KEY.test(key) && item != null ? "[redacted]" : scrubValue(item, depth + 1);
  }
  return out;
}
