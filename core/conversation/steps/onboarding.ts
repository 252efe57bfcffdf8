import { acceptPrivacy } from "../../citizens/accept-privacy.js";
import { isLang, LANGUAGES } from "../i18n.js";
import { YES } from "../text-input.js";
import { toMenu } from "./shared.js";
import { choice, type Step, type StepContext, text } from "./step.js";

/** The full privacy notice, in two short messages. */
export function privacyNotice(ctx: StepContext) {
  return [text(ctx.t("privacy.long")), text(ctx.t("privacy.long2"))];
}

/** First question: the language, each offered in its own words. */
export const languageStep: Step = {
  async ask(ctx) {
    return {
      say: [],
      ask: { kind: "choices", text: ctx.t("welcome.language") },
      choices: Object.entries(LANGUAGES).map(([code, messages]) =>
        choice(code, messages["language.name"], code === "it" ? ["italian", "ita"] : ["inglese", "eng"]),
      ),
    };
  },
  async choose(ctx, id) {
    if (isLang(id)) {
      ctx.state.lang = id;
      if (ctx.state.citizenId)
        await ctx.deps.core.repos.citizens.update(ctx.state.citizenId, { preferredLanguage: id });
    }
    if (ctx.state.consent === "unknown") return { to: "privacy", history: "none" };
    // back to the question the person was at, now in the new language
    const previous = ctx.state.history.pop();
    return previous && previous !== "language" ? { to: previous, history: "none" } : toMenu();
  },
};

/** The privacy notice: nothing about the person is stored before "Accetto". */
export const privacyStep: Step = {
  async ask(ctx) {
    return {
      say: [],
      ask: { kind: "choices", text: ctx.t("privacy.short") },
      choices: [
        choice("accept", ctx.t("privacy.accept"), [...YES, "accetto", "accept"]),
        choice("more", ctx.t("privacy.more"), ["informativa", "leggi", "read", "more"]),
        choice("decline", ctx.t("privacy.decline"), ["no", "non accetto", "decline"]),
      ],
    };
  },
  async choose(ctx, id) {
    if (id === "more") return { stay: privacyNotice(ctx) };
    if (id === "decline") {
      ctx.state.consent = "declined";
      delete ctx.state.citizenId;
      delete ctx.state.startPoint;
      return toMenu([text(ctx.t("privacy.declined"))]);
    }
    const { citizen } = await acceptPrivacy(ctx.deps.core, {
      channel: ctx.identity.channel,
      externalId: ctx.identity.userId,
      language: ctx.state.lang,
    });
    ctx.state.consent = "accepted";
    ctx.state.citizenId = citizen.id;
    const thanks = text(ctx.t("privacy.accepted"));
    const startPoint = ctx.state.startPoint;
    delete ctx.state.startPoint;
    if (startPoint)
      return { to: "point", say: [thanks], replaceFlow: { purpose: "find", pointId: startPoint }, history: "clear" };
    // what needed the consent goes on (the booking, the list of appointments)
    const { resume, ...flow } = ctx.state.flow;
    if (resume) return { to: resume, say: [thanks], replaceFlow: flow, history: "clear" };
    return toMenu([thanks]);
  },
};
