import type { Log } from "../../core/log.js";
import type { Db } from "./prisma-client.js";

/** Fixed ids make the seed idempotent: running it twice changes nothing. */
export const DEMO_ORGANISATION_ID = "00000000-0000-4000-8000-00000000d001";

/**
 * Seeds the demo network when the database holds no organisation at all. Everything it
 * creates is marked `isDemo`, so it can be recognised and removed before going live.
 */
export async function seedDemoDataIfEmpty(db: Db, log: Log): Promise<boolean> {
  const existing = await db.organisation.count();
  if (existing > 0) return false;
  await db.organisation.upsert({
    where: { id: DEMO_ORGANISATION_ID },
    create: { id: DEMO_ORGANISATION_ID, name: "Rete di prova Torino (DATI DEMO)", isDemo: true },
    update: {},
  });
  log.info("Empty database: demo data seeded (marked as demo)");
  return true;
}
