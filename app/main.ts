import { isSportelloError } from "../core/errors.js";
import { type Config, loadConfig } from "./config.js";
import { createLogger } from "./logger.js";
import { startApp } from "./start.js";

/** `npm start`: parse config, start everything, stop cleanly on SIGINT/SIGTERM. */
async function main(): Promise<void> {
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
    app = await startApp(config, log);
  } catch (error) {
    if (isSportelloError(error)) {
      log.fatal({ code: error.code }, "Start-up stopped");
      process.stderr.write(`\n${error.message}\n`);
    } else {
      log.fatal({ err: error }, "Start-up failed");
    }
    process.exit(1);
  }
  log.info({ url: app.url }, `Sportello is running: open ${app.url}`);

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

await main();
