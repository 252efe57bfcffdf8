import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client.js";
import { serialTransactions } from "./serial-transactions.js";

export type Db = PrismaClient;
export { Prisma } from "./generated/client.js";

export interface PrismaOptions {
  /** Pool size; the embedded database serves one connection at a time, so it passes 1. */
  poolMax?: number;
  /** How long to wait for a free connection (default 5 s); tests that queue hundreds of transactions wait longer. */
  connectionTimeoutMillis?: number;
}

/** A Prisma client over node-postgres (driver adapter; no Rust engine, nothing downloaded). */
export function createPrisma(url: string, options: PrismaOptions = {}): Db {
  const adapter = serialTransactions(
    new PrismaPg({
      connectionString: url,
      max: options.poolMax ?? 10,
      connectionTimeoutMillis: options.connectionTimeoutMillis ?? 5_000,
    }),
  );
  return new PrismaClient({ adapter });
}
