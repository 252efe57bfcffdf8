import type { ServerResponse } from "node:http";
import { sendJson } from "../http/body.js";

/** Every refusal of the chat API: a status, a code for programs, a kind Italian sentence for people. */
export const CHAT_ERRORS = {
  cross_site: { status: 403, message: "Questa richiesta non è permessa da un altro sito." },
  unsupported_media_type: { status: 415, message: "La richiesta deve essere in formato JSON." },
  payload_too_large: { status: 413, message: "Il messaggio è troppo lungo. Scrivi solo poche parole, per favore." },
  invalid_json: { status: 400, message: "Non ho capito la richiesta: il formato non è valido. Ricarica la pagina." },
  invalid_request: { status: 400, message: "Non ho capito il messaggio. Ricarica la pagina e riprova." },
  session_missing: {
    status: 400,
    message:
      "La conversazione non è più attiva. Tocca «Ricomincia». Se succede ancora, controlla che il browser accetti i cookie di questo sito.",
  },
  rate_limited: {
    status: 429,
    message: "Stai scrivendo molto velocemente. 🙂 Aspetta qualche secondo e poi riprova.",
  },
  unavailable: {
    status: 503,
    message: "Un momento: sto ancora rispondendo al messaggio di prima. Riprova tra poco.",
  },
  internal: { status: 500, message: "Scusa, qualcosa non ha funzionato. Riprova tra poco." },
} as const satisfies Record<string, { status: number; message: string }>;

export type ChatErrorCode = keyof typeof CHAT_ERRORS;

export function sendChatError(
  res: ServerResponse,
  code: ChatErrorCode,
  extra: { message?: string; field?: string } = {},
): void {
  const { status, message } = CHAT_ERRORS[code];
  sendJson(res, status, {
    error: code,
    message: extra.message ?? message,
    ...(extra.field ? { field: extra.field } : {}),
  });
}
