import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, describe, expect, it } from "vitest";
import { useIntegration } from "../../test/support/integration.js";
import { PrismaClient } from "./generated/client.js";
import { createPrisma, type Db } from "./prisma-client.js";

/** A write with a nested include in a transaction: Prisma reads the children with Promise.all. */
async function nestedWriteInTransaction(db: Db, name: string) {
  return db.$transaction(async (tx) =>
    tx.organisation.create({
      data: {
        name,
        points: {
          create: [1, 2, 3].map((n) => ({
            code: `${name}-${n}`,
            name: `Punto ${n}`,
            kind: "fixed" as const,
            workstations: 2,
            bookableWorkstations: 2,
          })),
        },
      },
      include: { points: { include: { sites: true, services: true, openingWindows: true } } },
    }),
  );
}

describe("queries of one transaction", () => {
  const ctx = useIntegration();
  const warnings: string[] = [];
  const onWarning = (warning: Error) => warnings.push(warning.message);
  process.on("warning", onWarning);
  afterAll(() => {
    process.off("warning", onWarning);
  });
  const overlapping = () => warnings.filter((w) => w.includes("already executing a query"));

  it("never overlap on the transaction's connection (no pg deprecation warning)", async () => {
    const db = createPrisma(ctx.databaseUrl, { poolMax: 2 });
    try {
      const created = await nestedWriteInTransaction(db, "serial");
      expect(created.points).toHaveLength(3);
      await new Promise((resolve) => setImmediate(resolve));
      expect(overlapping()).toEqual([]);
    } finally {
      await db.$disconnect();
    }
  });

  // the control, after the check above: pg warns once per process
  it("did overlap without the wrapper: the check above can fail", async () => {
    const bare = new PrismaClient({ adapter: new PrismaPg({ connectionString: ctx.databaseUrl, max: 2 }) });
    try {
      await nestedWriteInTransaction(bare as unknown as Db, "bare");
      await new Promise((resolve) => setImmediate(resolve));
      expect(overlapping()).toHaveLength(1);
    } finally {
      await bare.$disconnect();
    }
  });
});
