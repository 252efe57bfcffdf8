import { upcomingBookings } from "../../booking/list-bookings.js";
import { canCallBack } from "../../callback/request-callback.js";
import type { PointDetails } from "../../ports.js";
import type { Reply } from "../reply.js";
import type { StepId } from "../state.js";
import { callbackOffer } from "./callback.js";
import { hoursSentence } from "./point-card.js";
import { loadPoint, placeAddress, siteOf } from "./shared.js";
import { type Outcome, type StepContext, text } from "./step.js";

/** Steps where the citizen is already looking for a point: asking for a person stays there. */
const FINDING: readonly StepId[] = ["find_where", "find_comune", "find_results"];

/**
 * The point a person can be reached at: the one chosen in this conversation, else the one of the
 * next appointment, else the nearest to the place searched (one with a phone number first).
 */
async function contactPoint(ctx: StepContext): Promise<PointDetails | undefined> {
  const chosen = await loadPoint(ctx, ctx.state.flow.pointId);
  if (chosen) return chosen;
  if (ctx.state.citizenId && ctx.state.consent === "accepted") {
    const [next] = await upcomingBookings(ctx.deps.core, ctx.state.citizenId);
    const booked = next ? await loadPoint(ctx, next.pointId) : undefined;
    if (booked) return booked;
  }
  const place = ctx.state.flow.place;
  if (!place) return undefined;
  const [withPhone] = await ctx.deps.finder.nearest(place, { k: 1, filter: (p) => p.contacts.phone !== null });
  const [any] = withPhone ? [withPhone] : await ctx.deps.finder.nearest(place, { k: 1 });
  return any?.point;
}

/**
 * "Voglio parlare con una persona", "operatore": the phone number and opening hours of the chosen
 * or nearest point; without one, the search for the nearest point (its card has the number).
 * The question the citizen was at is asked again below.
 */
export async function personHelp(ctx: StepContext): Promise<Outcome> {
  const point = await contactPoint(ctx);
  if (point) {
    const hours = hoursSentence(ctx, point);
    const said = point.contacts.phone
      ? ctx.t("person.call", { point: point.name, phone: point.contacts.phone, hours })
      : ctx.t("person.visit", { point: point.name, address: placeAddress(point, siteOf(point, null)), hours });
    // a point with a facilitator in the chat: «Richiamami» under the number and hours
    if (await canCallBack(ctx.deps.core, point.id)) return callbackOffer(said, point);
    return { stay: [text(said)] };
  }
  const find = text(ctx.t("person.find"));
  if (ctx.state.consent === "unknown" || FINDING.includes(ctx.state.step)) return { stay: [find] };
  return { to: "find_where", say: [find], replaceFlow: { purpose: "find" } };
}

/** After two misunderstandings in a row: a person to call, when we know one, and "aiuto". */
export async function stuckHelp(ctx: StepContext): Promise<Reply[]> {
  const point = await contactPoint(ctx);
  if (point?.contacts.phone) {
    return [text(ctx.t("hint.stuck", { point: point.name, phone: point.contacts.phone }))];
  }
  return [text(ctx.t("hint.stuckNoPhone"))];
}
