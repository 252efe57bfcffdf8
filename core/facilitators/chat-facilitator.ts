import type { ChatIdentity } from "../conversation/reply.js";
import { SportelloError } from "../errors.js";
import type { Repositories } from "../ports.js";
import type { ChatFacilitator, Facilitator } from "./facilitator.js";
import type { FacilitatorRole } from "./roles.js";

/**
 * The facilitator of a chat, read from the database at every message: only a linked, active
 * facilitator with at least one point is one. Everyone else (citizens, revoked facilitators) gets null.
 */
export async function resolveChatFacilitator(
  repos: Pick<Repositories, "facilitators">,
  identity: Pick<ChatIdentity, "channel" | "userId">,
): Promise<ChatFacilitator | null> {
  const found = await repos.facilitators.findByAddress({ channel: identity.channel, externalId: identity.userId });
  return found?.active && found.points.length > 0 ? found : null;
}

/** Refused: the same words whatever the reason, so that nothing is learnt from them. */
export function notAllowed(operation: string): SportelloError {
  return new SportelloError({
    code: "forbidden",
    message: `${operation}: not a facilitator of this point`,
    userMessage: "Non puoi farlo da questa chat.",
  });
}

/**
 * The facilitator's role at the point, read inside the transaction that acts (a facilitator revoked
 * a moment ago is refused); throws `forbidden` otherwise.
 */
export async function requirePointRole(
  repos: Pick<Repositories, "facilitators">,
  facilitatorId: string,
  pointId: string,
  operation: string,
): Promise<{ facilitator: Facilitator; role: FacilitatorRole }> {
  const facilitator = await repos.facilitators.findById(facilitatorId);
  const role = facilitator?.active ? facilitator.points.find((p) => p.pointId === pointId)?.role : undefined;
  if (!facilitator || !role) throw notAllowed(operation);
  return { facilitator, role };
}
