import { randomUUID } from "node:crypto";
import { createConversationStack } from "../../app/conversation/conversation-stack.js";
import { webChatFor } from "../../app/http/web-chat.js";
import type { Route } from "../../bots/http/route.js";
import type { ConversationEngine } from "../../core/conversation/engine.js";
import type { ChatIdentity, Choice, Inbound, Reply } from "../../core/conversation/reply.js";
import type { EngineDeps } from "../../core/conversation/steps/step.js";
import { type Log, silentLog } from "../../core/log.js";
import type { CoreDeps } from "../../core/ports.js";
import type { IntegrationContext } from "./integration.js";

/** The engine of a test, and the web chat's routes over it as the app composes them. */
export interface TestEngine extends ConversationEngine {
  webRoutes(): Route[];
}

/** The conversation engine on the test's own database and Redis key space. */
export function testEngine(
  ctx: IntegrationContext,
  core: CoreDeps,
  options: { profiles?: EngineDeps["profiles"]; log?: Log; monitoring?: EngineDeps["monitoring"] | null } = {},
): TestEngine {
  // the monitoring profile's settings as the app has them (development keys), unless a test says otherwise
  const monitoring = options.monitoring === null ? undefined : (options.monitoring ?? ctx.config().monitoring);
  const stack = createConversationStack({
    core,
    redis: ctx.redis,
    prefix: ctx.redisPrefix,
    log: options.log ?? silentLog,
    ...(options.profiles ? { profiles: options.profiles } : {}),
    ...(monitoring ? { monitoring } : {}),
  });
  // every request of a test comes from 127.0.0.1: the per-address limits are tested elsewhere
  const roomy = { WEB_CHAT_NEW_SESSIONS_PER_HOUR: "10000", WEB_CHAT_MESSAGES_PER_MINUTE: "100000" };
  return {
    handle: (identity, inbound) => stack.engine.handle(identity, inbound),
    notePushed: (identity, pushed) => stack.engine.notePushed(identity, pushed),
    webRoutes: () => webChatFor(ctx.config(roomy), { core, stack, redis: ctx.redis, log: silentLog }),
  };
}

/** A scripted person talking to the engine, with helpers to read the answers. */
export function engineChat(engine: ConversationEngine, identity: Partial<ChatIdentity> = {}) {
  const who: ChatIdentity = { channel: "web", userId: `user-${randomUUID()}`, ...identity };
  let last: Reply[] = [];
  const questionOf = (replies: Reply[]) =>
    [...replies].reverse().find((r): r is Extract<Reply, { choices: Choice[] }> => "choices" in r);
  let question = questionOf(last);

  const chat = {
    identity: who,
    async send(inbound: Inbound): Promise<Reply[]> {
      last = await engine.handle(who, inbound);
      // no answer at all (an ignored double tap) changes nothing on screen; any other answer
      // without a question (an erasure) leaves no buttons
      if (last.length > 0) question = questionOf(last);
      return last;
    },
    say: (text: string) => chat.send({ kind: "text", text }),
    /** Presses the button of the current question whose label matches. */
    press(label: string | RegExp): Promise<Reply[]> {
      const found = question?.choices.find((c) =>
        typeof label === "string" ? c.label === label : label.test(c.label),
      );
      if (!found) {
        throw new Error(`no button ${label} among: ${question?.choices.map((c) => c.label).join(" | ") ?? "(none)"}`);
      }
      return chat.send({ kind: "button", data: found.id });
    },
    /** The current question's buttons. */
    buttons: () => question?.choices.map((c) => c.label) ?? [],
    buttonData: (label: string) => question?.choices.find((c) => c.label === label)?.id,
    /** All text of the last answer, joined. */
    text: () =>
      last
        .map((r) =>
          "text" in r
            ? r.text
            : r.kind === "venue"
              ? `[venue ${r.title}]`
              : r.kind === "file"
                ? `[file ${r.filename}]`
                : "",
        )
        .join("\n"),
    last: () => last,
  };
  return chat;
}
