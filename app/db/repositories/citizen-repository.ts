import { randomUUID } from "node:crypto";
import type { Citizen } from "../../../core/citizens/citizen.js";
import type { CitizenRepository } from "../../../core/ports.js";
import { isUuid } from "../../../core/validation.js";
import type { Citizen as CitizenRow } from "../generated/client.js";
import type { DbClient } from "./prisma-types.js";

function toCitizen(row: CitizenRow): Citizen {
  return {
    id: row.id,
    preferredLanguage: row.preferredLanguage,
    givenName: row.givenName,
    phone: row.phone,
    createdAt: row.createdAt,
    erasedAt: row.erasedAt,
  };
}

export function prismaCitizenRepository(db: DbClient): CitizenRepository {
  const findByIdentity: CitizenRepository["findByIdentity"] = async ({ channel, externalId }) => {
    const identity = await db.channelIdentity.findUnique({
      where: { channel_externalId: { channel, externalId } },
      include: { citizen: true },
    });
    return identity && identity.citizen.erasedAt === null ? toCitizen(identity.citizen) : null;
  };

  return {
    async findById(id) {
      if (!isUuid(id)) return null;
      const row = await db.citizen.findUnique({ where: { id } });
      return row ? toCitizen(row) : null;
    },

    findByIdentity,

    async createWithoutIdentity() {
      return toCitizen(await db.citizen.create({ data: {} }));
    },

    async createWithConsent(input) {
      const existing = await findByIdentity(input);
      if (existing) return { citizen: existing, created: false };
      const citizen = await db.citizen.create({ data: { preferredLanguage: input.language } });
      // Two requests of the same person at once (a double tap on "accetto"): the identity's unique
      // key decides. ON CONFLICT waits for the other transaction and never aborts this one.
      const claimed = await db.$queryRaw<Array<{ id: string }>>`
        INSERT INTO channel_identity (id, citizen_id, channel, external_id)
        VALUES (${randomUUID()}::uuid, ${citizen.id}::uuid, ${input.channel}::channel, ${input.externalId})
        ON CONFLICT (channel, external_id) DO NOTHING
        RETURNING id`;
      if (claimed.length === 0) {
        await db.citizen.delete({ where: { id: citizen.id } });
        const winner = await findByIdentity(input);
        if (!winner) throw new Error("channel identity taken by an erased citizen");
        return { citizen: winner, created: false };
      }
      await db.consent.create({
        data: {
          citizenId: citizen.id,
          channel: input.channel,
          noticeVersion: input.noticeVersion,
          acceptedAt: input.acceptedAt,
        },
      });
      return { citizen: toCitizen(citizen), created: true };
    },

    async recordConsent(citizenId, consent) {
      await db.consent.create({ data: { citizenId, ...consent } });
    },

    async addIdentity(citizenId, identity) {
      await db.channelIdentity.upsert({
        where: { channel_externalId: { channel: identity.channel, externalId: identity.externalId } },
        create: { citizenId, channel: identity.channel, externalId: identity.externalId },
        update: {},
      });
    },

    async update(id, patch) {
      return toCitizen(await db.citizen.update({ where: { id }, data: patch }));
    },

    async lock(id) {
      if (!isUuid(id)) return false;
      const rows = await db.$queryRaw<Array<{ id: string }>>`
        SELECT id FROM citizen WHERE id = ${id}::uuid AND erased_at IS NULL FOR UPDATE`;
      return rows.length === 1;
    },

    async anonymise(id, at) {
      await db.channelIdentity.deleteMany({ where: { citizenId: id } });
      await db.consent.updateMany({ where: { citizenId: id, withdrawnAt: null }, data: { withdrawnAt: at } });
      await db.booking.updateMany({ where: { citizenId: id }, data: { needNote: null } });
      await db.citizen.update({
        where: { id },
        data: { givenName: null, phone: null, fiscalCode: null, erasedAt: at },
      });
    },
  };
}
