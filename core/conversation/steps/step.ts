import type { ChatFacilitator } from "../../facilitators/facilitator.js";
import type { Log } from "../../log.js";
import type { ProfileSettings } from "../../monitoring/profile-service.js";
import type { NearestPointsFinder } from "../../points/nearest-points.js";
import type { CoreDeps } from "../../ports.js";
import type { ChannelProfile } from "../channel-profile.js";
import type { Lang, Translate } from "../i18n.js";
import { LABEL_MAX, shortLabel } from "../labels.js";
import type { ChatIdentity, Reply } from "../reply.js";
import type { ConversationState, EngineChoice, Flow, StepId } from "../state.js";

export interface EngineDeps {
  core: CoreDeps;
  finder: NearestPointsFinder;
  log: Log;
  /** The channels' profiles (CHANNEL_PROFILES unless given: tests try other limits). */
  profiles?: Partial<Record<ChatIdentity["channel"], ChannelProfile>>;
  /** Identifier keys and minors rule of the monitoring profile (config.monitoring); without them the profile is not offered. */
  monitoring?: ProfileSettings;
}

export interface StepContext {
  deps: EngineDeps;
  state: ConversationState;
  identity: ChatIdentity;
  t: Translate;
  lang: Lang;
  /** What the chat's channel can show (the engine fits questions to it; steps rarely need it). */
  profile: ChannelProfile;
  zone: string;
  now: Date;
  /**
   * The linked, active facilitator of this chat, read from the database at this message (null for
   * everyone else): facilitator steps and buttons act only with it.
   */
  facilitator: ChatFacilitator | null;
}

/** A question: what to say, and the choices it offers (their ids are step-local). */
export interface Question {
  say: Reply[];
  /** The question itself: a text with choices, or a location request. */
  ask: { kind: "choices"; text: string } | { kind: "location_request"; text: string; label: string };
  choices: EngineChoice[];
}

export type Outcome =
  /** Go to another step (and ask its question). */
  | { to: StepId; say?: Reply[]; flow?: Partial<Flow>; replaceFlow?: Flow; history?: "push" | "none" | "clear" }
  /**
   * Stay: say something, then ask the current question again (`edit`: in place of the pressed one).
   * `miss`: the message was not understood (two in a row bring a phone number and "aiuto").
   */
  | { stay: Reply[]; flow?: Partial<Flow>; edit?: boolean; miss?: boolean }
  /** Forget the conversation entirely (after erasure). */
  | { reset: Reply[] };

export interface Step {
  /** When the step has nothing to ask (e.g. one service only), where to go instead. */
  skip?(ctx: StepContext): Promise<Outcome | undefined>;
  ask(ctx: StepContext): Promise<Question>;
  choose?(ctx: StepContext, choiceId: string): Promise<Outcome>;
  /**
   * Reads typed text before the choices' numbers and labels are matched (at the topic question a
   * topic typed by name is chosen whatever its group). Returns a choice id, or an outcome. Typed
   * numbers are left to the list: they always mean its choices.
   */
  interpret?(ctx: StepContext, typed: string): string | Outcome | undefined;
  /** Free text that is not one of the choices; undefined means "not understood". */
  text?(ctx: StepContext, text: string): Promise<Outcome | undefined>;
  location?(ctx: StepContext, lat: number, lon: number): Promise<Outcome>;
  contact?(ctx: StepContext, phone: string): Promise<Outcome>;
}

export const text = (value: string): Reply => ({ kind: "text", text: value });

/**
 * A choice. A label longer than LABEL_MAX characters keeps a short form (`short`, or the label cut
 * at a word), for the channels that need it.
 */
export function choice(id: string, label: string, keywords?: string[], short?: string): EngineChoice {
  const cut = [...label].length > LABEL_MAX ? shortLabel(short ?? label) : undefined;
  return { id, label, ...(keywords ? { keywords } : {}), ...(cut ? { short: cut } : {}) };
}
