import { createHash } from "node:crypto";
import { isSportelloError } from "../errors.js";
import { resolveChatFacilitator } from "../facilitators/chat-facilitator.js";
import type { ChatFacilitator } from "../facilitators/facilitator.js";
import { canonicalCode } from "../facilitators/invite-code.js";
import { fitReplies, MORE_CHOICES, PREVIOUS_CHOICES, pageOfChoices, profileFor } from "./channel-profile.js";
import { cleanInbound } from "./clean-text.js";
import { errorText } from "./error-text.js";
import { FACILITATOR_WORDS, isFacilitatorStep, linkOutcome } from "./facilitator/linking.js";
import { isLang, langFromDevice, translator } from "./i18n.js";
import { type PushedQuestion, parsePushChoice } from "./push/push-choice.js";
import { noteInbound, pushedTyped, runPushedAction } from "./push/pushed-actions.js";
import type { ChatIdentity, Inbound, Reply } from "./reply.js";
import { type ConversationState, type EngineChoice, freshState, type StepId } from "./state.js";
import { STEPS } from "./steps/index.js";
import { personHelp, stuckHelp } from "./steps/person.js";
import type { EngineDeps, Outcome, StepContext } from "./steps/step.js";
import type { ConversationStore } from "./store.js";
import { type GlobalCommand, globalCommand, MAX_TEXT_LENGTH, matchChoice } from "./text-input.js";

/** Conversations are kept this long after the last message (a booking flow can be resumed). */
export const CONVERSATION_TTL_SECONDS = 30 * 24 * 60 * 60;
/** Without consent, only this long: just enough to finish looking for a point. */
export const ANONYMOUS_TTL_SECONDS = 24 * 60 * 60;
const MAX_HISTORY = 12;
/** A second press of the same button within this time is a double tap, silently ignored. */
const DOUBLE_TAP_MS = 5_000;
/** The engine's own "Indietro" button, and the choices that already are a way back. */
const BACK = "back_";
const WAYS_OUT = new Set(["back", "menu", BACK]);
const MAX_AUTO_STEPS = 8;

export interface ConversationEngine {
  /** One message in, the replies out. Messages of one chat are handled one at a time, in order. */
  handle(identity: ChatIdentity, inbound: Inbound): Promise<Reply[]>;
  /**
   * A pushed message with buttons was delivered to this chat: until the person's next message,
   * typing one of its numbers or labels acts on it (the only way on a channel without buttons).
   */
  notePushed(identity: ChatIdentity, question: PushedQuestion): Promise<void>;
}

/** An opaque key for a chat: the channel id is not kept in clear in the store. */
export function conversationKey(identity: ChatIdentity): string {
  return createHash("sha256").update(`${identity.channel}:${identity.userId}`).digest("base64url").slice(0, 32);
}

/** A chat as one message finds it: its identity, and its facilitator read from the database now. */
type ResolvedIdentity = ChatIdentity & { facilitator?: ChatFacilitator | null };

export function createConversationEngine(deps: EngineDeps & { store: ConversationStore }): ConversationEngine {
  const { store, log } = deps;
  const profileOf = (identity: ChatIdentity) => deps.profiles?.[identity.channel] ?? profileFor(identity.channel);

  function context(state: ConversationState, identity: ResolvedIdentity): StepContext {
    const { facilitator = null, ...plain } = identity;
    return {
      deps,
      state,
      identity: plain,
      facilitator,
      t: translator(state.lang, profileOf(identity)),
      lang: state.lang,
      profile: profileOf(identity),
      zone: deps.core.timeZone,
      now: deps.core.clock.now(),
    };
  }

  /**
   * Asks the current step's question; skips steps with nothing to ask. `repeat`: the same question
   * again (after a hint, a page, an old button): what came before it (a point's card) is not repeated.
   */
  async function ask(
    state: ConversationState,
    identity: ChatIdentity,
    replies: Reply[],
    edit = false,
    fallback = false,
    repeat = false,
  ): Promise<void> {
    for (let hop = 0; hop < MAX_AUTO_STEPS; hop++) {
      const ctx = context(state, identity);
      const step = STEPS[state.step];
      const skip = await step.skip?.(ctx);
      if (skip) {
        if ("reset" in skip || "stay" in skip) break;
        replies.push(...(skip.say ?? []));
        move(state, skip);
        continue;
      }
      const question = await step.ask(ctx);
      // a visible way back wherever the question offers none of its own
      const all =
        state.history.length > 0 && !question.choices.some((c) => WAYS_OUT.has(c.id))
          ? [...question.choices, { id: BACK, label: ctx.t("common.back") }]
          : question.choices;
      // no more choices than the channel shows: the engine pages the rest
      const { choices, page } = pageOfChoices(all, {
        max: ctx.profile.maxChoices,
        page: state.choicePage ?? 0,
        pinned: (c) => WAYS_OUT.has(c.id),
        more: { id: MORE_CHOICES, label: ctx.t("common.moreChoices") },
        previous: { id: PREVIOUS_CHOICES, label: ctx.t("common.previousChoices") },
      });
      if (page > 0) state.choicePage = page;
      else delete state.choicePage;
      state.seq += 1;
      const nonce = state.seq.toString(36);
      state.question = { nonce, choices };
      const wire = choices.map((c: EngineChoice) => ({
        id: `${nonce}.${c.id}`,
        label: c.label,
        ...(c.short ? { short: c.short } : {}),
      }));
      if (!repeat) replies.push(...question.say);
      replies.push(
        question.ask.kind === "location_request"
          ? { kind: "location_request", text: question.ask.text, label: question.ask.label, choices: wire }
          : {
              kind: "choices",
              text: question.ask.text,
              choices: wire,
              ...(edit ? { edit: true } : {}),
            },
      );
      return;
    }
    log.error({ step: state.step }, "conversation: too many automatic steps");
    state.step = "menu";
    state.flow = {};
    state.history = [];
    if (!fallback) await ask(state, identity, replies, false, true);
  }

  /** Applies a "go to" outcome to the state (not the question). */
  function move(state: ConversationState, outcome: Extract<Outcome, { to: StepId }>): void {
    const history = outcome.history ?? "push";
    if (history === "clear") state.history = [];
    else if (history === "push" && state.step !== outcome.to)
      state.history = [...state.history, state.step].slice(-MAX_HISTORY);
    if (outcome.replaceFlow) state.flow = { ...outcome.replaceFlow };
    if (outcome.flow) state.flow = { ...state.flow, ...outcome.flow };
    state.step = outcome.to;
    delete state.choicePage;
  }

  /** The engine's own page choices: the same question, the next or previous choices. */
  function turnPage(state: ConversationState, identity: ChatIdentity, id: string, replies: Reply[]) {
    state.choicePage = Math.max(0, (state.choicePage ?? 0) + (id === MORE_CHOICES ? 1 : -1));
    return apply(state, identity, { stay: [], edit: true }, replies);
  }

  /** Applies any outcome and asks what comes next. Returns false when the conversation must be forgotten. */
  async function apply(
    state: ConversationState,
    identity: ChatIdentity,
    outcome: Outcome,
    replies: Reply[],
  ): Promise<boolean> {
    if ("reset" in outcome) {
      replies.push(...outcome.reset);
      return false;
    }
    if ("stay" in outcome) {
      replies.push(...outcome.stay);
      if (outcome.flow) state.flow = { ...state.flow, ...outcome.flow };
      // two misunderstandings in a row: a person's phone number and "aiuto"
      const misses = outcome.miss ? (state.misses ?? 0) + 1 : 0;
      if (misses >= 2) replies.push(...(await stuckHelp(context(state, identity))));
      if (misses === 1) state.misses = 1;
      else delete state.misses;
      await ask(state, identity, replies, outcome.edit, false, true);
      return true;
    }
    delete state.misses;
    replies.push(...(outcome.say ?? []));
    move(state, outcome);
    await ask(state, identity, replies);
    return true;
  }

  /** Runs a step handler; a refused operation becomes a kind message and the question again. */
  async function guarded(
    state: ConversationState,
    identity: ChatIdentity,
    replies: Reply[],
    run: (ctx: StepContext) => Promise<Outcome | undefined>,
  ): Promise<boolean> {
    const ctx = context(state, identity);
    try {
      const outcome = await run(ctx);
      return await apply(
        state,
        identity,
        outcome ?? { stay: [{ kind: "text", text: ctx.t("hint.notUnderstood") }], miss: true },
        replies,
      );
    } catch (error) {
      if (!isSportelloError(error)) log.error({ err: error, step: state.step }, "conversation step failed");
      return apply(state, identity, { stay: [{ kind: "text", text: errorText(error, state.lang) }] }, replies);
    }
  }

  /** A state for someone who writes for the first time, or whose conversation expired. */
  async function start(identity: ChatIdentity): Promise<{ state: ConversationState; replies: Reply[] }> {
    const citizen = await deps.core.repos.citizens.findByIdentity({
      channel: identity.channel,
      externalId: identity.userId,
    });
    if (citizen) {
      const lang = isLang(citizen.preferredLanguage)
        ? citizen.preferredLanguage
        : langFromDevice(identity.deviceLanguage);
      const state: ConversationState = {
        ...freshState(lang),
        consent: "accepted",
        citizenId: citizen.id,
        step: "menu",
      };
      return { state, replies: [{ kind: "text", text: translator(lang)("menu.welcomeBack") }] };
    }
    const state = freshState(langFromDevice(identity.deviceLanguage));
    // Greeted in the device's language when we speak it (Italian otherwise); the language question follows.
    return { state, replies: [{ kind: "text", text: translator(state.lang)("welcome.greeting") }] };
  }

  async function global(command: GlobalCommand, state: ConversationState, identity: ChatIdentity, replies: Reply[]) {
    const t = translator(state.lang, profileOf(identity));
    const undecided = state.consent === "unknown";
    switch (command) {
      case "help":
        return apply(state, identity, { stay: [{ kind: "text", text: t("help.text") }] }, replies);
      case "person":
        return guarded(state, identity, replies, (ctx) => personHelp(ctx));
      case "cost":
        return apply(state, identity, { stay: [{ kind: "text", text: t("cost.free") }] }, replies);
      case "language":
        // after the choice, the conversation goes back to the question it was at
        return apply(state, identity, { to: "language" }, replies);
      case "privacy":
        return apply(state, identity, { to: state.consent === "accepted" ? "privacy_menu" : "privacy" }, replies);
      case "profile":
        // the statistics questions: consent first (then on to them); nowhere without monitoring settings
        if (!deps.monitoring) return global("menu", state, identity, replies);
        if (state.consent !== "accepted")
          return apply(state, identity, { to: "privacy", flow: { resume: "profile_intro" }, history: "none" }, replies);
        return apply(state, identity, { to: "profile_intro", replaceFlow: {} }, replies);
      case "back": {
        const previous = state.history.pop();
        if (!previous) return apply(state, identity, { to: undecided ? state.step : "menu", history: "none" }, replies);
        return apply(state, identity, { to: previous, history: "none" }, replies);
      }
      case "cancel":
        if (undecided) return apply(state, identity, { stay: [] }, replies);
        delete state.startPoint;
        return apply(
          state,
          identity,
          { to: "menu", say: [{ kind: "text", text: t("hint.cancelled") }], replaceFlow: {}, history: "clear" },
          replies,
        );
      default:
        if (undecided)
          return apply(
            state,
            identity,
            { to: state.step === "language" ? "language" : "privacy", history: "none" },
            replies,
          );
        delete state.startPoint;
        return apply(state, identity, { to: "menu", replaceFlow: {}, history: "clear" }, replies);
    }
  }

  async function process(identity: ResolvedIdentity, inbound: Inbound, stored: ConversationState | null) {
    const replies: Reply[] = [];
    let state = stored;
    if (inbound.kind === "start") await noteInbound(deps, identity);
    // an invite code, typed or in a deep link (f_<code>), at any point of any conversation
    const code =
      inbound.kind === "start" && inbound.payload?.startsWith("f_")
        ? inbound.payload.slice(2)
        : inbound.kind === "text" && canonicalCode(inbound.text)
          ? inbound.text
          : undefined;
    if (code !== undefined) {
      state ??= (await start(identity)).state;
      const linking = state;
      const { linked, outcome } = await linkOutcome(context(linking, identity), code);
      // from now on this chat is a facilitator's
      const now = linked
        ? { ...identity, facilitator: await resolveChatFacilitator(deps.core.repos, identity) }
        : identity;
      const keep = await apply(linking, now, outcome, replies);
      return { state: linking, replies, keep };
    }
    if (state && inbound.kind === "resume") {
      await ask(state, identity, replies);
      return { state, replies, keep: true };
    }
    if (!state || inbound.kind === "start" || inbound.kind === "resume") {
      const fresh = !state ? await start(identity) : undefined;
      if (fresh) {
        state = fresh.state;
        replies.push(...fresh.replies);
      }
      if (!state) throw new Error("unreachable");
      if (inbound.kind === "start" && inbound.payload?.startsWith("p_")) {
        const pointId = inbound.payload.slice(2);
        if (state.consent === "unknown") state.startPoint = pointId;
        else
          return {
            state,
            replies,
            keep: await apply(
              state,
              identity,
              { to: "point", replaceFlow: { purpose: "find", pointId }, history: "clear" },
              replies,
            ),
          };
      }
      // a pushed button pressed after the conversation expired still acts (below)
      const pushedFirst =
        fresh &&
        (state.consent === "accepted" || identity.facilitator) &&
        inbound.kind === "button" &&
        parsePushChoice(inbound.data);
      if ((fresh && !pushedFirst) || inbound.kind === "start" || inbound.kind === "resume") {
        const first = identity.facilitator ? "fac_menu" : state.consent === "unknown" ? state.step : "menu";
        if (!fresh && state.consent === "accepted")
          replies.push({ kind: "text", text: translator(state.lang)("menu.welcomeBack") });
        const keep = await apply(
          state,
          identity,
          { to: first, history: "clear", ...(first === "menu" || first === "fac_menu" ? { replaceFlow: {} } : {}) },
          replies,
        );
        return { state, replies, keep };
      }
    }
    const t = translator(state.lang, profileOf(identity));
    const current = STEPS[state.step];
    let keep = true;
    switch (inbound.kind) {
      case "unsupported":
        keep = await apply(
          state,
          identity,
          { stay: [{ kind: "text", text: t("hint.unsupported") }], miss: true },
          replies,
        );
        break;
      case "button": {
        const dot = inbound.data.indexOf(".");
        const nonce = inbound.data.slice(0, dot);
        const id = inbound.data.slice(dot + 1);
        const now = deps.core.clock.now().getTime();
        if (inbound.data === state.lastButton && now - (state.lastButtonAt ?? 0) < DOUBLE_TAP_MS) {
          return { state, replies: [], keep: true }; // double tap
        }
        const press = parsePushChoice(inbound.data);
        if (press) {
          // a pushed message's button works whatever the conversation is doing
          state.lastButton = inbound.data;
          state.lastButtonAt = now;
          keep = await guarded(state, identity, replies, (ctx) => runPushedAction(ctx, press));
          break;
        }
        const known = dot > 0 && nonce === state.question?.nonce && state.question.choices.some((c) => c.id === id);
        if (!known) {
          keep = await apply(state, identity, { stay: [{ kind: "text", text: t("hint.oldButton") }] }, replies);
          break;
        }
        state.lastButton = inbound.data;
        state.lastButtonAt = now;
        if (id === BACK) {
          keep = await global("back", state, identity, replies);
          break;
        }
        if (id === MORE_CHOICES || id === PREVIOUS_CHOICES) {
          keep = await turnPage(state, identity, id, replies);
          break;
        }
        keep = await guarded(
          state,
          identity,
          replies,
          (ctx) => current.choose?.(ctx, id) ?? Promise.resolve(undefined),
        );
        break;
      }
      case "text": {
        const typed = inbound.text.trim();
        if (typed.length > MAX_TEXT_LENGTH) {
          keep = await apply(state, identity, { stay: [{ kind: "text", text: t("hint.tooLong") }] }, replies);
          break;
        }
        const command = globalCommand(typed);
        // a facilitator's "menu", "annulla", "ciao" or "facilitatore" is their menu; "aiuto" in their flows their help
        if (identity.facilitator) {
          const word = FACILITATOR_WORDS.has(typed.toLowerCase().replace(/^\//, ""));
          if (
            word ||
            command === "menu" ||
            command === "restart" ||
            (command === "cancel" && isFacilitatorStep(state.step))
          ) {
            keep = await apply(state, identity, { to: "fac_menu", replaceFlow: {}, history: "clear" }, replies);
            break;
          }
          if (command === "help" && isFacilitatorStep(state.step)) {
            keep = await apply(state, identity, { stay: [{ kind: "text", text: t("facilitator.help") }] }, replies);
            break;
          }
        }
        if (command) {
          keep = await global(command, state, identity, replies);
          break;
        }
        const pushedPress = pushedTyped(state, typed);
        if (pushedPress) {
          keep = await guarded(state, identity, replies, (ctx) => runPushedAction(ctx, pushedPress));
          break;
        }
        const interpreted = current.interpret?.(context(state, identity), typed);
        if (interpreted !== undefined && typeof interpreted !== "string") {
          keep = await apply(state, identity, interpreted, replies);
          break;
        }
        const picked = interpreted
          ? { id: interpreted }
          : matchChoice(state.question?.choices ?? [], typed, { loose: !current.text });
        if (picked && "id" in picked && picked.id === BACK) {
          keep = await global("back", state, identity, replies);
        } else if (picked && "id" in picked && (picked.id === MORE_CHOICES || picked.id === PREVIOUS_CHOICES)) {
          keep = await turnPage(state, identity, picked.id, replies);
        } else if (picked && "id" in picked) {
          keep = await guarded(
            state,
            identity,
            replies,
            (ctx) => current.choose?.(ctx, picked.id) ?? Promise.resolve(undefined),
          );
        } else if (current.text) {
          keep = await guarded(
            state,
            identity,
            replies,
            (ctx) => current.text?.(ctx, typed) ?? Promise.resolve(undefined),
          );
        } else {
          const hint =
            picked && "outOfRange" in picked
              ? t("hint.outOfRange", { max: picked.outOfRange })
              : t("hint.notUnderstood");
          keep = await apply(state, identity, { stay: [{ kind: "text", text: hint }], miss: true }, replies);
        }
        break;
      }
      case "location":
        keep = current.location
          ? await guarded(
              state,
              identity,
              replies,
              (ctx) => current.location?.(ctx, inbound.lat, inbound.lon) ?? Promise.resolve(undefined),
            )
          : await apply(state, identity, { stay: [{ kind: "text", text: t("hint.noLocationNow") }] }, replies);
        break;
      case "contact":
        keep = current.contact
          ? await guarded(
              state,
              identity,
              replies,
              (ctx) => current.contact?.(ctx, inbound.phone) ?? Promise.resolve(undefined),
            )
          : await apply(state, identity, { stay: [{ kind: "text", text: t("hint.notUnderstood") }] }, replies);
        break;
    }
    return { state, replies, keep };
  }

  return {
    async handle(identity, inbound) {
      inbound = cleanInbound(inbound);
      return store.withConversation(conversationKey(identity), async (stored) => {
        const facilitator = await resolveChatFacilitator(deps.core.repos, identity);
        const { state, replies, keep } = await process({ ...identity, facilitator }, inbound, stored);
        // the person wrote: a pushed question is no longer the newest (a reloaded page did not write)
        if (inbound.kind !== "resume") delete state.pushed;
        return {
          next: keep ? state : null,
          ttlSeconds: state.consent === "accepted" || facilitator ? CONVERSATION_TTL_SECONDS : ANONYMOUS_TTL_SECONDS,
          // the channel's limits: short labels where long ones do not fit, how to answer without buttons
          result: fitReplies(replies, profileOf(identity), translator(state.lang, profileOf(identity))),
        };
      });
    },
    async notePushed(identity, question) {
      await store.withConversation(conversationKey(identity), async (stored) => {
        const state = stored ?? (await start(identity)).state;
        const facilitator =
          state.consent === "accepted" ? null : await resolveChatFacilitator(deps.core.repos, identity);
        if (state.consent !== "accepted" && !facilitator) {
          return { next: stored, ttlSeconds: ANONYMOUS_TTL_SECONDS, result: undefined };
        }
        state.pushed = question;
        return { next: state, ttlSeconds: CONVERSATION_TTL_SECONDS, result: undefined };
      });
    },
  };
}
