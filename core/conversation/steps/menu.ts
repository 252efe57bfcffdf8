import { eraseCitizen } from "../../citizens/erase-citizen.js";
import type { Reply } from "../reply.js";
import { NO, YES } from "../text-input.js";
import { privacyNotice } from "./onboarding.js";
import { askConsent, calendarFile, loadPoint, toMenu } from "./shared.js";
import { choice, type Step, text } from "./step.js";

/** Typed words that open the self-assessment. */
const ASSESSMENT_WORDS = ["test", "digcomp", "competenze", "autovalutazione", "quanto sono bravo", "skills"];

/**
 * The main menu: the same choices, in the same order, with or without consent, so that typed
 * numbers and words keep their meaning. What needs consent asks for it, then goes on.
 */
export const menuStep: Step = {
  async ask(ctx) {
    const { t } = ctx;
    return {
      say: [],
      ask: { kind: "choices", text: t("menu.title") },
      choices: [
        choice(
          "find",
          t("menu.find"),
          ["trova", "cerca", "punto", "dove", "trova un punto vicino", "find", "search"],
          t("menu.find.short"),
        ),
        choice(
          "book",
          t("menu.book"),
          ["prenota", "prenotare", "appuntamento", "prenota un appuntamento", "book", "booking", "appointment"],
          t("menu.book.short"),
        ),
        choice("appointments", t("menu.appointments"), ["appuntamenti", "miei", "appointments", "my bookings"]),
        // the self-assessment works without consent too: the result is shown, not kept
        choice("assessment", t("assessment.menu"), ASSESSMENT_WORDS),
        choice("courses", t("courses.menu"), ["corsi", "corso", "corsi di gruppo", "courses", "course", "lezioni"]),
        choice("help", t("menu.help"), ["help"]),
        choice("privacy", t("menu.privacy"), ["dati", "cancella", "data"]),
      ],
    };
  },
  async choose(ctx, id) {
    const accepted = ctx.state.consent === "accepted";
    switch (id) {
      case "find":
        return { to: "find_where", replaceFlow: { purpose: "find" } };
      case "book":
        if (!accepted) return { ...askConsent(ctx, "find_where", { purpose: "book" }), history: "push" };
        return { to: "find_where", replaceFlow: { purpose: "book" } };
      case "appointments":
        if (!accepted) return { ...askConsent(ctx, "appointments"), history: "push" };
        return { to: "appointments", replaceFlow: {} };
      case "assessment":
        return { to: "assessment_intro", replaceFlow: {} };
      case "courses":
        // looking needs no consent; enrolling asks for it
        return { to: "find_where", replaceFlow: { purpose: "courses" } };
      case "privacy":
        return accepted ? { to: "privacy_menu" } : { to: "privacy" };
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
        choice("read", ctx.t("privacy.read"), ["leggi", "informativa", "read"]),
        choice("erase", ctx.t("privacy.erase"), ["cancella", "elimina", "delete"]),
        // the monitoring profile's questions, where the app has their settings
        ...(ctx.deps.monitoring
          ? [choice("profile", ctx.t("monitoring.menu"), ["statistiche", "domande", "statistics", "monitoraggio"])]
          : []),
        choice("menu", ctx.t("common.menu")),
      ],
    };
  },
  async choose(ctx, id) {
    if (id === "read") return { stay: privacyNotice(ctx) };
    if (id === "erase") return { to: "erase_confirm" };
    if (id === "profile") return { to: "profile_intro" };
    return toMenu();
  },
};

export const eraseConfirmStep: Step = {
  async ask(ctx) {
    return {
      say: [],
      ask: { kind: "choices", text: ctx.t("privacy.eraseConfirm") },
      choices: [
        choice("yes", ctx.t("privacy.eraseYes"), YES),
        // it goes back: the engine adds no "Indietro" beside it
        choice("back", ctx.t("privacy.eraseNo"), NO),
      ],
    };
  },
  async choose(ctx, id) {
    if (id !== "yes" || !ctx.state.citizenId) return { to: "privacy_menu", history: "none" };
    const { cancelled } = await eraseCitizen(ctx.deps.core, ctx.state.citizenId);
    // the phone calendar forgets the cancelled appointments too
    const files: Reply[] = [];
    for (const booking of cancelled) files.push(calendarFile(ctx, booking, await loadPoint(ctx, booking.pointId)));
    // the conversation is forgotten: any press of this button starts a new one
    const restart: Reply = {
      kind: "choices",
      text: ctx.t("privacy.erased"),
      choices: [{ id: "restart", label: ctx.t("privacy.restart") }],
    };
    return { reset: [...files, restart] };
  },
};
