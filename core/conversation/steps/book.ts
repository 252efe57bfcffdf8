import { bookSlot } from "../../booking/book-slot.js";
import { listDays } from "../../booking/free-slots.js";
import { isSportelloError } from "../../errors.js";
import { REMOTE_MODES, type ServiceMode } from "../../points/types.js";
import { joinWaitlist } from "../../waitlist/join-waitlist.js";
import { errorText } from "../error-text.js";
import { formatLocalDate, formatShortDay } from "../format.js";
import type { MessageKey } from "../i18n.js";
import { normalisePhone } from "../phone.js";
import { TOPICS, topicById } from "../topics.js";
import { afterBooking, bookingCompetences, presetTopic } from "./assessment-booking.js";
import {
  bookableServices,
  calendarFile,
  loadPoint,
  modeLabel,
  serviceLabel,
  siteAddress,
  slotContext,
  toMenu,
  when,
} from "./shared.js";
import { dayFromChoice, dayStep, timeStep } from "./slot-questions.js";
import { choice, type Outcome, type Step, type StepContext, text } from "./step.js";

const restartBooking: Outcome = { to: "find_where", flow: { purpose: "book" }, history: "none" };

function needsConsent(ctx: StepContext): Outcome | undefined {
  return ctx.state.consent === "accepted" && ctx.state.citizenId
    ? undefined
    : { to: "privacy", say: [text(ctx.t("privacy.needed"))], history: "none" };
}

async function servicesOf(ctx: StepContext) {
  const point = await loadPoint(ctx, ctx.state.flow.pointId);
  return point ? { point, services: bookableServices(point) } : undefined;
}

export const bookServiceStep: Step = {
  async skip(ctx) {
    const consent = needsConsent(ctx);
    if (consent) return consent;
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
    return {
      say: [],
      ask: { kind: "choices", text: ctx.t("book.service") },
      choices: (found?.services ?? []).map((kind) => {
        const minutes = found?.point.services.find((s) => s.kind === kind)?.slotMinutes ?? 60;
        return choice(kind, ctx.t(`service.${kind}.long` as MessageKey, { minutes }), [serviceLabel(ctx, kind)]);
      }),
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

export const bookModeStep: Step = {
  async skip(ctx) {
    const modes = await modesOf(ctx);
    if (modes.length === 0) return restartBooking;
    const remote = modes.filter((m) => REMOTE_MODES.includes(m));
    if (!modes.includes("in_presenza")) return { to: "book_remote", history: "none" };
    if (remote.length === 0) return { to: "book_day", flow: { mode: "in_presenza", dayPage: 0 }, history: "none" };
    return undefined;
  },
  async ask(ctx) {
    return {
      say: [],
      ask: { kind: "choices", text: ctx.t("book.mode") },
      choices: [
        choice("in_presenza", ctx.t("mode.in_presenza"), ["presenza", "persona", "di persona"]),
        choice("remote", ctx.t("mode.remote"), ["distanza", "remoto", "online"]),
      ],
    };
  },
  async choose(_ctx, id) {
    return id === "remote" ? { to: "book_remote" } : { to: "book_day", flow: { mode: "in_presenza", dayPage: 0 } };
  },
};

export const bookRemoteStep: Step = {
  async skip(ctx) {
    const remote = (await modesOf(ctx)).filter((m) => REMOTE_MODES.includes(m));
    const [only] = remote;
    if (remote.length === 0) return restartBooking;
    return remote.length === 1 && only
      ? { to: "book_day", flow: { mode: only, dayPage: 0 }, history: "none" }
      : undefined;
  },
  async ask(ctx) {
    const remote = (await modesOf(ctx)).filter((m) => REMOTE_MODES.includes(m));
    return {
      say: [],
      ask: { kind: "choices", text: ctx.t("book.remote") },
      choices: remote.map((mode) => choice(mode, modeLabel(ctx, mode))),
    };
  },
  async choose(_ctx, id) {
    return { to: "book_day", flow: { mode: id as ServiceMode, dayPage: 0 } };
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
  if (ctx.state.flow.mode === "telefono" && ctx.state.citizenId) {
    const citizen = await ctx.deps.core.repos.citizens.findById(ctx.state.citizenId);
    if (!citizen?.phone) return { to: "book_phone", flow };
  }
  return { to: "book_summary", flow };
}

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
      choices: TOPICS.map((topic) => choice(topic.id, ctx.t(topic.label))),
    };
  },
  async choose(ctx, id) {
    if (!topicById(id)) return { stay: [] };
    if (id === "altro") return { to: "book_note", flow: { topic: id } };
    return afterTopic(ctx, { topic: id, note: undefined });
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

export const bookPhoneStep: Step = {
  async ask(ctx) {
    return {
      say: [],
      ask: { kind: "choices", text: ctx.t("book.phone") },
      choices: [choice("menu", ctx.t("common.menu"))],
    };
  },
  async choose() {
    return toMenu();
  },
  text: (ctx, typed) => savePhone(ctx, typed),
  contact: (ctx, phone) => savePhone(ctx, phone),
};

/** A typed or shared phone number, kept on the citizen when it looks right. */
async function savePhone(ctx: StepContext, phone: string): Promise<Outcome> {
  const normalised = normalisePhone(phone);
  if (!normalised || !ctx.state.citizenId) return { stay: [text(ctx.t("book.phoneInvalid"))] };
  await ctx.deps.core.repos.citizens.update(ctx.state.citizenId, { phone: normalised });
  return { to: "book_summary" };
}

export const bookSummaryStep: Step = {
  async skip(ctx) {
    const { pointId, service, mode, slot } = ctx.state.flow;
    return pointId && service && mode && slot ? needsConsent(ctx) : restartBooking;
  },
  async ask(ctx) {
    const { flow } = ctx.state;
    const point = await loadPoint(ctx, flow.pointId);
    const topic = topicById(flow.topic);
    const { day, time } = when(ctx, new Date(flow.slot ?? 0));
    return {
      say: [],
      ask: {
        kind: "choices",
        text: ctx.t("book.summary", {
          point: point?.name ?? "",
          day,
          time,
          service: serviceLabel(ctx, flow.service ?? "facilitazione"),
          mode: modeLabel(ctx, flow.mode ?? "in_presenza"),
          topic: flow.note || (topic ? ctx.t(topic.label) : "—"),
        }),
      },
      choices: [
        choice("confirm", ctx.t("book.confirm"), ["si", "sì", "ok", "conferma", "confermo", "yes"]),
        choice("change", ctx.t("book.change"), ["cambia"]),
        choice("cancel", ctx.t("book.cancel"), ["no"]),
      ],
    };
  },
  async choose(ctx, id) {
    const { flow } = ctx.state;
    if (id === "change") return { to: "book_day", flow: { dayPage: 0 }, history: "none" };
    if (id === "cancel") return toMenu([text(ctx.t("hint.cancelled"))]);
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
      const message = !created
        ? ctx.t("book.alreadyBooked")
        : booking.status === "pending"
          ? ctx.t("book.donePending", { day, time, mode: modeLabel(ctx, booking.mode) })
          : ctx.t("book.done", { day, time, point: point?.name ?? "", address: siteAddress(site) });
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
        choice("ics", ctx.t("book.addToCalendar"), ["calendario", "ics"]),
        choice("appointments", ctx.t("menu.appointments")),
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

/** The full days of the point: joining the waitlist of one. */
export const waitlistDayStep: Step = {
  async skip(ctx) {
    return slotContext(ctx) ? needsConsent(ctx) : restartBooking;
  },
  async ask(ctx) {
    const where = slotContext(ctx);
    const point = where ? await ctx.deps.finder.point(where.pointId) : undefined;
    const days = where ? await listDays(ctx.deps.core, where, point ? { point } : {}) : [];
    const full = days.filter((d) => d.open && d.freeSlots === 0).slice(0, 8);
    return {
      say: [],
      ask: { kind: "choices", text: ctx.t("book.waitlistDay") },
      choices: [
        ...full.map((d) =>
          choice(`d${d.date}`, formatShortDay(d.date, ctx.lang), [
            formatLocalDate(d.date, ctx.lang, ctx.zone, ctx.now, ctx.t),
          ]),
        ),
        choice("menu", ctx.t("common.menu")),
      ],
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
