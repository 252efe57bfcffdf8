import makeWASocket, {
  type AuthenticationState,
  Browsers,
  type CacheStore,
  isJidBroadcast,
  isJidGroup,
  isJidNewsletter,
  type SocketConfig,
  type UserFacingSocketConfig,
  type WASocket,
} from "@whiskeysockets/baileys";
import type { BaileysLogger } from "./baileys-logger.js";

/**
 * The part of a Baileys socket the channel uses: what the fake socket of the tests provides
 * (`test/support/fake-baileys/`), and all a real `makeWASocket` socket has.
 */
export type WhatsAppSocket = Pick<
  WASocket,
  "ev" | "sendMessage" | "sendPresenceUpdate" | "end" | "logout" | "requestPairingCode" | "user" | "authState"
> & {
  /** Baileys' LID <-> phone mappings (only pairs it has seen). */
  signalRepository?: { lidMapping: { getLIDForPN(pn: string): Promise<string | null> } };
};

/** What the connection gives each new socket. */
export interface SocketInput {
  auth: AuthenticationState;
  logger: BaileysLogger;
  getMessage: SocketConfig["getMessage"];
  /** Kept by the connection, outside the socket, so retry counts survive reconnects. */
  msgRetryCounterCache: CacheStore;
}

export type SocketFactory = (input: SocketInput) => WhatsAppSocket;

/** Groups, broadcast lists and status, newsletters: dropped by Baileys before decryption. */
export function ignoredJid(jid: string): boolean {
  return !!(isJidGroup(jid) || isJidBroadcast(jid) || isJidNewsletter(jid));
}

/**
 * The socket options Sportello uses. The stock browser preset (a custom name was reported to
 * break pairing, Baileys PR #2768); not shown online (the phone keeps its notifications); no
 * full history (the default asks the phone for all of it); the bundled WhatsApp Web version.
 */
export function socketConfig(input: SocketInput): UserFacingSocketConfig {
  return {
    auth: input.auth,
    logger: input.logger,
    getMessage: input.getMessage,
    msgRetryCounterCache: input.msgRetryCounterCache,
    browser: Browsers.macOS("Chrome"),
    markOnlineOnConnect: false,
    syncFullHistory: false,
    shouldIgnoreJid: ignoredJid,
    generateHighQualityLinkPreview: false,
  };
}

/** The real socket. Importing Baileys costs about 0.2 s; the connection calls this once per (re)connect. */
export const makeBaileysSocket: SocketFactory = (input) => makeWASocket(socketConfig(input));
