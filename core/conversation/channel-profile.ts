import type { MessageKey, Translate } from "./i18n.js";
import type { ChatIdentity, Choice, Reply } from "./reply.js";

/**
 * What a channel can show, as the engine reads it: the engine fits every question to it (pages
 * of choices, short labels, how to answer), so steps never ask which channel they are on.
 */
export interface ChannelProfile {
  /** Most choices one question offers, the engine's "Indietro" and page choices included. */
  maxChoices: number;
  /** Longest label shown: a longer one is replaced by its `Choice.short` form when it has one. */
  labelMax: number;
  /**
   * Whether choices are buttons. Without them they are numbered lines, and the engine adds how to
   * answer (`hints.answer`) and how to share a position (`hints.shareLocation`), in the citizen's language.
   */
  buttons: boolean;
  /** The messages a channel without buttons adds (keys of core/conversation/messages). */
  hints?: { answer: MessageKey; shareLocation: MessageKey };
}

/**
 * The channels' profiles. WhatsApp: numbered text (Baileys has no buttons), at most 10 lines
 * (a longer list is hard to read on a phone), a numbered line wraps past about 35 characters
 * ("10. " included). Telegram and the web chat: buttons, labels up to the messages' 40 characters.
 */
export const CHANNEL_PROFILES: Readonly<Record<ChatIdentity["channel"], ChannelProfile>> = {
  telegram: { maxChoices: 12, labelMax: 40, buttons: true },
  web: { maxChoices: 12, labelMax: 40, buttons: true },
  whatsapp: {
    maxChoices: 10,
    labelMax: 30,
    buttons: false,
    hints: { answer: "whatsapp.replyWithNumber", shareLocation: "whatsapp.shareLocation" },
  },
};

export function profileFor(channel: ChatIdentity["channel"]): ChannelProfile {
  return CHANNEL_PROFILES[channel];
}

function fitLabel(choice: Choice, profile: ChannelProfile): Choice {
  if (!choice.short || [...choice.label].length <= profile.labelMax) return choice;
  const { short, ...rest } = choice;
  return { ...rest, label: short };
}

/**
 * Replies as the channel can show them: labels cut to their short form where too long, and on a
 * channel without buttons the "reply with the number" hint (and how to share a position) added in
 * the language of `t`. Used by the engine on every turn and by the pushed messages' composer.
 */
export function fitReplies(replies: readonly Reply[], profile: ChannelProfile, t: Translate): Reply[] {
  const hints = profile.buttons ? undefined : profile.hints;
  return replies.map((reply) => {
    switch (reply.kind) {
      case "choices":
        return {
          ...reply,
          choices: reply.choices.map((c) => fitLabel(c, profile)),
          ...(hints && reply.choices.length > 0 ? { hint: t(hints.answer) } : {}),
        };
      case "location_request":
        return {
          ...reply,
          choices: reply.choices.map((c) => fitLabel(c, profile)),
          ...(hints ? { howToShare: t(hints.shareLocation) } : {}),
          ...(hints && reply.choices.length > 0 ? { hint: t(hints.answer) } : {}),
        };
      default:
        return reply;
    }
  });
}

/** The engine's own page choices, when a question has more choices than the channel shows. */
export const MORE_CHOICES = "more_";
export const PREVIOUS_CHOICES = "prev_";

/**
 * One page of a question's choices within `max`: the ways out (`pinned`: "Indietro", "Menu") on
 * every page, the others `max - pinned - 2` at a time with "previous" and "more" choices as needed.
 * A question that fits is returned as it is. `page` is clamped to the pages there are.
 */
export function pageOfChoices<C extends Choice>(
  choices: readonly C[],
  options: { max: number; page: number; pinned: (choice: C) => boolean; more: C; previous: C },
): { choices: C[]; page: number } {
  if (choices.length <= options.max) return { choices: [...choices], page: 0 };
  const pinned = choices.filter(options.pinned);
  const items = choices.filter((c) => !options.pinned(c));
  const perPage = Math.max(1, options.max - pinned.length - 2);
  const pages = Math.ceil(items.length / perPage);
  const page = Math.min(Math.max(0, options.page), pages - 1);
  return {
    page,
    choices: [
      ...items.slice(page * perPage, (page + 1) * perPage),
      ...(page > 0 ? [options.previous] : []),
      ...(page < pages - 1 ? [options.more] : []),
      ...pinned,
    ],
  };
}
