import type { Prisma } from "../generated/client.js";
import type { Db } from "../prisma-client.js";

/** The root client or a transaction's client: repositories work with either. */
export type DbClient = Db | Prisma.TransactionClient;
