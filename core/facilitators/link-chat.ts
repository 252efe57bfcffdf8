import { createHash } from "node:crypto";
import type { ChannelAddress } from "../messaging/message.js";
import type { CoreDeps } from "../ports.js";
import type { Facilitator } from "./facilitator.js";
import { canonicalCode, hashInviteCode } from "./invite-code.js";

/** Wrong codes allowed per chat in an hour; the next ones are refused until the hour has passed. */
export const MAX_WRONG_CODES = 5;
export const WRONG_CODES_WINDOW_MS = 60 * 60_000;

export type LinkOutcome =
  | { linked: true; facilitator: Facilitator }
  | { linked: false; why: "unknown" | "expired" | "revoked" | "used" | "locked" };

/** The chat, as the lockout counts it: never the channel id in clear. */
export function linkChatKey(address: ChannelAddress): string {
  return createHash("sha256").update(`link:${address.channel}:${address.externalId}`).digest("hex").slice(0, 40);
}

/**
 * A chat types (or opens the link of) an invite code. A good code links the chat and is used up;
 * an unknown one counts as a wrong guess. After MAX_WRONG_CODES wrong codes in an hour the chat is
 * refused, whatever it types, until the oldest of them is an hour old.
 */
export async function linkChat(
  deps: Pick<CoreDeps, "transaction" | "clock">,
  input: { address: ChannelAddress; code: string; language: string },
): Promise<LinkOutcome> {
  const now = deps.clock.now();
  const chatKey = linkChatKey(input.address);
  return deps.transaction(async (repos) => {
    const since = new Date(now.getTime() - WRONG_CODES_WINDOW_MS);
    if ((await repos.facilitators.countLinkFailures(chatKey, since)) >= MAX_WRONG_CODES) {
      return { linked: false, why: "locked" };
    }
    const code = canonicalCode(input.code);
    const invite = code ? await repos.facilitators.findInviteByHash(hashInviteCode(code)) : null;
    if (!invite) {
      await repos.facilitators.addLinkFailure(chatKey, now);
      return { linked: false, why: "unknown" };
    }
    const facilitator = await repos.facilitators.findById(invite.facilitatorId);
    if (invite.revokedAt || !facilitator?.active) return { linked: false, why: "revoked" };
    if (invite.usedAt) return { linked: false, why: "used" };
    if (invite.expiresAt.getTime() <= now.getTime()) return { linked: false, why: "expired" };
    if (!(await repos.facilitators.useInvite(invite.id, now))) return { linked: false, why: "used" };
    await repos.facilitators.linkAddress(facilitator.id, input.address, input.language);
    return { linked: true, facilitator };
  });
}
