import type { ChatFacilitator, Facilitator, FacilitatorInvite } from "../../../core/facilitators/facilitator.js";
import type { FacilitatorRepository } from "../../../core/facilitators/ports.js";
import { isUuid } from "../../../core/validation.js";
import type { DbClient } from "./prisma-types.js";

const withPoints = { points: { select: { pointId: true, role: true }, orderBy: { pointId: "asc" as const } } };

type Row = {
  id: string;
  displayName: string;
  active: boolean;
  points: Array<{ pointId: string; role: Facilitator["points"][number]["role"] }>;
};

function toFacilitator(row: Row): Facilitator {
  return { id: row.id, displayName: row.displayName, active: row.active, points: row.points };
}

function toInvite(row: FacilitatorInvite): FacilitatorInvite {
  return {
    id: row.id,
    facilitatorId: row.facilitatorId,
    pointId: row.pointId,
    expiresAt: row.expiresAt,
    usedAt: row.usedAt,
    revokedAt: row.revokedAt,
  };
}

export function prismaFacilitatorRepository(db: DbClient): FacilitatorRepository {
  return {
    async findById(id) {
      if (!isUuid(id)) return null;
      const row = await db.facilitator.findUnique({ where: { id }, include: withPoints });
      return row ? toFacilitator(row) : null;
    },

    async findByAddress(address) {
      const identity = await db.facilitatorIdentity.findUnique({
        where: { channel_externalId: { channel: address.channel, externalId: address.externalId } },
        include: { facilitator: { include: withPoints } },
      });
      if (!identity) return null;
      const chat: ChatFacilitator = { ...toFacilitator(identity.facilitator), language: identity.language };
      return chat;
    },

    async findAtPointByName(pointId, displayName) {
      if (!isUuid(pointId)) return null;
      const row = await db.facilitator.findFirst({
        where: { displayName, active: true, points: { some: { pointId } } },
        include: withPoints,
        orderBy: { createdAt: "asc" },
      });
      return row ? toFacilitator(row) : null;
    },

    async create(input) {
      const row = await db.facilitator.create({ data: { displayName: input.displayName }, include: withPoints });
      return toFacilitator(row);
    },

    async setMembership(facilitatorId, pointId, role) {
      await db.facilitatorPoint.upsert({
        where: { facilitatorId_pointId: { facilitatorId, pointId } },
        create: { facilitatorId, pointId, role },
        update: { role },
      });
    },

    async addInvite(input) {
      return toInvite(await db.facilitatorInvite.create({ data: input }));
    },

    async findInviteByHash(codeHash) {
      const rows = await db.$queryRaw<Array<{ id: string }>>`
        SELECT id FROM facilitator_invite WHERE code_hash = ${codeHash} FOR UPDATE`;
      const id = rows[0]?.id;
      if (!id) return null;
      const row = await db.facilitatorInvite.findUnique({ where: { id } });
      return row ? toInvite(row) : null;
    },

    async useInvite(id, at) {
      const { count } = await db.facilitatorInvite.updateMany({
        where: { id, usedAt: null, revokedAt: null },
        data: { usedAt: at },
      });
      return count === 1;
    },

    async linkAddress(facilitatorId, address, language) {
      await db.facilitatorIdentity.upsert({
        where: { channel_externalId: { channel: address.channel, externalId: address.externalId } },
        create: { facilitatorId, channel: address.channel, externalId: address.externalId, language },
        update: { facilitatorId, language, createdAt: new Date() },
      });
    },

    async revoke(facilitatorId, at) {
      if (!isUuid(facilitatorId)) return false;
      const { count } = await db.facilitator.updateMany({ where: { id: facilitatorId }, data: { active: false } });
      if (count === 0) return false;
      await db.facilitatorIdentity.deleteMany({ where: { facilitatorId } });
      await db.facilitatorInvite.updateMany({
        where: { facilitatorId, usedAt: null, revokedAt: null },
        data: { revokedAt: at },
      });
      // messages waiting for them are pointless now
      await db.outboundMessage.updateMany({
        where: { facilitatorId, state: "pending" },
        data: { state: "cancelled", reason: "facilitator_revoked" },
      });
      return true;
    },

    async list(now) {
      const rows = await db.facilitator.findMany({
        include: {
          ...withPoints,
          _count: { select: { identities: true } },
          invites: { where: { usedAt: null, revokedAt: null, expiresAt: { gt: now } }, select: { id: true } },
        },
        orderBy: [{ displayName: "asc" }, { id: "asc" }],
      });
      return rows.map((row) => ({
        ...toFacilitator(row),
        chats: row._count.identities,
        openInvites: row.invites.length,
      }));
    },

    async reachableAt(pointId, roles) {
      if (!isUuid(pointId)) return [];
      const members = await db.facilitatorPoint.findMany({
        where: { pointId, facilitator: { active: true }, ...(roles ? { role: { in: [...roles] } } : {}) },
        include: {
          facilitator: {
            include: { identities: { orderBy: [{ createdAt: "desc" }, { id: "asc" }], take: 1 } },
          },
        },
        orderBy: { facilitatorId: "asc" },
      });
      return members.flatMap((m) => {
        const identity = m.facilitator.identities[0];
        return identity
          ? [
              {
                facilitatorId: m.facilitatorId,
                displayName: m.facilitator.displayName,
                role: m.role,
                address: { channel: identity.channel, externalId: identity.externalId },
              },
            ]
          : [];
      });
    },

    async addressOf(facilitatorId) {
      if (!isUuid(facilitatorId)) return null;
      const identity = await db.facilitatorIdentity.findFirst({
        where: { facilitatorId, facilitator: { active: true } },
        orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      });
      return identity
        ? { address: { channel: identity.channel, externalId: identity.externalId }, language: identity.language }
        : null;
    },

    async countLinkFailures(chatKey, since) {
      return db.facilitatorLinkFailure.count({ where: { chatKey, at: { gt: since } } });
    },

    async addLinkFailure(chatKey, at) {
      await db.facilitatorLinkFailure.create({ data: { chatKey, at } });
    },
  };
}
