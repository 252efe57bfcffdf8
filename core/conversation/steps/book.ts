import { bookSlot } from "../../booking/book-slot.js";
import { isSportelloError } from "../../errors.js";
import { REMOTE_MODES, type ServiceMode } from "../../points/types.js";
import { joinWaitlist } from "../../waitlist/join-waitlist.js";
import { errorText } from "../error-text.js";
import { formatLocalDate } from "../format.js";
import type { MessageKey } from "../i18n.js";
import { displayPhone } from "../phone.js";
import type { StepId } from "../state.js";
import { matchChoice, NO, typedNumber, YES } from "../text-input.js";
import { TOPIC_GROUPS, TOPICS, topicById, topicsOf } from "../topics.js";
import { afterBooking, bookingCompetences, presetTopic } from "./assessment-booking.js";
import { phoneQuestion } from "./phone-question.js";
import {
  askConsent,
  bookableServices,
  bookingLimit,
  calendarFile,
  citizenPhone,
  loadPoint,
  modeLabel,
  placeAddress,
  serviceLabel,
  slotContext,
  slotSite,
  toMenu,
  when,
  whereLine,
} from "./shared.js";
import { dayFromChoice, dayStep, fullDays, timeStep, waitlistDayChoices } from "./slot-questions.js";
import { choice, type Outcome, type Step, type StepContext, text } from "./step.js";

const restartBooking: Outcome = { to: "find_where", flow: { purpose: "book" }, history: "none" };

/** Without consent, the privacy question first; then the booking goes on at `here`. */
function needsConsent(ctx: StepContext, here: StepId): Outcome | undefined {
  return ctx.state.consent === "accepted" && ctx.state.citizenId ? undefined : askConsent(ctx, here);
}

async function servicesOf(ctx: StepContext) {
  const point = await loadPoint(ctx, ctx.state.flow.pointId);
  return point ? { point, services: bookableServices(point) } : undefined;
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

export const bookServiceStep: Step = {
  async skip(ctx) {
    const before = needsConsent(ctx, "book_service") ?? (await bookingLimit(ctx));
    if (before) return before;
    const found = await servicesOf(ctx);
    if (!found) return restartBooking;
    if (found.services.length === 0) return { to: "point", say: [text(ctx.t("book.noService"))], history: "none" };
    const [only] = found.services;
    return found.services.length === 1 && only
      ? { to: "book_mode", flow: { service: only }, history: "none" }
      : undefined;
  },
  async ask(ctx) {
    const found = await servicesOf(ctx);
    const services = found?.services ?? [];
    // short labels on the buttons; what each one is, in the text
    const lines = services.map((kind, i) => {
      const minutes = found?.point.services.find((s) => s.kind === kind)?.slotMinutes ?? 60;
      return `${i + 1}. ${serviceLabel(ctx, kind)}: ${ctx.t(`service.${kind}.long` as MessageKey, { minutes })}.`;
    });
    return {
      say: [],
      ask: { kind: "choices", text: [ctx.t("book.service"), ...lines].join("\n") },
      choices: services.map((kind) =>
        choice(kind, serviceLabel(ctx, kind), kind === "facilitazione" ? ["facilitatore", "facilitator"] : []),
      ),
    };
  },
  async choose(_ctx, id) {
    return id === "facilitazione" || id === "accoglienza" ? { to: "book_mode", flow: { service: id } } : restartBooking;
  },
};

async function modesOf(ctx: StepContext): Promise<ServiceMode[]> {
  const point = await loadPoint(ctx, ctx.state.flow.pointId);
  return point?.services.find((s) => s.kind === ctx.state.flow.service)?.modes ?? [];
}

const remoteOf = (modes: ServiceMode[]) => modes.filter((m) => REMOTE_MODES.includes(m));
const REMOTE_WORDS = ["distanza", "remoto", "online", "remote", "remotely"];

export const bookModeStep: Step = {
  async skip(ctx) {
    const modes = await modesOf(ctx);
    if (modes.length === 0) return restartBooking;
    if (!modes.includes("in_presenza")) return { to: "book_remote", history: "none" };
    if (remoteOf(modes).length === 0)
      return { to: "book_day", flow: { mode: "in_presenza", dayPage: 0 }, history: "none" };
    return undefined;
  },
  async ask(ctx) {
    const remote = remoteOf(await modesOf(ctx));
    const [only] = remote;
    return {
      say: [],
      ask: { kind: "choices", text: ctx.t("book.mode") },
      choices: [
        choice("in_presenza", ctx.t("mode.in_presenza"), ["presenza", "persona", "di persona", "in person"]),
        // one way only: say which (a video call is not what everyone means by "a distanza")
        remote.length === 1 && only
          ? choice(only, modeLabel(ctx, only), REMOTE_WORDS)
          : choice("remote", ctx.t("mode.remote"), REMOTE_WORDS),
      ],
    };
  },
  async choose(_ctx, id) {
    if (id === "remote") return { to: "book_remote" };
    const mode = REMOTE_MODES.find((m) => m === id) ?? "in_presenza";
    return { to: "book_day", flow: { mode, dayPage: 0 } };
  },
};

export const bookRemoteStep: Step = {
  async skip(ctx) {
    const modes = await modesOf(ctx);
    const remote = remoteOf(modes);
    const [only] = remote;
    if (remote.length === 0) return restartBooking;
    if (remote.length > 1 || !only) return undefined;
    // the point helps only this way: say so, never silently
    const say = modes.includes("in_presenza")
      ? []
      : [text(ctx.t("book.onlyMode", { mode: lowerFirst(modeLabel(ctx, only)) }))];
    return { to: "book_day", say, flow: { mode: only, dayPage: 0 }, history: "none" };
  },
  async ask(ctx) {
    const remote = remoteOf(await modesOf(ctx));
    return {
      say: [],
      ask: { kind: "choices", text: ctx.t("book.remote") },
      choices: remote.map((mode) => choice(mode, modeLabel(ctx, mode))),
    };
  },
  async choose(_ctx, id) {
    const mode = REMOTE_MODES.find((m) => m === id);
    return mode ? { to: "book_day", flow: { mode, dayPage: 0 } } : { stay: [] };
  },
};

/** Point and service of the booking in progress, once its mode is chosen too. */
function bookingWhere(ctx: StepContext) {
  return ctx.state.flow.mode ? slotContext(ctx) : undefined;
}

export const bookDayStep = dayStep({
  where: bookingWhere,
  title: "book.day",
  next: "book_time",
  restart: restartBooking,
  waitlist: true,
});

export const bookTimeStep = timeStep({
  where: bookingWhere,
  dayStep: "book_day",
  next: "book_topic",
  restart: restartBooking,
  excludeOwnBooking: false,
});

/** After the topic (and note): the phone number when we must call, then the summary. */
async function afterTopic(ctx: StepContext, flow: { topic?: string; note?: string }): Promise<Outcome> {
  if (ctx.state.flow.mode === "telefono" && !(await citizenPhone(ctx))) return { to: "book_phone", flow };
  return { to: "book_summary", flow };
}

function chooseTopic(ctx: StepContext, id: string): Promise<Outcome> {
  if (id === "altro") return Promise.resolve({ to: "book_note", flow: { topic: id } });
  return afterTopic(ctx, { topic: id, note: undefined });
}

/** Every topic as a choice to match typed words against ("pensione", "spid"). */
function topicChoices(ctx: StepContext) {
  return TOPICS.map((topic) => ({ id: topic.id, label: ctx.t(topic.label), keywords: topic.keywords }));
}

/** "Per cosa ti serve aiuto?": six groups; a group of one topic is that topic. */
export const bookTopicStep: Step = {
  async skip(ctx) {
    // booking from a self-assessment result: the topic is already chosen
    const preset = presetTopic(ctx);
    return preset ? { ...(await afterTopic(ctx, preset)), history: "none" } : undefined;
  },
  async ask(ctx) {
    return {
      say: [],
      ask: { kind: "choices", text: ctx.t("book.topic") },
      choices: TOPIC_GROUPS.map((group) =>
        choice(
          `g.${group.id}`,
          ctx.t(group.label),
          topicsOf(group.id).flatMap((topic) => [ctx.t(topic.label), ...topic.keywords]),
        ),
      ),
    };
  },
  // a topic typed by name ("pensione", "SPID") is chosen at once, whichever group it is in
  interpret(ctx, typed) {
    if (typedNumber(typed) !== undefined) return undefined;
    const found = matchChoice(topicChoices(ctx), typed);
    return found && "id" in found ? `t.${found.id}` : undefined;
  },
  async choose(ctx, id) {
    if (id.startsWith("t.") && topicById(id.slice(2))) return chooseTopic(ctx, id.slice(2));
    const topics = topicsOf(id.slice(2));
    const [only] = topics;
    if (topics.length === 1 && only) return chooseTopic(ctx, only.id);
    if (topics.length > 1) return { to: "book_subtopic", flow: { topicGroup: id.slice(2) } };
    return { stay: [] };
  },
};

/** The topics of the group chosen. */
export const bookSubtopicStep: Step = {
  async skip(ctx) {
    return topicsOf(ctx.state.flow.topicGroup).length > 1 ? undefined : { to: "book_topic", history: "none" };
  },
  async ask(ctx) {
    return {
      say: [],
      ask: { kind: "choices", text: ctx.t("topic.which") },
      choices: topicsOf(ctx.state.flow.topicGroup).map((topic) => choice(topic.id, ctx.t(topic.label), topic.keywords)),
    };
  },
  async choose(ctx, id) {
    return topicById(id) ? chooseTopic(ctx, id) : { stay: [] };
  },
};

export const bookNoteStep: Step = {
  async ask(ctx) {
    return {
      say: [],
      ask: { kind: "choices", text: ctx.t("book.note") },
      choices: [choice("menu", ctx.t("common.menu"))],
    };
  },
  async choose() {
    return toMenu();
  },
  async text(ctx, typed) {
    const note = typed.trim();
    if (note.length > 300) return { stay: [text(ctx.t("book.noteTooLong"))] };
    return afterTopic(ctx, { note });
  },
};

export const bookPhoneStep: Step = phoneQuestion({
  ask: "book.phone",
  invalid: "book.phoneInvalid",
  next: () => ({ to: "book_summary", history: "none" }),
});

export const bookSummaryStep: Step = {
  async skip(ctx) {
    const { pointId, service, mode, slot } = ctx.state.flow;
    return pointId && service && mode && slot ? needsConsent(ctx, "book_summary") : restartBooking;
  },
  async ask(ctx) {
    const { flow } = ctx.state;
    const point = await loadPoint(ctx, flow.pointId);
    const topic = topicById(flow.topic);
    const start = new Date(flow.slot ?? 0);
    const { day, time } = when(ctx, start);
    const mode = flow.mode ?? "in_presenza";
    const phone = await citizenPhone(ctx);
    return {
      say: [],
      ask: {
        kind: "choices",
        text: ctx.t("book.summary", {
          where: whereLine(ctx, { mode, point, site: slotSite(ctx, point, start), phone: displayPhone(phone) }),
          day,
          time,
          service: serviceLabel(ctx, flow.service ?? "facilitazione"),
          topic: flow.note || (topic ? ctx.t(topic.label) : "—"),
        }),
      },
      choices: [
        choice("confirm", ctx.t("book.confirm"), [...YES, "conferma", "confermo", "confirm"]),
        choice("change", ctx.t("book.change"), ["cambia", "change"]),
        ...(mode === "telefono" ? [choice("phone", ctx.t("book.changePhone"), ["numero", "telefono", "number"])] : []),
        // leaving the booking is a way out: no "Indietro" is added beside it
        choice("menu", ctx.t("book.cancel"), NO),
      ],
    };
  },
  async choose(ctx, id) {
    const { flow } = ctx.state;
    if (id === "change") return { to: "book_day", flow: { dayPage: 0 }, history: "none" };
    if (id === "phone") return { to: "book_phone" };
    if (id === "menu") return toMenu([text(ctx.t("hint.cancelled"))]);
    const topic = topicById(flow.topic);
    try {
      const { booking, created } = await bookSlot(ctx.deps.core, {
        citizenId: ctx.state.citizenId ?? "",
        pointId: flow.pointId ?? "",
        service: flow.service ?? "facilitazione",
        mode: flow.mode ?? "in_presenza",
        startsAt: flow.slot ?? "",
        competences: bookingCompetences(flow, topic?.competences ?? []),
        publicServices: topic?.publicServices ?? [],
        ...(flow.note ? { needNote: flow.note } : {}),
      });
      const point = await loadPoint(ctx, booking.pointId);
      const { day, time } = when(ctx, booking.startsAt);
      const site = point?.sites.find((s) => s.id === booking.siteId);
      const phone = displayPhone(await citizenPhone(ctx)) ?? "—";
      const message = !created
        ? ctx.t("book.alreadyBooked")
        : booking.status === "pending"
          ? ctx.t("book.donePending", { day, time, how: ctx.t(`book.how.${booking.mode}` as MessageKey, { phone }) })
          : ctx.t("book.done", { day, time, point: point?.name ?? "", address: placeAddress(point, site) });
      const done: Outcome = {
        to: "book_done",
        say: [text(message)],
        replaceFlow: { bookingId: booking.id },
        history: "clear",
      };
      return afterBooking(ctx, created, done); // the self-assessment is offered after a first booking
    } catch (error) {
      if (!isSportelloError(error)) throw error;
      const say = [text(errorText(error, ctx.lang))];
      if (["capacity_reached", "not_a_slot", "too_soon", "slot_in_past"].includes(error.code)) {
        return { to: "book_time", say, flow: { slotPage: 0 }, history: "none" };
      }
      if (error.code === "closed_day" || error.code === "beyond_horizon")
        return { to: "book_day", say, flow: { dayPage: 0 }, history: "none" };
      if (error.code === "citizen_limit") return { to: "appointments", say, replaceFlow: {}, history: "clear" };
      return toMenu(say);
    }
  },
};

export const bookDoneStep: Step = {
  async ask(ctx) {
    return {
      say: [],
      ask: { kind: "choices", text: ctx.t("menu.title") },
      choices: [
        choice(
          "ics",
          ctx.t("book.addToCalendar"),
          ["calendario", "ics", "calendar"],
          ctx.t("book.addToCalendar.short"),
        ),
        choice("appointments", ctx.t("menu.appointments"), ["appuntamenti", "appointments"]),
        choice("menu", ctx.t("common.menu")),
      ],
    };
  },
  async choose(ctx, id) {
    if (id === "appointments") return { to: "appointments", replaceFlow: {}, history: "clear" };
    if (id !== "ics") return toMenu();
    const booking = ctx.state.flow.bookingId
      ? await ctx.deps.core.repos.bookings.findById(ctx.state.flow.bookingId)
      : null;
    if (!booking || booking.citizenId !== ctx.state.citizenId) return toMenu();
    return { stay: [calendarFile(ctx, booking, await loadPoint(ctx, booking.pointId))] };
  },
};

/** The full days of the point (never one that is over): joining the waitlist of one. */
export const waitlistDayStep: Step = {
  async skip(ctx) {
    return slotContext(ctx) ? needsConsent(ctx, "waitlist_day") : restartBooking;
  },
  async ask(ctx) {
    const where = slotContext(ctx);
    const full = where ? await fullDays(ctx, where) : [];
    return {
      say: [],
      ask: { kind: "choices", text: ctx.t("book.waitlistDay") },
      choices: [...waitlistDayChoices(ctx, full), choice("menu", ctx.t("common.menu"))],
    };
  },
  async choose(ctx, id) {
    const where = slotContext(ctx);
    const day = dayFromChoice(id);
    if (!where || !day || !ctx.state.citizenId) return toMenu();
    const { position } = await joinWaitlist(ctx.deps.core, { ...where, citizenId: ctx.state.citizenId, date: day });
    return toMenu([
      text(ctx.t("book.waitlistJoined", { day: formatLocalDate(day, ctx.lang, ctx.zone, ctx.now, ctx.t), position })),
    ]);
  },
};
