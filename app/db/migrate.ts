import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { SportelloError } from "../../core/errors.js";

const require = createRequire(import.meta.url);

export interface PrismaCliResult {
  code: number;
  output: string;
}

/**
 * Runs the Prisma CLI (JavaScript schema engine through a driver adapter, see prisma.config.ts)
 * against `databaseUrl`. Asynchronous on purpose: the embedded database is served by this process.
 */
export function runPrismaCli(
  args: string[],
  databaseUrl: string,
  options: { doneWhen?: RegExp } = {},
): Promise<PrismaCliResult> {
  const cli = require.resolve("prisma/build/index.js");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], {
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        CHECKPOINT_DISABLE: "1",
        PRISMA_HIDE_UPDATE_MESSAGE: "1",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    let finished = false;
    child.stdout.on("data", (chunk) => {
      output += chunk;
      // The WebAssembly schema engine of prisma 6.19.3 leaves a 10 s timer running after
      // `migrate deploy` has finished; once the CLI has printed its final line, stop waiting.
      if (!finished && options.doneWhen?.test(output)) {
        finished = true;
        setTimeout(() => child.kill("SIGTERM"), 100).unref();
      }
    });
    child.stderr.on("data", (chunk) => {
      output += chunk;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: finished ? 0 : (code ?? 1), output }));
  });
}

/** Applies every pending migration in prisma/migrations; throws with the CLI's output on failure. */
export async function migrateDeploy(databaseUrl: string): Promise<{ applied: string[] }> {
  const result = await runPrismaCli(["migrate", "deploy"], databaseUrl, {
    doneWhen: /All migrations have been successfully applied\.|No pending migrations to apply\./,
  });
  if (result.code !== 0) {
    // the CLI's error lines, not its banner and adapter warnings
    const lines = result.output.trim().split("\n");
    const errors = lines.filter((line) => /error/i.test(line));
    throw new SportelloError({
      code: "unavailable",
      message: `prisma migrate deploy failed (exit ${result.code}):\n${(errors.length > 0 ? errors : lines.slice(-5)).join("\n")}`,
    });
  }
  const applied = [...result.output.matchAll(/└─ (\S+)\//g)].map((m) => m[1] ?? "");
  return { applied };
}
