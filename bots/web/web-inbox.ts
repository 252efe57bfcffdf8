import type { Reply } from "../../core/conversation/reply.js";
import type { ChannelAddress } from "../../core/messaging/message.js";
import type { MessageSender } from "../../core/messaging/ports.js";

/** One message Sportello sent to a web chat on its own, as the page shows it. */
export interface InboxItem {
  /** Increasing, opaque to the page (it sends back the last one it showed). */
  id: string;
  replies: Reply[];
}

/**
 * Where messages for a web chat wait until its page asks for them: a web chat cannot be reached
 * while it is closed. Implemented in app/ (Redis, kept as long as a conversation).
 */
export interface WebInbox {
  push(chatId: string, replies: readonly Reply[]): Promise<string>;
  /** Forgets what the page acknowledged (`after` and older), then returns what came after it. */
  read(chatId: string, after: string | undefined, limit: number): Promise<InboxItem[]>;
}

/** The web chat's side of the sending port: a message is "sent" once it waits in the chat's inbox. */
export function webSender(inbox: WebInbox): MessageSender {
  return {
    async send(address: ChannelAddress, replies: readonly Reply[]) {
      if (address.channel !== "web" || address.externalId === "") {
        return { status: "permanent", code: "bad_address", unreachable: false };
      }
      try {
        return { status: "sent", providerMessageId: await inbox.push(address.externalId, replies) };
      } catch {
        return { status: "transient", code: "inbox_unavailable" };
      }
    },
  };
}
