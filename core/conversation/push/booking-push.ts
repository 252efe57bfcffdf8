import type { Booking } from "../../booking/booking.js";
import { isOpen } from "../../booking/booking.js";
import type { OutboundMessage } from "../../messaging/message.js";
import type { PointDetails } from "../../ports.js";
import { formatDay, formatTime } from "../format.js";
import type { MessageKey } from "../i18n.js";
import { siteAddress } from "../steps/shared.js";
import { type Outcome, type StepContext, text } from "../steps/step.js";
import type { PushContext } from "./push-kind.js";

/** What every booking message says about the booking: when, where, how. */
export interface BookingFacts {
  booking: Booking;
  point: PointDetails | null;
  day: string;
  time: string;
  place: string;
  remote: boolean;
  mode: string;
}

export async function bookingFacts(
  ctx: Pick<PushContext, "core" | "lang" | "t" | "zone" | "now" | "point">,
  bookingId: string | null,
): Promise<BookingFacts | undefined> {
  if (!bookingId) return undefined;
  const booking = await ctx.core.repos.bookings.findById(bookingId);
  if (!booking) return undefined;
  const point = await ctx.point(booking.pointId);
  const site = point?.sites.find((s) => s.id === booking.siteId) ?? point?.sites[0];
  return {
    booking,
    point,
    day: formatDay(booking.startsAt, ctx.lang, ctx.zone, ctx.now, ctx.t),
    time: formatTime(booking.startsAt, ctx.lang, ctx.zone),
    place: [point?.name, siteAddress(site)].filter(Boolean).join(", "),
    remote: booking.mode !== "in_presenza",
    mode: ctx.t(`mode.${booking.mode}` as MessageKey),
  };
}

/** The point, from the directory when the conversation has one. */
export function stepPoint(ctx: StepContext) {
  return async (pointId: string) =>
    (await ctx.deps.finder.point(pointId)) ?? (await ctx.deps.core.repos.points.findById(pointId));
}

/** The push context of a conversation step (for handlers that describe the booking again). */
export function stepPushContext(ctx: StepContext): PushContext {
  return { core: ctx.deps.core, lang: ctx.lang, t: ctx.t, zone: ctx.zone, now: ctx.now, point: stepPoint(ctx) };
}

/**
 * The booking a pushed button is about, if the press can still act on it: the citizen's own, still
 * open, at the time the message spoke of. Otherwise the outcome that says plainly why not.
 */
export async function actionableBooking(
  ctx: StepContext,
  message: OutboundMessage,
  options: { startsAt?: string; changeNotice?: boolean } = {},
): Promise<{ booking: Booking } | { refuse: Outcome }> {
  const facts = await bookingFacts(stepPushContext(ctx), message.bookingId);
  const booking = facts?.booking;
  if (!facts || !booking || booking.citizenId !== ctx.state.citizenId) {
    return { refuse: { stay: [text(ctx.t("push.unknownButton"))] } };
  }
  if (!isOpen(booking.status) || booking.startsAt.getTime() <= ctx.now.getTime()) {
    return { refuse: { stay: [text(ctx.t("push.booking.notOpen"))] } };
  }
  if (options.startsAt && options.startsAt !== booking.startsAt.toISOString()) {
    return {
      refuse: {
        to: "appointment",
        replaceFlow: { bookingId: booking.id },
        history: "clear",
        say: [text(ctx.t("push.booking.changed", { day: facts.day, time: facts.time }))],
      },
    };
  }
  if (options.changeNotice) {
    const minutes = ctx.deps.core.policy.changeMinNoticeMinutes;
    if (booking.startsAt.getTime() - ctx.now.getTime() < minutes * 60_000) {
      const phone = facts.point?.contacts.phone ? ` (${facts.point.contacts.phone})` : "";
      return { refuse: { stay: [text(ctx.t("push.booking.tooLate", { phone }))] } };
    }
  }
  return { booking };
}

/** "Sposta": into the reschedule flow of that booking. */
export async function moveAction(ctx: StepContext, message: OutboundMessage, startsAt?: string): Promise<Outcome> {
  const found = await actionableBooking(ctx, message, { ...(startsAt ? { startsAt } : {}), changeNotice: true });
  if ("refuse" in found) return found.refuse;
  const { booking } = found;
  return {
    to: "resched_day",
    replaceFlow: {
      bookingId: booking.id,
      pointId: booking.pointId,
      service: booking.service === "accoglienza" ? "accoglienza" : "facilitazione",
      dayPage: 0,
    },
    history: "clear",
  };
}

/** "Annulla": into the cancel flow of that booking (the reason question). */
export async function cancelAction(ctx: StepContext, message: OutboundMessage, startsAt?: string): Promise<Outcome> {
  const found = await actionableBooking(ctx, message, { ...(startsAt ? { startsAt } : {}), changeNotice: true });
  if ("refuse" in found) return found.refuse;
  return { to: "cancel_reason", replaceFlow: { bookingId: found.booking.id }, history: "clear" };
}
