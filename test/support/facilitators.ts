import type { Db } from "../../app/db/prisma-client.js";
import type { ConversationEngine } from "../../core/conversation/engine.js";
import { createComposer } from "../../core/conversation/push/compose.js";
import { pushedQuestionOf } from "../../core/conversation/push/push-choice.js";
import type { Choice, Reply } from "../../core/conversation/reply.js";
import { inviteFacilitator } from "../../core/facilitators/invite.js";
import type { FacilitatorRole } from "../../core/facilitators/roles.js";
import type { CoreDeps } from "../../core/ports.js";
import { engineChat } from "./engine-chat.js";

/** A facilitator invited to a point and linked to a web chat by typing the code. */
export async function linkedFacilitator(
  engine: ConversationEngine,
  core: CoreDeps,
  pointId: string,
  name: string,
  role: FacilitatorRole = "facilitator",
) {
  const { facilitator, code } = await inviteFacilitator(core, { pointId, displayName: name, role });
  const chat = engineChat(engine);
  await chat.send({ kind: "start" });
  await chat.say(code);
  return { chat, facilitatorId: facilitator.id, code };
}

/**
 * What the workers do with one outbound row, without Redis: composed now, marked sent, its buttons
 * noted as the chat's question. Returns the replies (the "message" the person sees).
 */
export async function deliverRow(core: CoreDeps, engine: ConversationEngine, id: string): Promise<Reply[]> {
  const message = await core.repos.messages.findById(id);
  if (!message) throw new Error("no such row");
  const composed = await createComposer({ core })(message);
  if ("skip" in composed) throw new Error(`skipped: ${composed.skip}`);
  const now = core.clock.now();
  const claimed = await core.repos.messages.claimDue(id, {
    now,
    dueBy: new Date(now.getTime() + 86_400_000),
    leaseUntil: new Date(now.getTime() + 60_000),
  });
  if (!claimed) throw new Error("could not claim");
  await core.repos.messages.markSent(id, { at: now, providerMessageId: null });
  const question = pushedQuestionOf(composed.replies);
  if (question)
    await engine.notePushed({ channel: message.address.channel, userId: message.address.externalId }, question);
  return composed.replies;
}

/** Rows of a kind (newest last). */
export async function rowsOf(
  db: Db,
  kind: string,
  where: { bookingId?: string; facilitatorId?: string; citizenId?: string } = {},
) {
  return db.outboundMessage.findMany({ where: { kind, ...where }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
}

export function buttonOf(replies: Reply[], label: string | RegExp): string {
  const choices = replies.flatMap((r) => ("choices" in r ? (r.choices as Choice[]) : []));
  const found = choices.find((c) => (typeof label === "string" ? c.label === label : label.test(c.label)));
  if (!found) throw new Error(`no button ${label} among ${choices.map((c) => c.label).join(" | ")}`);
  return found.id;
}

export function textOf(replies: Reply[]): string {
  return replies.map((r) => ("text" in r ? r.text : "")).join("\n");
}
