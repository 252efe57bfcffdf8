import { z } from "zod";
import { SportelloError } from "../errors.js";
import type { CoreDeps } from "../ports.js";
import { parseInput } from "../validation.js";
import type { Facilitator } from "./facilitator.js";
import { generateInviteCode, hashInviteCode } from "./invite-code.js";

export const INVITE_VALID_DAYS = 7;

const inviteInput = z.object({
  pointId: z.string().uuid(),
  displayName: z.string().trim().min(2).max(120),
  role: z.enum(["facilitator", "team_lead", "scd_volunteer"]).default("facilitator"),
});

/**
 * A one-time code (valid 7 days) that links a chat to a facilitator of a point. The facilitator is
 * created, or found by name at that point (a new phone gets a new code); only the code's hash is kept.
 */
export async function inviteFacilitator(
  deps: Pick<CoreDeps, "transaction" | "clock">,
  raw: z.input<typeof inviteInput>,
): Promise<{ facilitator: Facilitator; code: string; expiresAt: Date }> {
  const input = parseInput(inviteInput, raw, "inviteFacilitator");
  const code = generateInviteCode();
  const expiresAt = new Date(deps.clock.now().getTime() + INVITE_VALID_DAYS * 86_400_000);
  return deps.transaction(async (repos) => {
    const point = await repos.points.findById(input.pointId);
    if (!point) {
      throw new SportelloError({
        code: "not_found",
        message: "inviteFacilitator: no such point",
        userMessage: "Punto non trovato.",
      });
    }
    const existing = await repos.facilitators.findAtPointByName(point.id, input.displayName);
    const facilitator = existing ?? (await repos.facilitators.create({ displayName: input.displayName }));
    await repos.facilitators.setMembership(facilitator.id, point.id, input.role);
    await repos.facilitators.addInvite({
      facilitatorId: facilitator.id,
      pointId: point.id,
      codeHash: hashInviteCode(code),
      expiresAt,
    });
    const stored = await repos.facilitators.findById(facilitator.id);
    return { facilitator: stored ?? facilitator, code, expiresAt };
  });
}

/** Revoked: no longer active, chats unlinked, open invites refused. Effective at the next message. */
export async function revokeFacilitator(
  deps: Pick<CoreDeps, "transaction" | "clock">,
  facilitatorId: string,
): Promise<boolean> {
  if (!z.string().uuid().safeParse(facilitatorId).success) return false;
  return deps.transaction((repos) => repos.facilitators.revoke(facilitatorId, deps.clock.now()));
}
