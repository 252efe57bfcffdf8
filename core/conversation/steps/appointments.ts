import type { Booking } from "../../booking/booking.js";
import { CANCEL_REASONS, cancelBooking } from "../../booking/cancel-booking.js";
import { upcomingBookings } from "../../booking/list-bookings.js";
import { rescheduleBooking } from "../../booking/reschedule-booking.js";
import { myCourses } from "../../courses/find-courses.js";
import { isSportelloError } from "../../errors.js";
import { localDateAt } from "../../time/zoned-time.js";
import { errorText } from "../error-text.js";
import { formatShortDay, formatTime } from "../format.js";
import type { MessageKey } from "../i18n.js";
import { displayPhone } from "../phone.js";
import { YES } from "../text-input.js";
import {
  askConsent,
  calendarFile,
  citizenPhone,
  loadPoint,
  serviceLabel,
  siteOf,
  slotContext,
  toMenu,
  when,
  whereLine,
} from "./shared.js";
import { dayStep, timeStep } from "./slot-questions.js";
import { choice, type Outcome, type Step, type StepContext, text } from "./step.js";

/** The citizen's booking being looked at, if it is really theirs. */
async function currentBooking(ctx: StepContext): Promise<Booking | undefined> {
  const id = ctx.state.flow.bookingId;
  if (!id || !ctx.state.citizenId) return undefined;
  const booking = await ctx.deps.core.repos.bookings.findById(id);
  return booking && booking.citizenId === ctx.state.citizenId ? booking : undefined;
}

const toList: Outcome = { to: "appointments", replaceFlow: {}, history: "clear" };

async function tooLate(ctx: StepContext, booking: Booking): Promise<Outcome | undefined> {
  const minutes = ctx.deps.core.policy.changeMinNoticeMinutes;
  if (booking.startsAt.getTime() - ctx.now.getTime() >= minutes * 60_000) return undefined;
  const point = await loadPoint(ctx, booking.pointId);
  const phone = point?.contacts.phone ? ` (${point.contacts.phone})` : "";
  return { stay: [text(ctx.t("reschedule.tooLate", { phone }))] };
}

export const appointmentsStep: Step = {
  async skip(ctx) {
    return ctx.state.consent === "accepted" ? undefined : askConsent(ctx, "appointments");
  },
  async ask(ctx) {
    const bookings = ctx.state.citizenId ? await upcomingBookings(ctx.deps.core, ctx.state.citizenId) : [];
    const courses = ctx.state.citizenId ? await myCourses(ctx.deps.core, ctx.state.citizenId) : [];
    if (bookings.length === 0 && courses.length === 0) {
      return {
        say: [],
        ask: { kind: "choices", text: ctx.t("appointments.none") },
        choices: [
          choice("book", ctx.t("appointments.book"), ["prenota", "book"]),
          choice("menu", ctx.t("common.menu")),
        ],
      };
    }
    const lines: string[] = [];
    const choices = [];
    for (const [index, booking] of bookings.entries()) {
      const point = await loadPoint(ctx, booking.pointId);
      const { day, time } = when(ctx, booking.startsAt);
      const status = ctx.t(booking.status === "pending" ? "appointments.pending" : "appointments.confirmed");
      lines.push(`${index + 1}. ${ctx.t("appointments.line", { day, time, point: point?.name ?? "" })} ${status}`);
      const short = `${formatShortDay(localDateAt(booking.startsAt, ctx.zone), ctx.lang)} ${formatTime(booking.startsAt, ctx.lang, ctx.zone)}`;
      choices.push(choice(booking.id, short));
    }
    // the group courses the citizen is enrolled in, after the appointments
    for (const [index, view] of courses.entries()) {
      const point = await loadPoint(ctx, view.pointId);
      const { day, time } = when(ctx, view.startsAt);
      const title = view.course?.title ?? view.title;
      const line = ctx.t("courses.appointmentLine", { title, day, time, point: point?.name ?? "" });
      lines.push(`${bookings.length + index + 1}. ${line}`);
      const short = `${formatShortDay(localDateAt(view.startsAt, ctx.zone), ctx.lang)} ${formatTime(view.startsAt, ctx.lang, ctx.zone)}`;
      choices.push(choice(`course_${view.id}`, `${ctx.t("courses.calendar.summary")} ${short}`, [title]));
    }
    choices.push(choice("menu", ctx.t("common.menu")));
    return {
      say: [],
      ask: {
        kind: "choices",
        text: `${ctx.t("appointments.list")}\n\n${lines.join("\n")}\n\n${ctx.t("appointments.choose")}`,
      },
      choices,
    };
  },
  async choose(_ctx, id) {
    if (id === "menu") return toMenu();
    if (id === "book") return { to: "find_where", replaceFlow: { purpose: "book" } };
    if (id.startsWith("course_")) {
      return { to: "course", flow: { courseSessionId: id.slice("course_".length), courseFrom: "appointments" } };
    }
    return { to: "appointment", flow: { bookingId: id } };
  },
};

export const appointmentStep: Step = {
  async skip(ctx) {
    return (await currentBooking(ctx)) ? undefined : toList;
  },
  async ask(ctx) {
    const booking = await currentBooking(ctx);
    if (!booking) throw new Error("appointment vanished");
    const point = await loadPoint(ctx, booking.pointId);
    const { day, time } = when(ctx, booking.startsAt);
    return {
      say: [],
      ask: {
        kind: "choices",
        text: ctx.t("appointments.detail", {
          day,
          time,
          // in person the address; remote, how it happens and the number we call, no address
          where: whereLine(ctx, {
            mode: booking.mode,
            point,
            site: siteOf(point, booking.siteId),
            phone: displayPhone(await citizenPhone(ctx)),
          }),
          service: serviceLabel(ctx, booking.service),
          status: ctx.t(booking.status === "pending" ? "appointments.pending" : "appointments.confirmed"),
        }),
      },
      choices: [
        choice("reschedule", ctx.t("appointments.reschedule"), ["sposta", "cambia", "reschedule", "move"]),
        choice(
          "cancel",
          ctx.t("appointments.cancel"),
          ["annulla appuntamento", "disdici", "cancel appointment"],
          ctx.t("appointments.cancel.short"),
        ),
        choice("ics", ctx.t("appointments.calendar"), ["calendario", "calendar"], ctx.t("appointments.calendar.short")),
        choice("back", ctx.t("common.back")),
        choice("menu", ctx.t("common.menu")),
      ],
    };
  },
  async choose(ctx, id) {
    const booking = await currentBooking(ctx);
    if (!booking) return toList;
    switch (id) {
      case "ics":
        return { stay: [calendarFile(ctx, booking, await loadPoint(ctx, booking.pointId))] };
      case "cancel":
        return (await tooLate(ctx, booking)) ?? { to: "cancel_reason" };
      case "reschedule":
        return (
          (await tooLate(ctx, booking)) ?? {
            to: "resched_day",
            flow: {
              pointId: booking.pointId,
              service: booking.service === "accoglienza" ? "accoglienza" : "facilitazione",
              dayPage: 0,
            },
          }
        );
      case "back":
        return toList;
      default:
        return toMenu();
    }
  },
};

export const cancelReasonStep: Step = {
  async ask(ctx) {
    return {
      say: [],
      ask: { kind: "choices", text: ctx.t("cancel.reason") },
      choices: [
        ...CANCEL_REASONS.map((reason) => choice(reason, ctx.t(`cancel.reason.${reason}` as MessageKey))),
        choice("back", ctx.t("common.back")),
      ],
    };
  },
  async choose(ctx, id) {
    if (id === "back") return { to: "appointment", history: "none" };
    const reason = CANCEL_REASONS.find((r) => r === id);
    if (!reason) return { stay: [] };
    try {
      const { booking } = await cancelBooking(ctx.deps.core, {
        bookingId: ctx.state.flow.bookingId ?? "",
        actor: "citizen",
        actorId: ctx.state.citizenId ?? "",
        reason,
      });
      // the file that removes the event (and its reminders) from the phone's calendar
      const file = calendarFile(ctx, booking, await loadPoint(ctx, booking.pointId));
      return { ...toList, say: [text(ctx.t("cancel.done")), file] };
    } catch (error) {
      if (!isSportelloError(error)) throw error;
      return { ...toList, say: [text(errorText(error, ctx.lang))] };
    }
  },
};

export const reschedDayStep = dayStep({
  where: (ctx) => (ctx.state.flow.bookingId ? slotContext(ctx) : undefined),
  title: "reschedule.day",
  next: "resched_time",
  restart: toList,
  waitlist: false,
});

export const reschedTimeStep = timeStep({
  where: slotContext,
  dayStep: "resched_day",
  next: "resched_confirm",
  restart: toList,
  excludeOwnBooking: true,
});

export const reschedConfirmStep: Step = {
  async skip(ctx) {
    return ctx.state.flow.slot && ctx.state.flow.bookingId ? undefined : toList;
  },
  async ask(ctx) {
    const { day, time } = when(ctx, new Date(ctx.state.flow.slot ?? 0));
    return {
      say: [],
      ask: { kind: "choices", text: ctx.t("reschedule.confirm", { day, time }) },
      choices: [
        choice("confirm", ctx.t("book.confirm"), [...YES, "conferma", "confirm"]),
        choice("change", ctx.t("book.change"), ["cambia", "change"]),
        // "don't move it", not "cancel the appointment": back to the appointment as it is
        choice("back", ctx.t("reschedule.keep"), ["no", "lascia", "keep"]),
      ],
    };
  },
  async choose(ctx, id) {
    if (id === "change") return { to: "resched_day", flow: { dayPage: 0 }, history: "none" };
    if (id === "back") return { to: "appointment", say: [text(ctx.t("hint.cancelled"))], history: "none" };
    try {
      const booking = await rescheduleBooking(ctx.deps.core, {
        bookingId: ctx.state.flow.bookingId ?? "",
        citizenId: ctx.state.citizenId ?? "",
        startsAt: ctx.state.flow.slot ?? "",
      });
      const { day, time } = when(ctx, booking.startsAt);
      const message = ctx.t(booking.status === "pending" ? "reschedule.donePending" : "reschedule.done", { day, time });
      return {
        to: "appointment",
        say: [text(message), calendarFile(ctx, booking, await loadPoint(ctx, booking.pointId))],
        replaceFlow: { bookingId: booking.id },
        history: "clear",
      };
    } catch (error) {
      if (!isSportelloError(error)) throw error;
      const say = [text(errorText(error, ctx.lang))];
      if (error.code === "capacity_reached" || error.code === "not_a_slot" || error.code === "too_soon") {
        return { to: "resched_time", say, flow: { slotPage: 0 }, history: "none" };
      }
      return { to: "appointment", say, history: "none" };
    }
  },
};
