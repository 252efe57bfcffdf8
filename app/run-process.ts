import { isSportelloError } from "../core/errors.js";
import { type Config, loadConfig } from "./config.js";
import { createLogger } from "./logger.js";
import { type StartOptions, startApp } from "./start.js";

/**
 * `npm start` (role "all") and `npm run workers` (role "workers"): parse config, start, stop
 * cleanly on SIGINT/SIGTERM (a second signal exits at once).
 */
export async function runProcess(role: NonNullable<StartOptions["role"]>): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    process.stderr.write(`${isSportelloError(error) ? error.message : String(error)}\n`);
    process.exit(78); // EX_CONFIG
  }
  const log = createLogger(config.log);
  process.on("unhandledRejection", (reason) => log.error({ err: reason }, "Unhandled rejection"));
  let app: Awaited<ReturnType<typeof startApp>>;
  try {
    app = await startApp(config, log, { role });
  } catch (error) {
    if (isSportelloError(error)) {
      log.fatal({ code: error.code }, "Start-up stopped");
      process.stderr.write(`\n${error.message}\n`);
    } else {
      log.fatal({ err: error }, "Start-up failed");
    }
    process.exit(1);
  }
  if (role === "all") log.info({ url: app.url }, `Sportello is running: open ${app.url}`);
  else log.info({ url: app.url }, "Sportello workers are running");

  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) {
      log.warn({ signal }, "Second signal: exiting now");
      process.exit(1);
    }
    stopping = true;
    log.info({ signal }, "Stopping…");
    await app.stop();
    log.info("Stopped cleanly");
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
