/** What the monitoring commands share: core deps on the CLI's database, and the point named by --point. */

import { parseArgs } from "node:util";
import type { Config } from "../app/config.js";
import { createCoreDeps } from "../app/core-deps.js";
import type { Db } from "../app/db/prisma-client.js";
import { systemClock } from "../core/clock.js";
import type { CoreDeps } from "../core/ports.js";
import { isUuid } from "../core/validation.js";

export function cliCoreDeps(db: Db, settings: Config): CoreDeps {
  return createCoreDeps(db, { clock: systemClock, timeZone: settings.timeZone, policy: settings.booking });
}

/** --point takes the point's code (TO-BIB-01) or its id. */
export async function findPoint(db: Db, given: string): Promise<{ id: string; name: string } | null> {
  const point = await db.point.findFirst({
    where: isUuid(given) ? { OR: [{ id: given }, { code: given }] } : { code: given },
    select: { id: true, name: true },
  });
  return point;
}

type OptionSpec = Record<string, { type: "string" | "boolean" }>;
type Values<T extends OptionSpec> = { [K in keyof T]?: T[K]["type"] extends "boolean" ? boolean : string };

/**
 * The monitoring commands' options (node:util parseArgs, strict, no positionals, --help added):
 * the values, or the exit code already decided (0 after --help, 2 with the usage on stderr).
 */
export function parseCliOptions<T extends OptionSpec>(
  args: readonly string[],
  options: T,
  usage: string,
  output: { out(text: string): void; err(text: string): void },
): { values: Values<T> } | { exit: number } {
  let values: Values<T> & { help?: boolean };
  try {
    values = parseArgs({
      args: [...args],
      options: { ...options, help: { type: "boolean" } },
      strict: true,
      allowPositionals: false,
    }).values as Values<T> & { help?: boolean };
  } catch (error) {
    output.err(`${(error as Error).message}\n\n${usage}`);
    return { exit: 2 };
  }
  if (values.help) {
    output.out(usage);
    return { exit: 0 };
  }
  return { values };
}
