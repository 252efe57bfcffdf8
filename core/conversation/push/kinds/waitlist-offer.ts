import { z } from "zod";
import { bookSlot } from "../../../booking/book-slot.js";
import { isSportelloError } from "../../../errors.js";
import { MessageKind } from "../../../messaging/kinds.js";
import { localDateAt } from "../../../time/zoned-time.js";
import { declineWaitlistOffer, returnOfferToLine } from "../../../waitlist/decline-offer.js";
import { errorText } from "../../error-text.js";
import { formatDay, formatTime } from "../../format.js";
import { siteAddress } from "../../steps/shared.js";
import { type StepContext, text } from "../../steps/step.js";
import { stepPoint } from "../booking-push.js";
import { pushChoice } from "../push-choice.js";
import { definePushKind, type PushContext } from "../push-kind.js";

const params = z.object({ slotStartsAt: z.string(), expiresAt: z.string() });

function when(ctx: Pick<PushContext, "lang" | "t" | "zone" | "now">, iso: string) {
  const instant = new Date(iso);
  return { day: formatDay(instant, ctx.lang, ctx.zone, ctx.now, ctx.t), time: formatTime(instant, ctx.lang, ctx.zone) };
}

/** The waitlist entry a press is about, if it is the citizen's own. */
async function ownEntry(ctx: StepContext, entryId: string | null) {
  const entry = entryId ? await ctx.deps.core.repos.waitlist.findById(entryId) : null;
  return entry && entry.citizenId === ctx.state.citizenId ? entry : undefined;
}

/**
 * A seat freed on a day the citizen waits for: "Prenota" books exactly that slot if it is still
 * free (the first to book it gets it); "No, grazie" passes it to the next in line at once.
 */
export const waitlistOffer = definePushKind({
  kind: MessageKind.waitlistOffer,
  params,
  async compose(ctx, message, p) {
    const entry = message.waitlistEntryId ? await ctx.core.repos.waitlist.findById(message.waitlistEntryId) : null;
    if (entry?.status !== "offered" || entry.offerStartsAt?.toISOString() !== p.slotStartsAt) {
      return { skip: "offer_not_open" };
    }
    const point = await ctx.point(entry.pointId);
    const slot = when(ctx, p.slotStartsAt);
    const until = when(ctx, p.expiresAt);
    const sameDay = localDateAt(new Date(p.expiresAt), ctx.zone) === localDateAt(ctx.now, ctx.zone);
    return {
      replies: [
        {
          kind: "choices",
          text: [
            ctx.t("push.offer.text", { point: point?.name ?? "", day: slot.day, time: slot.time }),
            sameDay
              ? ctx.t("push.offer.untilToday", { time: until.time })
              : ctx.t("push.offer.until", { day: until.day, time: until.time }),
          ].join("\n\n"),
          choices: [
            pushChoice(message.id, "book", ctx.t("push.offer.book")),
            pushChoice(message.id, "no", ctx.t("push.offer.no")),
          ],
        },
      ],
    };
  },
  actions: {
    async book(ctx, message, p) {
      const entry = await ownEntry(ctx, message.waitlistEntryId);
      if (!entry || !ctx.state.citizenId) return { stay: [text(ctx.t("push.unknownButton"))] };
      if (entry.status === "booked") {
        return {
          to: "appointments",
          replaceFlow: {},
          history: "clear",
          say: [text(ctx.t("push.offer.alreadyBooked"))],
        };
      }
      const open =
        entry.status === "offered" &&
        entry.offerStartsAt?.toISOString() === p.slotStartsAt &&
        (entry.offerExpiresAt?.getTime() ?? 0) > ctx.now.getTime();
      if (!open) return { stay: [text(ctx.t("push.offer.expired"))] };
      const point = await stepPoint(ctx)(entry.pointId);
      const service = point?.services.find((s) => s.kind === entry.service);
      const mode = service?.modes.includes("in_presenza") ? "in_presenza" : service?.modes[0];
      if (!point || !mode || (entry.service !== "facilitazione" && entry.service !== "accoglienza")) {
        return { stay: [text(ctx.t("push.offer.expired"))] };
      }
      try {
        const { booking } = await bookSlot(ctx.deps.core, {
          citizenId: ctx.state.citizenId,
          pointId: entry.pointId,
          service: entry.service,
          mode,
          startsAt: p.slotStartsAt,
          waitlistEntryId: entry.id,
        });
        const slot = when(ctx, booking.startsAt.toISOString());
        const site = point.sites.find((s) => s.id === booking.siteId);
        const say = text(
          booking.status === "pending"
            ? ctx.t("push.offer.bookedPending", { day: slot.day, time: slot.time, point: point.name })
            : ctx.t("push.offer.booked", {
                day: slot.day,
                time: slot.time,
                place: `${point.name}, ${siteAddress(site)}`,
              }),
        );
        return { to: "book_done", say: [say], replaceFlow: { bookingId: booking.id }, history: "clear" };
      } catch (error) {
        if (!isSportelloError(error)) throw error;
        if (error.code === "capacity_reached") {
          await returnOfferToLine(ctx.deps.core, { entryId: entry.id, citizenId: ctx.state.citizenId });
          return { stay: [text(ctx.t("push.offer.taken"))] };
        }
        return { stay: [text(errorText(error, ctx.lang))] };
      }
    },
    async no(ctx, message) {
      const entry = await ownEntry(ctx, message.waitlistEntryId);
      if (!entry || !ctx.state.citizenId) return { stay: [text(ctx.t("push.unknownButton"))] };
      const declined = await declineWaitlistOffer(ctx.deps.core, { entryId: entry.id, citizenId: ctx.state.citizenId });
      return { stay: [text(ctx.t(declined ? "push.offer.declined" : "push.offer.expired"))] };
    },
  },
});
