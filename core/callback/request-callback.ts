import { MessageKind } from "../messaging/kinds.js";
import type { OutboundMessage } from "../messaging/message.js";
import { notifyPointFacilitators } from "../messaging/notify.js";
import type { CoreDeps } from "../ports.js";

/** When the citizen prefers to be called. */
export type CallbackWhen = "morning" | "afternoon" | "any";

/** A request not acted on within this time no longer stops a new one (and is not sent any more). */
export const CALLBACK_OPEN_MS = 3 * 86_400_000;
/** What the citizen is told: points usually call back within this many working days (a habit, not a promise). */
export const CALLBACK_USUAL_DAYS = 2;

/** Whether a point has someone who can receive a call-back request in the chat. */
export async function canCallBack(deps: CoreDeps, pointId: string): Promise<boolean> {
  return (await deps.repos.facilitators.reachableAt(pointId)).length > 0;
}

/**
 * A citizen asks a point to call them back: one message per reachable facilitator of the point
 * (params: ids and the preferred time only; the number is read from the citizen when it is sent).
 * Keyed by citizen, point, request number and facilitator; an open request (not acted on, recent)
 * is not asked again.
 */
export async function requestCallback(
  deps: CoreDeps,
  input: { citizenId: string; pointId: string; when: CallbackWhen },
): Promise<"sent" | "already" | "nobody"> {
  return deps.transaction(async (repos) => {
    if (!(await repos.citizens.lock(input.citizenId))) return "nobody";
    const now = deps.clock.now();
    const rows = await repos.messages.listByParams(MessageKind.callbackRequest, {
      citizenId: input.citizenId,
      pointId: input.pointId,
    });
    const open = rows.some(
      (r) => r.actedAt === null && r.state !== "cancelled" && now.getTime() - r.createdAt.getTime() < CALLBACK_OPEN_MS,
    );
    if (open) return "already";
    const request = new Set(rows.map((r) => r.params.request)).size + 1;
    const written = await notifyPointFacilitators(repos, input.pointId, {
      kind: MessageKind.callbackRequest,
      params: { citizenId: input.citizenId, pointId: input.pointId, request, when: input.when },
      dueAt: now,
      expiresAt: new Date(now.getTime() + CALLBACK_OPEN_MS),
      dedupeKey: `callback.request:${input.citizenId}:${input.pointId}:${request}`,
    });
    if (written === 0) return "nobody";
    return "sent";
  });
}

/**
 * A facilitator pressed «Fatto» or «Non risponde» on their copy of a request: the first press on
 * any copy wins (under the citizen's lock); later presses learn who acted and how.
 */
export async function actOnCallback(
  deps: CoreDeps,
  message: OutboundMessage,
  verb: "done" | "no_answer",
): Promise<{ done: true } | { done: false; byFacilitatorId: string | null; verb: string | null }> {
  const citizenId = String(message.params.citizenId ?? "");
  return deps.transaction(async (repos) => {
    await repos.citizens.lock(citizenId);
    const copies = await repos.messages.listByParams(MessageKind.callbackRequest, {
      citizenId,
      pointId: String(message.params.pointId ?? ""),
      request: Number(message.params.request ?? 0),
    });
    const acted = copies.find((c) => c.actedAt !== null);
    if (acted) {
      const by = acted.recipient?.kind === "facilitator" ? acted.recipient.facilitatorId : null;
      return { done: false, byFacilitatorId: by, verb: acted.actedVerb };
    }
    const marked = await repos.messages.markActed(message.id, verb, deps.clock.now());
    return marked ? { done: true } : { done: false, byFacilitatorId: null, verb: null };
  });
}
