import type { Composed } from "../../messaging/deliver.js";
import type { OutboundMessage } from "../../messaging/message.js";
import type { CoreDeps, PointDetails } from "../../ports.js";
import { fitReplies, profileFor } from "../channel-profile.js";
import { DEFAULT_LANG, isLang, type Lang, translator } from "../i18n.js";
import { PUSH_KINDS } from "./kinds/index.js";

/** The language a message is written in: the recipient's, read at send time. Null when they are gone. */
async function languageOf(core: CoreDeps, message: OutboundMessage): Promise<Lang | null> {
  const recipient = message.recipient;
  if (!recipient) return null;
  if (recipient.kind === "facilitator") {
    // the language of the chat they linked; none (revoked, unlinked): not sent
    const chat = await core.repos.facilitators.addressOf(recipient.facilitatorId);
    if (!chat) return null;
    return isLang(chat.language) ? chat.language : DEFAULT_LANG;
  }
  const citizen = await core.repos.citizens.findById(recipient.citizenId);
  if (!citizen || citizen.erasedAt) return null;
  return isLang(citizen.preferredLanguage) ? citizen.preferredLanguage : DEFAULT_LANG;
}

/**
 * Composes outbound messages at send time with their kind's composer, in the recipient's language,
 * from the current state of what they speak of (a re-timed booking shows its new time; a cancelled
 * one is not reminded). Rows of unknown kinds or with bad params are skipped, never sent.
 */
export function createComposer(deps: {
  core: CoreDeps;
  /** Points from an in-memory directory when there is one; the database otherwise. */
  point?: (pointId: string) => Promise<PointDetails | null | undefined>;
}): (message: OutboundMessage) => Promise<Composed> {
  const { core } = deps;
  const point = async (pointId: string) =>
    (await deps.point?.(pointId)) ?? (await core.repos.points.findById(pointId)) ?? null;
  return async (message) => {
    const kind = PUSH_KINDS.get(message.kind);
    if (!kind) return { skip: "unknown_kind" };
    const params = kind.params.safeParse(message.params);
    if (!params.success) return { skip: "bad_params" };
    const lang = await languageOf(core, message);
    if (!lang) return { skip: "recipient_gone" };
    const profile = profileFor(message.address.channel);
    const ctx = { core, lang, t: translator(lang, profile), zone: core.timeZone, now: core.clock.now(), point };
    const composed = await kind.compose(ctx, message, params.data);
    // within the recipient's channel, as the conversation is (WhatsApp: numbered, "reply with the number")
    if (!("replies" in composed)) return composed;
    return { ...composed, replies: fitReplies(composed.replies, profile, ctx.t) };
  };
}
