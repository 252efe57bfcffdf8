import type { AuthenticationCreds } from "@whiskeysockets/baileys";
import { deserialize } from "./auth-state.js";
import { type ConnectionStatus, createWhatsAppConnection, type WhatsAppConnectionOptions } from "./connection.js";

/** "+39 333 123 4567", "0039 333…", "393331234567" → "393331234567"; undefined when not a number with country code. */
export function pairingDigits(input: string): string | undefined {
  const compact = input.trim().replace(/[\s().-]/g, "");
  const digits = compact.startsWith("+") ? compact.slice(1) : compact.startsWith("00") ? compact.slice(2) : compact;
  return /^[1-9]\d{7,14}$/.test(digits) ? digits : undefined;
}

export interface LinkOptions
  extends Pick<WhatsAppConnectionOptions, "session" | "storage" | "lock" | "makeSocket" | "log" | "timers" | "now"> {
  /** Digits with country code: a pairing code. Without: QR codes. */
  phone?: string;
  /** Deletes a session already linked first (the phone should also remove the old linked device). */
  relink?: boolean;
  /** Prints for the person at the terminal. */
  out(text: string): void;
  /** Draws a QR code for the terminal. */
  drawQr(data: string): Promise<string>;
  /** Gives up when the phone has not confirmed by then. */
  timeoutMs?: number;
}

export type LinkResult = { linked: true } | { linked: false; reason: string };

/** "ABCD1234" → "ABCD-1234", as WhatsApp shows it. */
const formatCode = (code: string) => (code.length === 8 ? `${code.slice(0, 4)}-${code.slice(4)}` : code);

/**
 * Links a WhatsApp number to a session, with a person at the phone: asks a pairing code once
 * (on the first QR event, as WhatsApp requires) or shows QR codes, reconnects at once on 515
 * after the phone confirms, and ends when the socket is open with registered creds. The auth
 * state goes to the storage as it changes; the number's lock is held all along.
 */
export async function linkNumber(options: LinkOptions): Promise<LinkResult> {
  const { out, session, storage } = options;
  const stored = await storage.auth.loadCreds(session);
  if (stored && deserialize<AuthenticationCreds>(stored).registered) {
    if (!options.relink) {
      return {
        linked: false,
        reason: `La sessione "${session}" ha già un numero collegato. Per collegarne un altro: --relink (e sul telefono togli il vecchio dispositivo collegato).`,
      };
    }
    await storage.auth.deleteSession(session);
    out(`Sessione "${session}" cancellata: si collega da capo.\n`);
  }

  let settle: (result: LinkResult) => void = () => {};
  const done = new Promise<LinkResult>((resolve) => {
    settle = resolve;
  });
  let qrCount = 0;
  const connection = createWhatsAppConnection({
    ...options,
    mode: {
      kind: "link",
      ...(options.phone ? { phone: options.phone } : {}),
      onPairingCode(code) {
        out(
          [
            "",
            `Codice di collegamento: ${formatCode(code)}`,
            "",
            `Sul telefono con il numero +${options.phone}: WhatsApp → Impostazioni → Dispositivi collegati →`,
            "Collega un dispositivo → «Collega con il numero di telefono», poi scrivi il codice.",
            "Il codice vale pochi minuti. Aspetto la conferma…",
            "",
          ].join("\n"),
        );
      },
      onQr(qr) {
        qrCount += 1;
        const nth = qrCount;
        void options.drawQr(qr).then((drawing) => {
          out(
            [
              "",
              nth === 1
                ? "Sul telefono: WhatsApp → Impostazioni → Dispositivi collegati → Collega un dispositivo, e inquadra:"
                : "Nuovo codice QR (il precedente è scaduto):",
              drawing,
            ].join("\n"),
          );
        });
      },
    },
    onStatus(status: ConnectionStatus) {
      if (status.phase === "open" && status.linked) settle({ linked: true });
      if (status.phase === "failed") settle({ linked: false, reason: status.detail });
    },
  });
  const timeout = setTimeout(
    () => settle({ linked: false, reason: "Nessuna conferma dal telefono in tempo: riprova." }),
    options.timeoutMs ?? 5 * 60_000,
  );
  try {
    await connection.start();
    const result = await done;
    if (result.linked) {
      out(
        `Collegato: il numero è pronto per la sessione "${session}". Con WHATSAPP_ENABLED=true, npm start si collega da solo (se è già avviato, entro un minuto).\n`,
      );
    }
    return result;
  } finally {
    clearTimeout(timeout);
    await connection.stop();
  }
}
