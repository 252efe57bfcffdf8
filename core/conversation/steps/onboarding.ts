import { acceptPrivacy } from "../../citizens/accept-privacy.js";
import { PRIVACY_NOTICE_VERSION } from "../../citizens/citizen.js";
import { isLang, LANGUAGES } from "../i18n.js";
import { toMenu } from "./shared.js";
import { choice, type Step, text } from "./step.js";

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
        choice("accept", ctx.t("privacy.accept"), ["si", "sì", "ok", "yes", "accetto", "va bene", "d accordo"]),
        choice("more", ctx.t("privacy.more"), ["informativa", "leggi"]),
        choice("decline", ctx.t("privacy.decline"), ["no", "non accetto"]),
      ],
    };
  },
  async choose(ctx, id) {
    if (id === "more") return { stay: [text(ctx.t("privacy.long", { version: PRIVACY_NOTICE_VERSION }))] };
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
    return toMenu([thanks]);
  },
};
