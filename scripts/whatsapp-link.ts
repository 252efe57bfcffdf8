/**
 * `npm run whatsapp:link -- --phone <number>` (pairing code) or `-- --qr` (QR code in the
 * terminal): links a WhatsApp number to Sportello once. The auth state is stored in PostgreSQL;
 * afterwards `npm start` (WHATSAPP_ENABLED=true) connects by itself.
 */
import QRCode from "qrcode";
import { type Config, loadConfig } from "../app/config.js";
import { prismaWhatsAppStorage } from "../app/db/repositories/whatsapp-storage.js";
import { whatsappNumberLock } from "../app/whatsapp-setup.js";
import { linkNumber, pairingDigits } from "../bots/whatsapp/link-number.js";
import type { SocketFactory } from "../bots/whatsapp/socket.js";
import { type CliOutput, cliLog, runAsCommand, withCliDatabase } from "./cli-support.js";

const USAGE = `Uso: npm run whatsapp:link -- --phone <numero>   (codice di collegamento)
     npm run whatsapp:link -- --qr               (codice QR nel terminale)

Collega un numero WhatsApp a Sportello, una volta sola. Serve il telefono con quel numero.

  --phone <numero>    il numero con il prefisso internazionale, per esempio 393331234567 o +39 333 1234567
  --qr                mostra un codice QR da inquadrare invece del codice di collegamento
  --session <nome>    la sessione (predefinita: WHATSAPP_SESSION, altrimenti "default")
  --relink            cancella il collegamento che c'è e collega da capo
  --help              mostra questo aiuto
`;

export interface LinkArgs {
  phone?: string;
  qr: boolean;
  session?: string;
  relink: boolean;
}

/** The arguments, or a plain error line. */
export function parseLinkArgs(args: readonly string[]): LinkArgs | { help: true } | { error: string } {
  const parsed: LinkArgs = { qr: false, relink: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--help" || arg === "-h") return { help: true };
    if (arg === "--qr") parsed.qr = true;
    else if (arg === "--relink") parsed.relink = true;
    else if (arg === "--phone" || arg === "--session") {
      const value = args[++i];
      if (value === undefined || value.startsWith("--")) return { error: `${arg} vuole un valore.` };
      if (arg === "--phone") {
        const digits = pairingDigits(value);
        if (!digits)
          return { error: `"${value}" non sembra un numero con prefisso internazionale (per esempio 393331234567).` };
        parsed.phone = digits;
      } else {
        if (!/^[a-z0-9][a-z0-9_-]{0,39}$/.test(value))
          return { error: "--session: da 1 a 40 lettere minuscole, cifre, '_' o '-'." };
        parsed.session = value;
      }
    } else return { error: `Opzione sconosciuta: ${arg}` };
  }
  if (parsed.qr && parsed.phone) return { error: "Scegli --phone oppure --qr, non tutti e due." };
  if (!parsed.qr && !parsed.phone) return { error: "Manca --phone <numero> (oppure --qr)." };
  return parsed;
}

export async function whatsappLinkCommand(
  args: readonly string[],
  output: CliOutput,
  options: { config?: Config; makeSocket?: SocketFactory; timeoutMs?: number } = {},
): Promise<number> {
  const parsed = parseLinkArgs(args);
  if ("help" in parsed) {
    output.out(USAGE);
    return 0;
  }
  if ("error" in parsed) {
    output.err(`${parsed.error}\n\n${USAGE}`);
    return 2;
  }
  const config = options.config ?? loadConfig();
  const session = parsed.session ?? config.whatsapp.session;
  // Baileys is loaded only when a link really starts (about 0.2 s)
  const makeSocket = options.makeSocket ?? (await import("../bots/whatsapp/socket.js")).makeBaileysSocket;
  return withCliDatabase(config, output, "Collegamento non riuscito", async (db, database) => {
    const result = await linkNumber({
      session,
      storage: prismaWhatsAppStorage(db),
      lock: whatsappNumberLock(database),
      makeSocket,
      log: cliLog(output),
      ...(parsed.phone ? { phone: parsed.phone } : {}),
      relink: parsed.relink,
      out: (text) => output.out(text),
      drawQr: (data) => QRCode.toString(data, { type: "terminal", small: true }),
      ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    });
    if (result.linked) return 0;
    output.err(`Collegamento non riuscito: ${result.reason}\n`);
    return 1;
  });
}

await runAsCommand(import.meta.url, (args, output) => whatsappLinkCommand(args, output));
