import type { ChannelAddress } from "../messaging/message.js";
import type {
  ChatFacilitator,
  Facilitator,
  FacilitatorInvite,
  FacilitatorListing,
  ReachableFacilitator,
} from "./facilitator.js";
import type { FacilitatorRole } from "./roles.js";

/** Facilitators, their chats and invite codes (PostgreSQL: app/db/repositories/facilitator-repository.ts). */
export interface FacilitatorRepository {
  findById(id: string): Promise<Facilitator | null>;
  /** The facilitator linked to this chat, active or not; null when the chat is not linked. */
  findByAddress(address: ChannelAddress): Promise<ChatFacilitator | null>;
  /** An active facilitator of that point with exactly that name (a second invite for a new phone). */
  findAtPointByName(pointId: string, displayName: string): Promise<Facilitator | null>;
  create(input: { displayName: string }): Promise<Facilitator>;
  /** Adds the point, or changes the role there. */
  setMembership(facilitatorId: string, pointId: string, role: FacilitatorRole): Promise<void>;
  addInvite(input: {
    facilitatorId: string;
    pointId: string;
    codeHash: string;
    expiresAt: Date;
  }): Promise<FacilitatorInvite>;
  /** The invite with that code hash, locked for the rest of the transaction. */
  findInviteByHash(codeHash: string): Promise<FacilitatorInvite | null>;
  /** unused → used, one conditional update: false when someone used it meanwhile. */
  useInvite(id: string, at: Date): Promise<boolean>;
  /** Links the chat to the facilitator (a chat linked to someone else moves to this one). */
  linkAddress(facilitatorId: string, address: ChannelAddress, language: string): Promise<void>;
  /** No longer active, every chat unlinked, every open invite revoked. */
  revoke(facilitatorId: string, at: Date): Promise<boolean>;
  list(now: Date): Promise<FacilitatorListing[]>;
  /** Active facilitators of a point with a linked chat (the most recent one each). */
  reachableAt(pointId: string, roles?: readonly FacilitatorRole[]): Promise<ReachableFacilitator[]>;
  /** The chat a facilitator is written to: the most recent one, if still active. */
  addressOf(facilitatorId: string): Promise<{ address: ChannelAddress; language: string } | null>;
  countLinkFailures(chatKey: string, since: Date): Promise<number>;
  addLinkFailure(chatKey: string, at: Date): Promise<void>;
}
