/**
 * `npm run points:close-day -- --point <id o codice> --date YYYY-MM-DD --reason "..."`: closes a
 * point for a whole day (core/points/close-day.ts). That day's bookings and course sessions are
 * cancelled and every citizen is told in the chat; the waiting line for that day is closed.
 * Exit codes: 0 done (or already closed), 1 refused or database error, 2 bad usage.
 */
import { parseArgs } from "node:util";
import { type Config, loadConfig } from "../app/config.js";
import { createCoreDeps } from "../app/core-deps.js";
import { type Clock, systemClock } from "../core/clock.js";
import { isSportelloError } from "../core/errors.js";
import { closeDay } from "../core/points/close-day.js";
import { type CliOutput, findPoint, runAsCommand, withCliDatabase } from "./cli-support.js";

const USAGE = `Uso: npm run points:close-day -- --point <id o codice> --date AAAA-MM-GG --reason "motivo"

Chiude il punto per tutto il giorno indicato (oggi o un giorno futuro).
Gli appuntamenti e i corsi di quel giorno sono annullati e ogni persona è avvisata in chat,
con la proposta di scegliere un altro giorno. La lista d'attesa di quel giorno è chiusa.
Il motivo resta nel registro del punto (non scrivere dati personali).
Codici di uscita: 0 fatto (o già chiuso), 1 rifiutato o errore del database, 2 uso sbagliato.
`;

export async function runPointsCloseDay(
  args: readonly string[],
  output: CliOutput,
  config: () => Config = () => loadConfig(),
  clock: Clock = systemClock,
): Promise<number> {
  let values: { point?: string; date?: string; reason?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        point: { type: "string" },
        date: { type: "string" },
        reason: { type: "string" },
        help: { type: "boolean" },
      },
      strict: true,
    }));
  } catch (error) {
    output.err(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    output.out(USAGE);
    return 0;
  }
  if (!values.point || !values.date || !values.reason?.trim()) {
    output.err(`Mancano --point, --date o --reason.\n\n${USAGE}`);
    return 2;
  }
  const settings = config();
  return withCliDatabase(settings, output, "Errore del database, nessuna modifica scritta", async (db) => {
    const point = await findPoint(db, values.point ?? "");
    if (!point) {
      output.err(`Punto non trovato: ${values.point}\n`);
      return 1;
    }
    const core = createCoreDeps(db, {
      clock,
      timeZone: settings.timeZone,
      policy: settings.booking,
      messaging: settings.messaging,
    });
    try {
      const result = await closeDay(core, {
        pointId: point.id,
        date: values.date ?? "",
        reason: values.reason ?? "",
        actorId: "cli",
      });
      if (!result.closed) {
        output.out(`${point.name} (${point.code}) era già chiuso il ${values.date}: nessuna modifica.\n`);
        return 0;
      }
      output.out(
        [
          `${point.name} (${point.code}) chiuso il ${values.date}.`,
          `Appuntamenti annullati: ${result.bookingsCancelled}`,
          `Sessioni di corso annullate: ${result.courseSessionsCancelled}`,
          `Persone avvisate in chat: ${result.citizensTold}`,
          `Persone tolte dalla lista d'attesa: ${result.waitlistClosed}`,
          "",
        ].join("\n"),
      );
      return 0;
    } catch (error) {
      if (!isSportelloError(error)) throw error;
      output.err(`${error.userMessage}\n`);
      return 1;
    }
  });
}

await runAsCommand(import.meta.url, runPointsCloseDay);
