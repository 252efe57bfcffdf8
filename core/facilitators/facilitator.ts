import type { ChannelAddress } from "../messaging/message.js";
import type { FacilitatorRole } from "./roles.js";

/** A facilitator's role at one point. */
export interface Membership {
  pointId: string;
  role: FacilitatorRole;
}

export interface Facilitator {
  id: string;
  displayName: string;
  active: boolean;
  points: Membership[];
}

/**
 * The facilitator a chat is linked to, read fresh at every message: a revoked facilitator, or one
 * with no point left, is no facilitator at all (`resolveChatFacilitator`).
 */
export interface ChatFacilitator extends Facilitator {
  /** The chat's language when it was linked. */
  language: string;
}

/** A facilitator of a point who can be written to: the chat they linked most recently. */
export interface ReachableFacilitator {
  facilitatorId: string;
  displayName: string;
  role: FacilitatorRole;
  address: ChannelAddress;
}

export interface FacilitatorInvite {
  id: string;
  facilitatorId: string;
  pointId: string;
  expiresAt: Date;
  usedAt: Date | null;
  revokedAt: Date | null;
}

export interface FacilitatorListing extends Facilitator {
  chats: number;
  /** Unused, unrevoked invites that have not expired. */
  openInvites: number;
}

export function roleAt(facilitator: Facilitator, pointId: string): FacilitatorRole | undefined {
  return facilitator.points.find((p) => p.pointId === pointId)?.role;
}
