/**
 * `npm run monitoring:rotate-keys`: seals every stored codice fiscale and document number again
 * with MONITORING_CURRENT_KEY. Run it after adding a new key to MONITORING_KEYS and making it
 * current; when it reports 0 left under old keys, the old key can be removed.
 */
import { type Config, loadConfig } from "../app/config.js";
import { rotateIdentifierKeys } from "../core/monitoring/rotate-keys.js";
import { type CliOutput, runAsCommand, withCliDatabase } from "./cli-support.js";
import { cliCoreDeps } from "./monitoring-cli-support.js";

export async function runRotateKeys(
  args: readonly string[],
  output: CliOutput,
  config: () => Config = () => loadConfig(),
): Promise<number> {
  if (args.includes("--help")) {
    output.out("Uso: npm run monitoring:rotate-keys\n\nCifra di nuovo i dati protetti con la chiave attuale.\n");
    return 0;
  }
  if (args.length > 0) {
    output.err(`Argomento sconosciuto: ${args.join(" ")}\n`);
    return 2;
  }
  const settings = config();
  return withCliDatabase(settings, output, "Rotazione non riuscita", async (db) => {
    const result = await rotateIdentifierKeys(cliCoreDeps(db, settings), settings.monitoring.protection);
    output.out(
      `Chiave attuale: ${settings.monitoring.protection.ring.currentKeyId}. Profili con dati protetti: ${result.checked}, cifrati di nuovo: ${result.resealed}.\n`,
    );
    return 0;
  });
}

await runAsCommand(import.meta.url, runRotateKeys);
