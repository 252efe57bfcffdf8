export type ChannelName = "telegram" | "whatsapp" | "web";

export const CHANNELS: readonly ChannelName[] = ["telegram", "whatsapp", "web"];

export interface Citizen {
  id: string;
  preferredLanguage: string;
  givenName: string | null;
  phone: string | null;
  createdAt: Date;
  erasedAt: Date | null;
}

export interface ChannelIdentityRef {
  channel: ChannelName;
  /** Telegram user id, WhatsApp phone JID or LID, web session id. */
  externalId: string;
}

/** The version of the privacy notice the citizen accepted; bump it when the text changes. */
export const PRIVACY_NOTICE_VERSION = "2026-12-01";
