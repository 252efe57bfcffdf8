/** What the monitoring commands share: core deps on the CLI's database, and the point named by --point. */
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
