import type { BookingPolicy } from "../core/booking/policy.js";
import type { Clock } from "../core/clock.js";
import { DEFAULT_MESSAGING_POLICY, type MessagingPolicy } from "../core/messaging/policy.js";
import type { CoreDeps } from "../core/ports.js";
import type { Db } from "./db/prisma-client.js";
import { prismaRepositories, prismaTransactor } from "./db/repositories/transactor.js";

/** Wires core to PostgreSQL: repositories, transactions, clock, time zone, booking and messaging rules. */
export function createCoreDeps(
  db: Db,
  options: { clock: Clock; timeZone: string; policy: BookingPolicy; messaging?: MessagingPolicy },
): CoreDeps {
  return {
    repos: prismaRepositories(db),
    ...prismaTransactor(db),
    clock: options.clock,
    timeZone: options.timeZone,
    policy: options.policy,
    messaging: options.messaging ?? DEFAULT_MESSAGING_POLICY,
  };
}
