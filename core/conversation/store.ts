import type { ConversationState } from "./state.js";

/**
 * Where conversations live between messages (Redis in production). Keys are opaque hashes of the
 * channel identity. `withLock` makes the messages of one chat run one at a time, across app
 * instances too, so they are handled in order.
 */
export interface ConversationStore {
  load(key: string): Promise<ConversationState | null>;
  save(key: string, state: ConversationState, ttlSeconds: number): Promise<void>;
  delete(key: string): Promise<void>;
  withLock<T>(key: string, work: () => Promise<T>): Promise<T>;
}
