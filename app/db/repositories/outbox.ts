import type { Outbox } from "../../../core/ports.js";
import type { DbClient } from "./prisma-types.js";

export function prismaOutbox(db: DbClient): Outbox {
  return {
    async append(event) {
      const { type, ...payload } = event;
      await db.domainEvent.create({ data: { type, payload } });
    },
  };
}
