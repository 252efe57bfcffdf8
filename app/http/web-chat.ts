import { clientAddressResolver } from "../../bots/http/client-address.js";
import type { Route } from "../../bots/http/route.js";
import { webChatRoutes } from "../../bots/web/web-chat-routes.js";
import { createConversationEngine } from "../../core/conversation/engine.js";
import type { ConversationStore } from "../../core/conversation/store.js";
import type { Log } from "../../core/log.js";
import type { CoreDeps } from "../../core/ports.js";
import type { Config } from "../config.js";
import type { ConversationStack } from "../conversation/conversation-stack.js";
import type { Redis } from "../redis.js";
import { redisWebInbox } from "./redis-web-inbox.js";
import { redisWebSessionStore } from "./redis-web-session-store.js";

/** A conversation store that keeps nothing: every turn starts from no state and its result is dropped. */
export const nothingKeptStore: ConversationStore = {
  withConversation: async (_key, work) => (await work(null)).result,
};

/** The web chat as the app serves it: sessions in Redis, limits and client addresses from the configuration. */
export function webChatFor(
  config: Config,
  deps: { core: CoreDeps; stack: ConversationStack; redis: Redis; log: Log },
): Route[] {
  const { core, stack, log } = deps;
  return webChatRoutes({
    engine: stack.engine,
    preview: createConversationEngine({ core, finder: stack.finder, store: nothingKeptStore, log }),
    sessionStore: redisWebSessionStore(deps.redis, { prefix: config.redis.prefix }),
    consented: async (chatId) =>
      (await core.repos.citizens.findByIdentity({ channel: "web", externalId: chatId })) !== null,
    clientAddress: clientAddressResolver(config.http.trustedProxies),
    limits: config.webChat,
    log,
    secureCookies: config.http.publicUrl !== undefined,
    ...(config.http.publicUrl ? { publicUrl: config.http.publicUrl } : {}),
    inbox: redisWebInbox(deps.redis, { prefix: config.redis.prefix }),
  });
}
