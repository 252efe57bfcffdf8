import {
  areJidsSameUser,
  isHostedLidUser,
  isHostedPnUser,
  isLidUser,
  isPnUser,
  jidDecode,
  jidNormalizedUser,
  type proto,
  toNumber,
  type WAMessage,
  type WAMessageKey,
} from "@whiskeysockets/baileys";
import type { ChatIdentity, Inbound } from "../../core/conversation/reply.js";
import { readContent } from "./whatsapp-content.js";

/** A message from a person, ready for the engine. */
export interface WhatsAppIncoming {
  /** WhatsApp's message id (the de-duplication key); edits carry `<id>:edit:<time>`. */
  messageId: string;
  /** Where to answer: the chat id exactly as received, LID or phone JID alike (Baileys #1832). */
  chatJid: string;
  /** The person, keyed by LID when known (the maintainers' advice), else by phone JID. */
  identity: ChatIdentity;
  /** The person's phone JID and number (E.164, "+39…") when WhatsApp told us. */
  phoneJid?: string;
  phone?: string;
  inbound: Inbound;
  sentAt: Date;
  /** The person edited an earlier message: the new text is taken as a new answer. */
  edited?: true;
}

export type SkipReason =
  | "no_key"
  | "from_me"
  | "not_a_person"
  | "own_number"
  | "stub"
  | "too_old"
  | "silent"
  | "not_text_edit";

export type Translation =
  | { ok: true; message: WhatsAppIncoming; lidMissing: boolean }
  | { ok: false; skip: SkipReason; detail?: string };

/** Our own linked account, to recognise (and ignore) messages of the number itself. */
export interface OwnAccount {
  id?: string | null;
  lid?: string | null;
}

export interface TranslateContext {
  me: OwnAccount | undefined;
  now: Date;
  /** Messages older than this (queued while we were offline for long) are not answered. */
  maxAgeMs: number;
}

const isLid = (jid: string | null | undefined): jid is string => !!jid && (!!isLidUser(jid) || !!isHostedLidUser(jid));
const isPn = (jid: string | null | undefined): jid is string => !!jid && (!!isPnUser(jid) || !!isHostedPnUser(jid));

/** The parts of a direct chat's key: the chat as received, the LID and the phone JID when known. */
export function chatParties(key: WAMessageKey): { chatJid: string; lid?: string; phoneJid?: string } | undefined {
  const chatJid = key.remoteJid;
  if (!chatJid) return undefined;
  const alt = key.remoteJidAlt;
  const lid = [chatJid, alt].find(isLid);
  const phoneJid = [chatJid, alt].find(isPn);
  if (!lid && !phoneJid) return undefined;
  return {
    chatJid,
    ...(lid ? { lid: jidNormalizedUser(lid) } : {}),
    ...(phoneJid ? { phoneJid: jidNormalizedUser(phoneJid) } : {}),
  };
}

export function phoneOf(phoneJid: string | undefined): string | undefined {
  const user = phoneJid ? jidDecode(phoneJid)?.user : undefined;
  return user && /^\d{6,15}$/.test(user) ? `+${user}` : undefined;
}

function isOwn(parties: Parties, me: OwnAccount | undefined): boolean {
  if (!me) return false;
  const own = [me.id, me.lid].filter((j): j is string => !!j);
  const theirs = [parties.chatJid, parties.lid, parties.phoneJid].filter((j): j is string => !!j);
  return own.some((mine) => theirs.some((jid) => areJidsSameUser(mine, jid)));
}

function sentAt(timestamp: WAMessage["messageTimestamp"], now: Date): Date {
  const seconds = toNumber(timestamp ?? 0);
  return seconds > 0 ? new Date(seconds * 1_000) : now;
}

type Parties = NonNullable<ReturnType<typeof chatParties>>;
type Envelope = { ok: true; id: string; parties: Parties } | { ok: false; skip: SkipReason };

/** The checks every message passes, new or edited: a person's direct chat, not us. */
function envelope(key: WAMessageKey | null | undefined, me: OwnAccount | undefined): Envelope {
  if (!key?.id || !key.remoteJid) return { ok: false, skip: "no_key" };
  if (key.fromMe) return { ok: false, skip: "from_me" };
  // groups, broadcasts and status, newsletters, bots and service accounts: not a person's direct chat
  const parties = chatParties(key);
  if (!parties) return { ok: false, skip: "not_a_person" };
  if (isOwn(parties, me)) return { ok: false, skip: "own_number" };
  return { ok: true, id: key.id, parties };
}

function incoming(
  messageId: string,
  parties: Parties,
  inbound: Inbound,
  at: Date,
): { message: WhatsAppIncoming; lidMissing: boolean } {
  const phone = phoneOf(parties.phoneJid);
  const userId = parties.lid ?? parties.phoneJid ?? parties.chatJid;
  return {
    lidMissing: !parties.lid,
    message: {
      messageId,
      chatJid: parties.chatJid,
      identity: { channel: "whatsapp", userId, ...(phone ? { phone } : {}) },
      ...(parties.phoneJid ? { phoneJid: parties.phoneJid } : {}),
      ...(phone ? { phone } : {}),
      inbound,
      sentAt: at,
    },
  };
}

/**
 * A `messages.upsert` message (notify or append) as engine input, or why it is skipped:
 * our own messages and echoes, groups, broadcasts and status, newsletters, the linked number
 * itself, stubs (a decryption failure is retried by Baileys and arrives again decrypted),
 * protocol messages, reactions, and messages too old to answer now.
 */
export function translateMessage(message: WAMessage, context: TranslateContext): Translation {
  const checked = envelope(message.key, context.me);
  if (!checked.ok) return checked;
  if (message.messageStubType || !message.message) return { ok: false, skip: "stub" };
  const at = sentAt(message.messageTimestamp, context.now);
  if (context.now.getTime() - at.getTime() > context.maxAgeMs) return { ok: false, skip: "too_old" };
  const reading = readContent(message.message, phoneOf(checked.parties.phoneJid)?.slice(1));
  if (reading.kind === "silent") return { ok: false, skip: "silent", detail: reading.reason };
  return { ok: true, ...incoming(checked.id, checked.parties, reading.inbound, at) };
}

/**
 * A `messages.update` entry that edits a person's text, as a new text answer (WhatsApp allows
 * edits for 15 minutes; a corrected typo deserves the corrected answer). Anything else in the
 * update (deletions, receipts, our messages' status) is skipped with its reason.
 */
export function translateEdit(
  update: { key: WAMessageKey; update: Partial<WAMessage> },
  context: TranslateContext,
): Translation {
  const checked = envelope(update.key, context.me);
  if (!checked.ok) return checked;
  const edited: proto.IMessage | null | undefined = update.update.message?.editedMessage?.message;
  if (!edited) return { ok: false, skip: "silent", detail: "not an edit" };
  const reading = readContent(edited, undefined);
  if (reading.kind !== "inbound" || reading.inbound.kind !== "text") return { ok: false, skip: "not_text_edit" };
  const at = sentAt(update.update.messageTimestamp, context.now);
  const { message, lidMissing } = incoming(`${checked.id}:edit:${at.getTime()}`, checked.parties, reading.inbound, at);
  return { ok: true, lidMissing, message: { ...message, edited: true } };
}
