import type { FreeSlot } from "../../availability/slots.js";
import { type DayAvailability, isFullDay, listDays, listFreeSlots } from "../../booking/free-slots.js";
import { openIntervals } from "../../points/opening-hours.js";
import type { PointDetails } from "../../ports.js";
import { addDays } from "../../time/local-date.js";
import { localDateAt, localToInstant } from "../../time/zoned-time.js";
import { type DayPart, inDayPart, parseDayPart, parseTypedDate, parseTypedTime } from "../date-input.js";
import { formatLocalDate, formatShortDay, formatTime } from "../format.js";
import type { MessageKey } from "../i18n.js";
import type { EngineChoice, StepId } from "../state.js";
import { typedNumber } from "../text-input.js";
import { siteOf, toMenu } from "./shared.js";
import { choice, type Outcome, type Question, type Step, type StepContext, text } from "./step.js";

/** Five days and six times a page: with "prima", "dopo" and the way back, at most 8 or 9 buttons. */
export const DAYS_PER_PAGE = 5;
export const TIMES_PER_PAGE = 6;
/** Few enough free places to say how many are left. */
const FEW_PLACES = 2;

type Service = "facilitazione" | "accoglienza";
type Where = { pointId: string; service: Service };

/** The point from the in-memory directory, so questions do not reload it from the database. */
async function known(ctx: StepContext, pointId: string): Promise<{ point?: PointDetails }> {
  const point = await ctx.deps.finder.point(pointId);
  return point ? { point } : {};
}

async function daysOf(ctx: StepContext, where: Where): Promise<DayAvailability[]> {
  return listDays(ctx.deps.core, where, await known(ctx, where.pointId));
}

/** "mer 2 dic", or "mer 2 dic · 1 posto" when only one or two are left (short: it is a button). */
function dayLabel(ctx: StepContext, date: string, free: number): string {
  const day = formatShortDay(date, ctx.lang);
  if (free > FEW_PLACES) return day;
  return free === 1 ? ctx.t("book.dayLineOne", { day }) : ctx.t("book.dayLine", { day, count: free });
}

const dayChoice = (ctx: StepContext, date: string, label: string) =>
  choice(`d${date}`, label, [formatLocalDate(date, ctx.lang, ctx.zone, ctx.now, ctx.t)]);

/** The full days (all their slots still to come are taken): never a day that is over. */
export async function fullDays(ctx: StepContext, where: Where): Promise<DayAvailability[]> {
  return (await daysOf(ctx, where)).filter(isFullDay).slice(0, 8);
}

export function waitlistDayChoices(ctx: StepContext, full: readonly DayAvailability[]): EngineChoice[] {
  return full.map((d) => dayChoice(ctx, d.date, formatShortDay(d.date, ctx.lang)));
}

/** Where a bus stops on a date: its host site's name ("Collegno, piazza del Municipio"). */
function busPlace(ctx: StepContext, point: PointDetails | undefined, date: string): string | undefined {
  if (point?.kind !== "itinerant") return undefined;
  const [visit] = openIntervals(point.schedule, date, ctx.zone);
  return visit ? siteOf(point, visit.siteId)?.name : undefined;
}

/**
 * The days with free places, five at a time, with earlier and later pages, and the waitlist when
 * a day is full. For a bus, the text says where it stops each day shown.
 */
export async function dayQuestion(
  ctx: StepContext,
  input: Where & { page: number; title: string; excludeWaitlist?: boolean },
): Promise<Question & { available: number }> {
  const days = await daysOf(ctx, input);
  const free = days.filter((d) => d.freeSlots > 0);
  const full = days.filter(isFullDay);
  const pages = Math.max(1, Math.ceil(free.length / DAYS_PER_PAGE));
  const page = Math.min(Math.max(0, input.page), pages - 1);
  const shown = free.slice(page * DAYS_PER_PAGE, (page + 1) * DAYS_PER_PAGE);
  const choices: EngineChoice[] = shown.map((d) => dayChoice(ctx, d.date, dayLabel(ctx, d.date, d.freeSlots)));
  if (page > 0) choices.push(choice("previous", ctx.t("book.earlierDays"), ["prima", "earlier"]));
  if (page < pages - 1) choices.push(choice("more", ctx.t("book.otherDays"), ["altri", "dopo", "later", "more"]));
  const waitlist = full.length > 0 && !input.excludeWaitlist;
  if (waitlist) choices.push(choice("waitlist", ctx.t("book.waitlistButton"), ["attesa", "lista", "waiting"]));
  choices.push(choice("menu", ctx.t("common.menu")));
  const lines = free.length === 0 ? [ctx.t("book.noDays", { days: ctx.deps.core.policy.horizonDays })] : [input.title];
  const point = (await known(ctx, input.pointId)).point;
  if (point?.kind === "itinerant" && shown.length > 0) {
    lines.push(
      ctx.t("book.busDays"),
      ...shown.map((d) =>
        ctx.t("book.busDay", { day: formatShortDay(d.date, ctx.lang), place: busPlace(ctx, point, d.date) ?? "" }),
      ),
    );
  }
  if (free.length === 0 && waitlist) lines.push(ctx.t("book.waitlistOffer"));
  if (free.length > 0) lines.push(ctx.t("book.dayHint"));
  return { say: [], ask: { kind: "choices", text: lines.join("\n") }, choices, available: free.length };
}

/** A typed date at a day question: the day if it has places, else why not. */
export async function typedDay(
  ctx: StepContext,
  input: Where & { typed: string; waitlist: boolean },
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
  const found = (await daysOf(ctx, input)).find((d) => d.date === date);
  if (!found?.open) return { refuse: { stay: [text(ctx.t("book.dayClosed"))] } };
  if (found.upcomingSlots === 0) return { refuse: { stay: [text(ctx.t("book.dayOver"))] } };
  if (found.freeSlots === 0)
    return { refuse: { stay: [text(ctx.t(input.waitlist ? "book.dayFullWaitlist" : "book.dayFull"))] } };
  return { day: date };
}

async function slotsOf(
  ctx: StepContext,
  input: Where & { day: string; excludeBookingId?: string },
): Promise<FreeSlot[]> {
  return listFreeSlots(
    ctx.deps.core,
    { pointId: input.pointId, service: input.service, date: input.day },
    {
      ...(await known(ctx, input.pointId)),
      ...(input.excludeBookingId ? { excludeBookingId: input.excludeBookingId } : {}),
    },
  );
}

/** The free times of a day, six at a time, with earlier and later pages; hours are "10:30". */
export async function timeQuestion(
  ctx: StepContext,
  input: Where & { day: string; page: number; excludeBookingId?: string },
): Promise<Question & { available: number }> {
  const slots = await slotsOf(ctx, input);
  const pages = Math.max(1, Math.ceil(slots.length / TIMES_PER_PAGE));
  const page = Math.min(Math.max(0, input.page), pages - 1);
  const shown = slots.slice(page * TIMES_PER_PAGE, (page + 1) * TIMES_PER_PAGE);
  const choices: EngineChoice[] = shown.map((slot) =>
    choice(`t${slot.start.getTime().toString(36)}`, formatTime(slot.start, ctx.lang, ctx.zone)),
  );
  if (page > 0) choices.push(choice("previous", ctx.t("book.earlierTimes"), ["prima", "earlier"]));
  if (page < pages - 1) choices.push(choice("more", ctx.t("book.otherTimes"), ["altri", "dopo", "later", "more"]));
  // "Un altro giorno" goes back to the day question: the engine adds no "Indietro" beside it
  choices.push(choice("back", ctx.t("book.otherDay"), ["giorno", "day"]));
  const day = formatLocalDate(input.day, ctx.lang, ctx.zone, ctx.now, ctx.t);
  const Day = day.charAt(0).toUpperCase() + day.slice(1);
  const place = busPlace(ctx, (await known(ctx, input.pointId)).point, input.day);
  const title = place ? ctx.t("book.timeForBus", { day: Day, place }) : ctx.t("book.timeFor", { day: Day });
  return {
    say: [],
    ask: { kind: "choices", text: `${title}\n${ctx.t("book.timeHint")}` },
    choices,
    available: slots.length,
  };
}

const PART_TEXT: Record<DayPart, MessageKey> = {
  morning: "book.morning",
  afternoon: "book.afternoon",
  evening: "book.evening",
};

/**
 * Typed at a time question: "10:30", "10 e mezza", "mezzogiorno", "half past ten" choose that slot
 * (on any page) or show the page of the nearest free one; "pomeriggio", "mattina" show the page
 * where that part of the day starts. A number alone never gets here: it is a button's number.
 */
async function typedTime(
  ctx: StepContext,
  input: Where & { day: string; excludeBookingId?: string; next: StepId },
  typed: string,
): Promise<Outcome | undefined> {
  const time = parseTypedTime(typed);
  const part = time ? undefined : parseDayPart(typed);
  if (!time && !part) return undefined;
  const slots = await slotsOf(ctx, input);
  const label = (slot: FreeSlot) => formatTime(slot.start, ctx.lang, ctx.zone);
  const pageOf = (index: number) => Math.floor(index / TIMES_PER_PAGE);
  if (time) {
    const exact = slots.find((slot) => label(slot) === time);
    if (exact) return { to: input.next, flow: { slot: exact.start.toISOString() } };
    if (slots.length === 0) return { stay: [] };
    const wanted = localToInstant(input.day, time, ctx.zone).getTime();
    let nearest = 0;
    slots.forEach((slot, i) => {
      const best = slots[nearest] as FreeSlot;
      if (Math.abs(slot.start.getTime() - wanted) < Math.abs(best.start.getTime() - wanted)) nearest = i;
    });
    return { stay: [text(ctx.t("book.timeNotShown", { time }))], flow: { slotPage: pageOf(nearest) } };
  }
  const first = slots.findIndex((slot) => part && inDayPart(label(slot), part));
  if (first < 0 || !part) return { stay: [text(ctx.t("book.noDayPart"))] };
  return { stay: [text(ctx.t(PART_TEXT[part]))], flow: { slotPage: pageOf(first) } };
}

/** A number typed that is not on the list (at a day or time question it is never a date or an hour). */
function numberNotListed(ctx: StepContext, typed: string): Outcome | undefined {
  if (typedNumber(typed) === undefined) return undefined;
  return { stay: [text(ctx.t("hint.outOfRange", { max: ctx.state.question?.choices.length ?? 1 }))], miss: true };
}

export function slotFromChoice(id: string): string | undefined {
  if (!/^t[0-9a-z]+$/.test(id)) return undefined;
  const ms = Number.parseInt(id.slice(1), 36);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
}

export function dayFromChoice(id: string): string | undefined {
  return /^d\d{4}-\d{2}-\d{2}$/.test(id) ? id.slice(1) : undefined;
}

/**
 * The "which day?" step, shared by booking and rescheduling: day buttons (five at a time), typed
 * dates ("il 3", "giovedì", "tra una settimana"), and the waitlist when asked for.
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
      const page = ctx.state.flow.dayPage ?? 0;
      if (id === "menu") return toMenu();
      if (id === "more") return { stay: [], flow: { dayPage: page + 1 }, edit: true };
      if (id === "previous") return { stay: [], flow: { dayPage: Math.max(0, page - 1) }, edit: true };
      if (id === "waitlist" && options.waitlist) return { to: "waitlist_day" };
      const day = dayFromChoice(id);
      return day ? { to: options.next, flow: { day, slotPage: 0 } } : { stay: [] };
    },
    async text(ctx, typed) {
      const where = options.where(ctx);
      if (!where) return options.restart;
      const listed = numberNotListed(ctx, typed);
      if (listed) return listed;
      const found = await typedDay(ctx, { ...where, typed, waitlist: options.waitlist });
      if (!found) return { stay: [text(ctx.t("book.dayUnknown"))], miss: true };
      return "refuse" in found ? found.refuse : { to: options.next, flow: { day: found.day, slotPage: 0 } };
    },
  };
}

/** The "at what time?" step, shared by booking and rescheduling; typed numbers are the buttons'. */
export function timeStep(options: {
  where: (ctx: StepContext) => Where | undefined;
  dayStep: StepId;
  next: StepId;
  restart: Outcome;
  /** Rescheduling: the booking being moved does not block its own neighbouring slots. */
  excludeOwnBooking: boolean;
}): Step {
  const own = (ctx: StepContext) =>
    options.excludeOwnBooking && ctx.state.flow.bookingId ? { excludeBookingId: ctx.state.flow.bookingId } : {};
  return {
    async skip(ctx) {
      return options.where(ctx) && ctx.state.flow.day ? undefined : options.restart;
    },
    async ask(ctx) {
      const where = options.where(ctx);
      const { day } = ctx.state.flow;
      if (!where || !day) throw new Error("time step without day");
      return timeQuestion(ctx, { ...where, day, page: ctx.state.flow.slotPage ?? 0, ...own(ctx) });
    },
    async choose(ctx, id) {
      const page = ctx.state.flow.slotPage ?? 0;
      if (id === "menu") return toMenu();
      if (id === "back") return { to: options.dayStep, history: "none" };
      if (id === "more") return { stay: [], flow: { slotPage: page + 1 }, edit: true };
      if (id === "previous") return { stay: [], flow: { slotPage: Math.max(0, page - 1) }, edit: true };
      const slot = slotFromChoice(id);
      return slot ? { to: options.next, flow: { slot } } : { stay: [] };
    },
    async text(ctx, typed) {
      const where = options.where(ctx);
      const { day } = ctx.state.flow;
      if (!where || !day) return options.restart;
      return (
        numberNotListed(ctx, typed) ??
        (await typedTime(ctx, { ...where, day, next: options.next, ...own(ctx) }, typed)) ?? {
          stay: [text(ctx.t("hint.notUnderstood"))],
          miss: true,
        }
      );
    },
  };
}
