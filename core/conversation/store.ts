import type { ConversationState } from "./state.js";

export interface ConversationTurn<T> {
  /** The state to keep (null forgets the conversation). */
  next: ConversationState | null;
  ttlSeconds: number;
  result: T;
}

/**
 * Where conversations live between messages (Redis in production). Keys are opaque hashes of the
 * channel identity. A turn holds the chat's lock from loading to saving, so the messages of one
 * chat are handled one at a time, across app instances too.
 */
export interface ConversationStore {
  withConversation<T>(
    key: string,
    work: (stored: ConversationState | null) => Promise<ConversationTurn<T>>,
  ): Promise<T>;
}
