import type { DomainEventSource } from "../../../core/events/ports.js";
import type { DomainEvent } from "../../../core/ports.js";
import type { Db } from "../prisma-client.js";

export function prismaDomainEventSource(db: Db): DomainEventSource {
  return {
    async relay(limit, handle) {
      return db.$transaction(
        async (tx) => {
          const rows = await tx.$queryRaw<Array<{ id: bigint; type: string; payload: object; created_at: Date }>>`
            SELECT id, type, payload, created_at FROM domain_event
            WHERE processed_at IS NULL
            ORDER BY id LIMIT ${limit}
            FOR UPDATE SKIP LOCKED`;
          if (rows.length === 0) return 0;
          await handle(
            rows.map((row) => ({
              id: row.id,
              event: { type: row.type, ...row.payload } as DomainEvent,
              createdAt: row.created_at,
            })),
          );
          await tx.$executeRaw`
            UPDATE domain_event SET processed_at = now() WHERE id = ANY(${rows.map((r) => r.id.toString())}::bigint[])`;
          return rows.length;
        },
        { maxWait: 10_000, timeout: 30_000 },
      );
    },
  };
}
