import { PRIVACY_NOTICE_VERSION } from "../../citizens/citizen.js";
import { eraseCitizen } from "../../citizens/erase-citizen.js";
import { toMenu } from "./shared.js";
import { choice, type Step, text } from "./step.js";

/** Typed words that open the self-assessment. */
const ASSESSMENT_WORDS = ["test", "digcomp", "competenze", "autovalutazione", "quanto sono bravo", "skills"];

export const menuStep: Step = {
  async ask(ctx) {
    const { t } = ctx;
    const full = ctx.state.consent === "accepted";
    return {
      say: [],
      ask: { kind: "choices", text: t("menu.title") },
      choices: full
        ? [
            choice("find", t("menu.find"), ["trova", "cerca", "punto", "dove"]),
            choice("book", t("menu.book"), ["prenota", "prenotare", "appuntamento"]),
            choice("appointments", t("menu.appointments"), ["appuntamenti", "miei"]),
            choice("assessment", t("assessment.menu"), ASSESSMENT_WORDS),
            choice("help", t("menu.help")),
            choice("privacy", t("menu.privacy"), ["dati", "cancella"]),
          ]
        : [
            choice("find", t("menu.find"), ["trova", "cerca", "punto", "dove"]),
            choice("help", t("menu.help")),
            // booking leads to the privacy question: consent is asked where it is needed
            choice("book", t("menu.book"), ["prenota", "prenotare", "appuntamento", "accetto"]),
            // the self-assessment works without consent too: the result is shown, not kept
            choice("assessment", t("assessment.menu"), ASSESSMENT_WORDS),
          ],
    };
  },
  async choose(ctx, id) {
    switch (id) {
      case "find":
        return { to: "find_where", replaceFlow: { purpose: "find" } };
      case "book":
        if (ctx.state.consent !== "accepted") return { to: "privacy", say: [text(ctx.t("privacy.needed"))] };
        return { to: "find_where", replaceFlow: { purpose: "book" } };
      case "appointments":
        return { to: "appointments", replaceFlow: {} };
      case "assessment":
        return { to: "assessment_intro", replaceFlow: {} };
      case "privacy":
        return ctx.state.consent === "accepted" ? { to: "privacy_menu" } : { to: "privacy" };
      default:
        return { stay: [text(ctx.t("help.text"))] };
    }
  },
};

export const privacyMenuStep: Step = {
  async skip(ctx) {
    return ctx.state.consent === "accepted" ? undefined : { to: "privacy", history: "none" };
  },
  async ask(ctx) {
    return {
      say: [],
      ask: { kind: "choices", text: ctx.t("privacy.menu") },
      choices: [
        choice("read", ctx.t("privacy.read")),
        choice("erase", ctx.t("privacy.erase"), ["cancella", "elimina", "delete"]),
        choice("menu", ctx.t("common.menu")),
      ],
    };
  },
  async choose(ctx, id) {
    if (id === "read") return { stay: [text(ctx.t("privacy.long", { version: PRIVACY_NOTICE_VERSION }))] };
    if (id === "erase") return { to: "erase_confirm" };
    return toMenu();
  },
};

export const eraseConfirmStep: Step = {
  async ask(ctx) {
    return {
      say: [],
      ask: { kind: "choices", text: ctx.t("privacy.eraseConfirm") },
      choices: [
        choice("yes", ctx.t("privacy.eraseYes"), ["si", "sì", "yes"]),
        choice("no", ctx.t("privacy.eraseNo"), ["no"]),
      ],
    };
  },
  async choose(ctx, id) {
    if (id !== "yes" || !ctx.state.citizenId) return { to: "privacy_menu", history: "none" };
    await eraseCitizen(ctx.deps.core, ctx.state.citizenId);
    return { reset: [text(ctx.t("privacy.erased"))] };
  },
};
