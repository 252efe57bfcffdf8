import { z } from "zod";
import { bookingErrors } from "../booking/booking-errors.js";
import { MessageKind } from "../messaging/kinds.js";
import { notifyCitizen } from "../messaging/notify.js";
import type { CoreDeps, Repositories } from "../ports.js";
import { parseInput } from "../validation.js";
import { courseErrors } from "./course-errors.js";
import type { CourseSession, CourseWaitlistEntry } from "./ports.js";

const joinInput = z.object({ sessionId: z.string().uuid(), citizenId: z.string().uuid() });

/** In line for a full session that has not started; joining twice keeps the first place. */
export async function joinCourseWaitlist(
  deps: CoreDeps,
  raw: z.input<typeof joinInput>,
): Promise<{ entry: CourseWaitlistEntry; position: number; created: boolean }> {
  const input = parseInput(joinInput, raw, "joinCourseWaitlist");
  return deps.transaction(async (repos) => {
    const session = await repos.courses.findSession(input.sessionId);
    if (!session) throw bookingErrors.courseNotFound();
    if (session.cancelledAt) throw courseErrors.cancelled();
    if (session.startsAt.getTime() <= deps.clock.now().getTime()) throw courseErrors.started();
    if (!(await repos.citizens.lock(input.citizenId))) throw bookingErrors.citizenUnknown();
    if (await repos.courses.isEnrolled(session.id, input.citizenId)) throw bookingErrors.alreadyEnrolled();
    if (session.booked < session.seats) throw courseErrors.notFull();
    const { entry, created } = await repos.courses.joinWaitlist(session.id, input.citizenId);
    return { entry, created, position: await repos.courses.waitlistPosition(entry) };
  });
}

/**
 * A seat freed: offered to the first citizen in line, in the transaction that freed it. The offer
 * lasts `waitlistOfferMinutes` and never past the start; it does not hold the seat (first to enrol).
 */
export async function offerFreedSeat(
  repos: Repositories,
  deps: Pick<CoreDeps, "policy">,
  session: CourseSession,
  now: Date,
): Promise<CourseWaitlistEntry | null> {
  if (session.cancelledAt || session.booked >= session.seats) return null;
  const expires = Math.min(now.getTime() + deps.policy.waitlistOfferMinutes * 60_000, session.startsAt.getTime());
  if (expires <= now.getTime()) return null;
  const first = await repos.courses.firstWaiting(session.id);
  if (!first) return null;
  const offered = await repos.courses.updateWaitlistEntry(first.id, {
    status: "offered",
    offeredAt: now,
    offerExpiresAt: new Date(expires),
  });
  await notifyCitizen(repos, {
    kind: MessageKind.courseOffer,
    citizenId: offered.citizenId,
    courseSessionId: session.id,
    params: { entryId: offered.id, expiresAt: new Date(expires).toISOString() },
    dueAt: now,
    expiresAt: new Date(expires),
    dedupeKey: `course.offer:${offered.id}:${now.getTime()}`,
  });
  return offered;
}

/** "No, grazie" on an offer: the entry leaves the line and the seat goes to the next. */
export async function declineCourseOffer(
  deps: CoreDeps,
  input: { entryId: string; citizenId: string },
): Promise<{ declined: boolean }> {
  return deps.transaction(async (repos) => {
    const entry = await repos.courses.findWaitlistEntry(input.entryId, { lock: true });
    if (!entry || entry.citizenId !== input.citizenId || entry.status !== "offered") return { declined: false };
    await repos.courses.updateWaitlistEntry(entry.id, { status: "cancelled" });
    await repos.messages.cancelPending(
      { courseSessionId: entry.sessionId, citizenId: entry.citizenId, kinds: [MessageKind.courseOffer] },
      "offer_declined",
    );
    const session = await repos.courses.findSession(entry.sessionId, { lock: true });
    if (session) await offerFreedSeat(repos, deps, session, deps.clock.now());
    return { declined: true };
  });
}

/** Offers whose time ran out: expired, and the seat offered to the next in line. */
export async function expireCourseOffers(deps: CoreDeps, limit = 100): Promise<{ expired: number; passedOn: number }> {
  return deps.transaction(async (repos) => {
    const now = deps.clock.now();
    const entries = await repos.courses.takeExpiredOffers(now, limit);
    let passedOn = 0;
    for (const entry of entries) {
      await repos.courses.updateWaitlistEntry(entry.id, { status: "expired" });
      await repos.messages.cancelPending(
        { courseSessionId: entry.sessionId, citizenId: entry.citizenId, kinds: [MessageKind.courseOffer] },
        "offer_expired",
      );
      const session = await repos.courses.findSession(entry.sessionId, { lock: true });
      if (session && (await offerFreedSeat(repos, deps, session, now))) passedOn += 1;
    }
    return { expired: entries.length, passedOn };
  });
}
