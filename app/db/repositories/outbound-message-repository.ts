import { randomUUID } from "node:crypto";
import type { ChannelName } from "../../../core/citizens/citizen.js";
import type {
  DueMessage,
  MessageFilter,
  MessageParams,
  MessageState,
  OutboundMessage,
} from "../../../core/messaging/message.js";
import type { OutboundMessageRepository } from "../../../core/messaging/ports.js";
import { isUuid } from "../../../core/validation.js";
import type { OutboundMessage as MessageRow, Prisma } from "../generated/client.js";
import type { DbClient } from "./prisma-types.js";

function toMessage(row: MessageRow): OutboundMessage {
  const recipient =
    row.recipientKind === "citizen"
      ? row.citizenId
        ? { kind: "citizen" as const, citizenId: row.citizenId }
        : null
      : row.facilitatorId
        ? { kind: "facilitator" as const, facilitatorId: row.facilitatorId }
        : null;
  return {
    id: row.id,
    kind: row.kind,
    recipient,
    address: { channel: row.channel, externalId: row.address },
    params: (row.params ?? {}) as MessageParams,
    bookingId: row.bookingId,
    waitlistEntryId: row.waitlistEntryId,
    courseSessionId: row.courseSessionId,
    dueAt: row.dueAt,
    expiresAt: row.expiresAt,
    state: row.state,
    reason: row.reason,
    attempts: row.attempts,
    lastError: row.lastError,
    providerMessageId: row.providerMessageId,
    sentAt: row.sentAt,
    leaseUntil: row.leaseUntil,
    actedAt: row.actedAt,
    actedVerb: row.actedVerb,
    createdAt: row.createdAt,
  };
}

/** A row as `RETURNING *` gives it (snake_case columns). */
interface RawRow {
  id: string;
  kind: string;
  recipient_kind: MessageRow["recipientKind"];
  citizen_id: string | null;
  facilitator_id: string | null;
  channel: MessageRow["channel"];
  address: string;
  params: unknown;
  booking_id: string | null;
  waitlist_entry_id: string | null;
  course_session_id: string | null;
  due_at: Date;
  expires_at: Date | null;
  state: MessageRow["state"];
  reason: string | null;
  attempts: number;
  last_error: string | null;
  provider_message_id: string | null;
  sent_at: Date | null;
  lease_until: Date | null;
  queued_due_at: Date | null;
  acted_at: Date | null;
  acted_verb: string | null;
  dedupe_key: string;
  created_at: Date;
  updated_at: Date;
}

function fromRaw(r: RawRow): OutboundMessage {
  return toMessage({
    id: r.id,
    kind: r.kind,
    recipientKind: r.recipient_kind,
    citizenId: r.citizen_id,
    facilitatorId: r.facilitator_id,
    channel: r.channel,
    address: r.address,
    params: r.params as MessageRow["params"],
    bookingId: r.booking_id,
    waitlistEntryId: r.waitlist_entry_id,
    courseSessionId: r.course_session_id,
    dueAt: r.due_at,
    expiresAt: r.expires_at,
    state: r.state,
    reason: r.reason,
    attempts: r.attempts,
    lastError: r.last_error,
    providerMessageId: r.provider_message_id,
    sentAt: r.sent_at,
    leaseUntil: r.lease_until,
    queuedDueAt: r.queued_due_at,
    actedAt: r.acted_at,
    actedVerb: r.acted_verb,
    dedupeKey: r.dedupe_key,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  });
}

function where(filter: MessageFilter): Prisma.OutboundMessageWhereInput {
  return {
    ...(filter.bookingId ? { bookingId: filter.bookingId } : {}),
    ...(filter.waitlistEntryId ? { waitlistEntryId: filter.waitlistEntryId } : {}),
    ...(filter.courseSessionId ? { courseSessionId: filter.courseSessionId } : {}),
    ...(filter.citizenId ? { citizenId: filter.citizenId } : {}),
    ...(filter.kinds ? { kind: { in: [...filter.kinds] } } : {}),
  };
}

const toDue = (rows: Array<{ id: string; channel: string; due_at: Date }>): DueMessage[] =>
  rows.map((r) => ({ id: r.id, channel: r.channel as ChannelName, dueAt: r.due_at }));

export function prismaOutboundMessageRepository(db: DbClient): OutboundMessageRepository {
  return {
    async add(message) {
      const recipient = message.recipient;
      // ON CONFLICT instead of catching a unique violation: that would abort the caller's transaction
      const inserted = await db.$queryRaw<Array<{ id: string }>>`
        INSERT INTO outbound_message (id, kind, recipient_kind, citizen_id, facilitator_id, channel, address, params,
          booking_id, waitlist_entry_id, course_session_id, due_at, expires_at, state, reason, dedupe_key, updated_at)
        VALUES (${randomUUID()}::uuid, ${message.kind}, ${recipient.kind}::recipient_kind,
          ${recipient.kind === "citizen" ? recipient.citizenId : null}::uuid,
          ${recipient.kind === "facilitator" ? recipient.facilitatorId : null}::uuid,
          ${message.address.channel}::channel, ${message.address.externalId}, ${JSON.stringify(message.params ?? {})}::jsonb,
          ${message.bookingId ?? null}::uuid, ${message.waitlistEntryId ?? null}::uuid, ${message.courseSessionId ?? null}::uuid,
          ${message.dueAt}, ${message.expiresAt ?? null}, ${message.state ?? "pending"}::outbound_state,
          ${message.reason ?? null}, ${message.dedupeKey}, now())
        ON CONFLICT (dedupe_key) DO NOTHING
        RETURNING id`;
      const id = inserted[0]?.id;
      if (id) return { id, created: true };
      const existing = await db.outboundMessage.findUnique({ where: { dedupeKey: message.dedupeKey } });
      if (!existing) throw new Error("outbound message vanished between insert and read");
      return { id: existing.id, created: false };
    },

    async findById(id) {
      if (!isUuid(id)) return null;
      const row = await db.outboundMessage.findUnique({ where: { id } });
      return row ? toMessage(row) : null;
    },

    async listByParams(kind, params) {
      const rows = await db.$queryRaw<RawRow[]>`
        SELECT * FROM outbound_message WHERE kind = ${kind} AND params @> ${JSON.stringify(params)}::jsonb
        ORDER BY created_at, id`;
      return rows.map(fromRaw);
    },

    async cancelPending(filter, reason) {
      const { count } = await db.outboundMessage.updateMany({
        where: { ...where(filter), state: "pending" },
        data: { state: "cancelled", reason },
      });
      return count;
    },

    async addressOfCitizen(citizenId) {
      if (!isUuid(citizenId)) return null;
      const identity = await db.channelIdentity.findFirst({
        where: { citizenId, citizen: { erasedAt: null } },
        orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      });
      return identity ? { channel: identity.channel, externalId: identity.externalId } : null;
    },

    async claimDue(id, at) {
      if (!isUuid(id)) return null;
      // one round trip: pending, due, not expired, with a recipient, to an address that is reachable
      const rows = await db.$queryRaw<RawRow[]>`
        UPDATE outbound_message m
        SET state = 'sending', lease_until = ${at.leaseUntil}, attempts = m.attempts + 1, updated_at = now()
        WHERE m.id = ${id}::uuid AND m.state = 'pending' AND m.due_at <= ${at.dueBy}
          AND (m.expires_at IS NULL OR m.expires_at > ${at.now})
          AND m.address <> '' AND (m.citizen_id IS NOT NULL OR m.facilitator_id IS NOT NULL)
          AND NOT EXISTS (
            SELECT 1 FROM channel_identity ci
            WHERE ci.channel = m.channel AND ci.external_id = m.address AND ci.unreachable_at IS NOT NULL)
        RETURNING m.*`;
      const row = rows[0];
      return row ? fromRaw(row) : null;
    },

    async markSent(id, sent) {
      const { count } = await db.outboundMessage.updateMany({
        where: { id, state: "sending" },
        data: {
          state: "sent",
          sentAt: sent.at,
          providerMessageId: sent.providerMessageId,
          leaseUntil: null,
          reason: null,
        },
      });
      return count === 1;
    },

    async markUndelivered(channel, providerMessageId, reason) {
      const { count } = await db.outboundMessage.updateMany({
        where: { channel, providerMessageId, state: "sent" },
        data: { state: "failed", reason },
      });
      return count > 0;
    },

    async release(id, why) {
      const { count } = await db.outboundMessage.updateMany({
        where: { id, state: "sending" },
        data: {
          state: "pending",
          leaseUntil: null,
          ...(why.lastError ? { lastError: why.lastError } : {}),
          ...(why.attempted ? {} : { attempts: { decrement: 1 } }),
        },
      });
      return count === 1;
    },

    async close(id, from, to, reason) {
      const { count } = await db.outboundMessage.updateMany({
        where: { id, state: from },
        data: {
          state: to as MessageState as MessageRow["state"],
          reason,
          leaseUntil: null,
          ...(to === "failed" ? { lastError: reason } : {}),
        },
      });
      return count === 1;
    },

    async expireLeases(now, limit) {
      return db.$executeRaw`
        UPDATE outbound_message SET state = 'unknown', reason = 'lease_expired', lease_until = NULL, updated_at = now()
        WHERE id IN (
          SELECT id FROM outbound_message WHERE state = 'sending' AND lease_until < ${now}
          ORDER BY lease_until LIMIT ${limit} FOR UPDATE SKIP LOCKED)`;
    },

    async takeToQueue(until, limit, channels) {
      if (channels.length === 0) return [];
      const rows = await db.$queryRaw<Array<{ id: string; channel: string; due_at: Date }>>`
        UPDATE outbound_message m SET queued_due_at = m.due_at
        FROM (
          SELECT id FROM outbound_message
          WHERE state = 'pending' AND queued_due_at IS DISTINCT FROM due_at AND due_at <= ${until}
            AND channel::text = ANY(${[...channels]})
          ORDER BY due_at, id LIMIT ${limit}
          FOR UPDATE SKIP LOCKED) picked
        WHERE m.id = picked.id
        RETURNING m.id, m.channel::text AS channel, m.due_at`;
      return toDue(rows).sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
    },

    async unqueue(ids) {
      if (ids.length === 0) return;
      await db.outboundMessage.updateMany({
        where: { id: { in: [...ids] }, state: "pending" },
        data: { queuedDueAt: null },
      });
    },

    async listPending(until, after, limit) {
      const rows = after
        ? await db.$queryRaw<Array<{ id: string; channel: string; due_at: Date }>>`
            SELECT id, channel::text AS channel, due_at FROM outbound_message
            WHERE state = 'pending' AND due_at <= ${until} AND (due_at, id) > (${after.dueAt}, ${after.id}::uuid)
            ORDER BY due_at, id LIMIT ${limit}`
        : await db.$queryRaw<Array<{ id: string; channel: string; due_at: Date }>>`
            SELECT id, channel::text AS channel, due_at FROM outbound_message
            WHERE state = 'pending' AND due_at <= ${until}
            ORDER BY due_at, id LIMIT ${limit}`;
      return toDue(rows);
    },

    async countOpen(now) {
      const since = new Date(now.getTime() - 24 * 60 * 60 * 1000);
      const rows = await db.$queryRaw<Array<{ pending: bigint; sending: bigint; unknown: bigint; failed: bigint }>>`
        SELECT
          (SELECT count(*) FROM outbound_message WHERE state = 'pending') AS pending,
          (SELECT count(*) FROM outbound_message WHERE state = 'sending') AS sending,
          (SELECT count(*) FROM outbound_message WHERE state = 'unknown') AS unknown,
          (SELECT count(*) FROM outbound_message WHERE state = 'failed' AND updated_at > ${since}) AS failed`;
      const row = rows[0];
      return {
        pending: Number(row?.pending ?? 0),
        sending: Number(row?.sending ?? 0),
        unknown: Number(row?.unknown ?? 0),
        failed_last_day: Number(row?.failed ?? 0),
      };
    },

    async markActed(id, verb, at) {
      const { count } = await db.outboundMessage.updateMany({
        where: { id, actedAt: null },
        data: { actedAt: at, actedVerb: verb },
      });
      return count === 1;
    },

    async markUnreachable(address, at) {
      await db.channelIdentity.updateMany({
        where: { channel: address.channel, externalId: address.externalId },
        data: { unreachableAt: at },
      });
    },

    async markReachable(address) {
      await db.channelIdentity.updateMany({
        where: { channel: address.channel, externalId: address.externalId, unreachableAt: { not: null } },
        data: { unreachableAt: null },
      });
    },

    async isUnreachable(address) {
      const identity = await db.channelIdentity.findUnique({
        where: { channel_externalId: { channel: address.channel, externalId: address.externalId } },
        select: { unreachableAt: true },
      });
      return identity?.unreachableAt != null;
    },

    async forgetCitizen(citizenId) {
      await db.outboundMessage.updateMany({
        where: { citizenId, state: "pending" },
        data: { state: "cancelled", reason: "erased" },
      });
      await db.outboundMessage.updateMany({ where: { citizenId }, data: { address: "" } });
      // messages to facilitators about the citizen (a call-back request) are not sent any more
      await db.$executeRaw`
        UPDATE outbound_message SET state = 'cancelled', reason = 'erased', updated_at = now()
        WHERE recipient_kind = 'facilitator' AND state = 'pending'
          AND params @> ${JSON.stringify({ citizenId })}::jsonb`;
    },
  };
}
