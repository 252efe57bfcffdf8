import { listDays, listFreeSlots } from "../../booking/free-slots.js";
import type { PointDetails } from "../../ports.js";
import { addDays } from "../../time/local-date.js";
import { localDateAt } from "../../time/zoned-time.js";
import { parseTypedDate, parseTypedTime } from "../date-input.js";
import { formatLocalDate, formatShortDay, formatTime } from "../format.js";
import type { MessageKey } from "../i18n.js";
import type { EngineChoice, StepId } from "../state.js";
import { toMenu } from "./shared.js";
import { choice, type Outcome, type Question, type Step, type StepContext, text } from "./step.js";

const DAYS_PER_PAGE = 6;
const TIMES_PER_PAGE = 8;

type Service = "facilitazione" | "accoglienza";

/** The point from the in-memory directory, so questions do not reload it from the database. */
async function known(ctx: StepContext, pointId: string): Promise<{ point?: PointDetails }> {
  const point = await ctx.deps.finder.point(pointId);
  return point ? { point } : {};
}

/** "mer 2 dic (5 posti)" */
function dayLabel(ctx: StepContext, date: string, free: number): string {
  const day = formatShortDay(date, ctx.lang);
  return free === 1 ? ctx.t("book.dayLineOne", { day }) : ctx.t("book.dayLine", { day, count: free });
}

/** The days with free places, six at a time, plus "other days" and the waitlist when days are full. */
export async function dayQuestion(
  ctx: StepContext,
  input: { pointId: string; service: Service; page: number; title: string; excludeWaitlist?: boolean },
): Promise<Question & { available: number }> {
  const days = await listDays(
    ctx.deps.core,
    { pointId: input.pointId, service: input.service },
    await known(ctx, input.pointId),
  );
  const free = days.filter((d) => d.freeSlots > 0);
  const full = days.filter((d) => d.open && d.freeSlots === 0);
  const shown = free.slice(input.page * DAYS_PER_PAGE, (input.page + 1) * DAYS_PER_PAGE);
  const choices: EngineChoice[] = shown.map((d) =>
    choice(`d${d.date}`, dayLabel(ctx, d.date, d.freeSlots), [
      formatLocalDate(d.date, ctx.lang, ctx.zone, ctx.now, ctx.t),
    ]),
  );
  if (free.length > (input.page + 1) * DAYS_PER_PAGE) choices.push(choice("more", ctx.t("book.otherDays"), ["altri"]));
  if (full.length > 0 && !input.excludeWaitlist) {
    choices.push(choice("waitlist", ctx.t("book.waitlistButton"), ["attesa", "lista"]));
  }
  choices.push(choice("menu", ctx.t("common.menu")));
  const lines = free.length === 0 ? [ctx.t("book.noDays", { days: ctx.deps.core.policy.horizonDays })] : [input.title];
  if (free.length === 0 && full.length > 0 && !input.excludeWaitlist) lines.push(ctx.t("book.waitlistOffer"));
  if (free.length > 0) lines.push(ctx.t("book.dayHint"));
  return {
    say: [],
    ask: { kind: "choices", text: lines.join("\n") },
    choices,
    available: free.length,
  };
}

/** A typed date at a day question: the day if it has places, else why not. */
export async function typedDay(
  ctx: StepContext,
  input: { pointId: string; service: Service; typed: string; waitlist: boolean },
): Promise<{ day: string } | { refuse: Outcome } | undefined> {
  const today = localDateAt(ctx.now, ctx.zone);
  const date = parseTypedDate(input.typed, today);
  if (!date) return undefined;
  const last = addDays(today, ctx.deps.core.policy.horizonDays);
  if (date < today || date > last) {
    return {
      refuse: {
        stay: [text(ctx.t("book.dayOutOfRange", { last: formatLocalDate(last, ctx.lang, ctx.zone, ctx.now, ctx.t) }))],
      },
    };
  }
  const days = await listDays(
    ctx.deps.core,
    { pointId: input.pointId, service: input.service },
    await known(ctx, input.pointId),
  );
  const found = days.find((d) => d.date === date);
  if (!found?.open) return { refuse: { stay: [text(ctx.t("book.dayClosed"))] } };
  if (found.freeSlots === 0)
    return { refuse: { stay: [text(ctx.t(input.waitlist ? "book.dayFullWaitlist" : "book.dayFull"))] } };
  return { day: date };
}

/** The free times of a day, eight at a time. */
export async function timeQuestion(
  ctx: StepContext,
  input: { pointId: string; service: Service; day: string; page: number; excludeBookingId?: string },
): Promise<Question & { available: number }> {
  const slots = await listFreeSlots(
    ctx.deps.core,
    { pointId: input.pointId, service: input.service, date: input.day },
    {
      ...(await known(ctx, input.pointId)),
      ...(input.excludeBookingId ? { excludeBookingId: input.excludeBookingId } : {}),
    },
  );
  const shown = slots.slice(input.page * TIMES_PER_PAGE, (input.page + 1) * TIMES_PER_PAGE);
  const choices: EngineChoice[] = shown.map((slot) =>
    choice(`t${slot.start.getTime().toString(36)}`, formatTime(slot.start, ctx.lang, ctx.zone)),
  );
  if (slots.length > (input.page + 1) * TIMES_PER_PAGE)
    choices.push(choice("more", ctx.t("book.otherTimes"), ["altri"]));
  choices.push(choice("day", ctx.t("book.otherDay"), ["giorno"]), choice("menu", ctx.t("common.menu")));
  const day = formatLocalDate(input.day, ctx.lang, ctx.zone, ctx.now, ctx.t);
  return {
    say: [],
    ask: {
      kind: "choices",
      text: ctx.t("book.timeFor", { day: day.charAt(0).toUpperCase() + day.slice(1) }),
    },
    choices,
    available: slots.length,
  };
}

/**
 * A typed time at a time question: the offered slot ("10" is 10:00 here, not the tenth button),
 * or a kind word when that time is not among the buttons. Numbers below 6 stay button numbers.
 */
export function typedTime(ctx: StepContext, typed: string): string | Outcome | undefined {
  const time = parseTypedTime(typed);
  if (!time) return undefined;
  const offered = ctx.state.question?.choices.find((c) => c.id.startsWith("t") && c.label === time)?.id;
  if (offered) return offered;
  if (Number(time.slice(0, 2)) < 6) return undefined;
  return { stay: [text(ctx.t("book.timeNotShown", { time }))] };
}

export function slotFromChoice(id: string): string | undefined {
  if (!/^t[0-9a-z]+$/.test(id)) return undefined;
  const ms = Number.parseInt(id.slice(1), 36);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
}

export function dayFromChoice(id: string): string | undefined {
  return /^d\d{4}-\d{2}-\d{2}$/.test(id) ? id.slice(1) : undefined;
}

type Where = { pointId: string; service: Service };

/**
 * The "which day?" step, shared by booking and rescheduling: day buttons (six at a time), typed
 * dates, and the waitlist when asked for.
 */
export function dayStep(options: {
  where: (ctx: StepContext) => Where | undefined;
  title: MessageKey;
  next: StepId;
  /** Where to go when the flow lacks what this step needs. */
  restart: Outcome;
  waitlist: boolean;
}): Step {
  return {
    async skip(ctx) {
      return options.where(ctx) ? undefined : options.restart;
    },
    async ask(ctx) {
      const where = options.where(ctx);
      if (!where) throw new Error("day step without point");
      return dayQuestion(ctx, {
        ...where,
        page: ctx.state.flow.dayPage ?? 0,
        title: ctx.t(options.title),
        excludeWaitlist: !options.waitlist,
      });
    },
    async choose(ctx, id) {
      if (id === "menu") return toMenu();
      if (id === "more") return { stay: [], flow: { dayPage: (ctx.state.flow.dayPage ?? 0) + 1 }, edit: true };
      if (id === "waitlist" && options.waitlist) return { to: "waitlist_day" };
      const day = dayFromChoice(id);
      return day ? { to: options.next, flow: { day, slotPage: 0 } } : { stay: [] };
    },
    async text(ctx, typed) {
      const where = options.where(ctx);
      if (!where) return options.restart;
      const found = await typedDay(ctx, { ...where, typed, waitlist: options.waitlist });
      if (!found) return { stay: [text(ctx.t("book.dayUnknown"))] };
      return "refuse" in found ? found.refuse : { to: options.next, flow: { day: found.day, slotPage: 0 } };
    },
  };
}

/** The "at what time?" step, shared by booking and rescheduling; "10" typed means 10:00 here. */
export function timeStep(options: {
  where: (ctx: StepContext) => Where | undefined;
  dayStep: StepId;
  next: StepId;
  restart: Outcome;
  /** Rescheduling: the booking being moved does not block its own neighbouring slots. */
  excludeOwnBooking: boolean;
}): Step {
  return {
    async skip(ctx) {
      return options.where(ctx) && ctx.state.flow.day ? undefined : options.restart;
    },
    async ask(ctx) {
      const where = options.where(ctx);
      const { day, bookingId } = ctx.state.flow;
      if (!where || !day) throw new Error("time step without day");
      return timeQuestion(ctx, {
        ...where,
        day,
        page: ctx.state.flow.slotPage ?? 0,
        ...(options.excludeOwnBooking && bookingId ? { excludeBookingId: bookingId } : {}),
      });
    },
    async choose(ctx, id) {
      if (id === "menu") return toMenu();
      if (id === "day") return { to: options.dayStep, history: "none" };
      if (id === "more") return { stay: [], flow: { slotPage: (ctx.state.flow.slotPage ?? 0) + 1 }, edit: true };
      const slot = slotFromChoice(id);
      return slot ? { to: options.next, flow: { slot } } : { stay: [] };
    },
    interpret: typedTime,
  };
}
