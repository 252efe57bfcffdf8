import type { z } from "zod";
import type { OutboundMessage } from "../../messaging/message.js";
import type { CoreDeps, PointDetails } from "../../ports.js";
import type { Lang, Translate } from "../i18n.js";
import type { Reply } from "../reply.js";
import type { Outcome, StepContext } from "../steps/step.js";

/** What a composer has at send time: core, the recipient's language, the clock. */
export interface PushContext {
  core: CoreDeps;
  lang: Lang;
  t: Translate;
  zone: string;
  now: Date;
  /** A point with its sites (null when gone). */
  point(pointId: string): Promise<PointDetails | null>;
}

export type Composed = { replies: Reply[] } | { skip: string };

/** A pushed button's handler: runs in the chat of the message's own recipient, whatever step it was at. */
export type PushAction<P> = (ctx: StepContext, message: OutboundMessage, params: P) => Promise<Outcome>;

/**
 * One kind of message Sportello sends on its own: how to read its params, how to compose it, and
 * what its buttons do. Adding a kind is adding one of these (kinds/<kind>.ts, listed in kinds/index.ts).
 */
export interface PushKind<P = unknown> {
  kind: string;
  /** Validates the row's params (ids, ISO dates, numbers: never personal text). */
  params: z.ZodType<P>;
  compose(ctx: PushContext, message: OutboundMessage, params: P): Promise<Composed>;
  /** Verbs of its buttons → handlers. */
  actions?: Record<string, PushAction<P>>;
}

/** Helps TypeScript infer P from the schema. */
export function definePushKind<P>(kind: PushKind<P>): PushKind<P> {
  return kind;
}
