import { MessageKind } from "../messaging/kinds.js";
import type { MessageParams } from "../messaging/message.js";
import { notifyCitizen } from "../messaging/notify.js";
import { reminderTimes } from "../messaging/reminder-times.js";
import type { CoreDeps, Repositories } from "../ports.js";
import type { CourseSession } from "./ports.js";

/**
 * The messages of a course session, written in the transaction of the change that causes them.
 * Like bookings: reminders the day before and 2 hours before (MessagingPolicy), keyed by session,
 * citizen, start and offset so the same seat at the same time never gets two.
 */
export async function scheduleCourseReminders(
  repos: Repositories,
  deps: Pick<CoreDeps, "messaging" | "timeZone">,
  session: CourseSession,
  citizenId: string,
  now: Date,
): Promise<number> {
  const address = await repos.messages.addressOfCitizen(citizenId);
  if (!address) return 0;
  let written = 0;
  for (const time of reminderTimes(session.startsAt, deps.messaging, deps.timeZone)) {
    const late = time.dueAt.getTime() <= now.getTime();
    const params: MessageParams = { offset: time.offset.token, startsAt: session.startsAt.toISOString() };
    const { created } = await repos.messages.add({
      kind: MessageKind.courseReminder,
      recipient: { kind: "citizen", citizenId },
      address,
      params,
      courseSessionId: session.id,
      dueAt: time.dueAt,
      expiresAt: session.startsAt,
      dedupeKey: `course.reminder:${session.id}:${citizenId}:${session.startsAt.getTime()}:${time.offset.token}`,
      ...(late ? { state: "skipped" as const, reason: "too_late" } : {}),
    });
    if (created && !late) written += 1;
  }
  return written;
}

/** The citizen left the session: their reminders and offers for it are withdrawn. */
export async function withdrawCourseMessages(
  repos: Repositories,
  sessionId: string,
  citizenId: string,
  reason: string,
): Promise<void> {
  await repos.messages.cancelPending(
    { courseSessionId: sessionId, citizenId, kinds: [MessageKind.courseReminder, MessageKind.courseOffer] },
    reason,
  );
}

/** The session moved: reminders for the old time withdrawn, new ones written, everyone told. */
export async function retimeCourseMessages(
  repos: Repositories,
  deps: Pick<CoreDeps, "messaging" | "timeZone">,
  session: CourseSession,
  now: Date,
): Promise<number> {
  await repos.messages.cancelPending(
    { courseSessionId: session.id, kinds: [MessageKind.courseReminder] },
    "rescheduled",
  );
  let told = 0;
  for (const entry of await repos.courses.roster(session.id)) {
    if (entry.status !== "enrolled") continue;
    await scheduleCourseReminders(repos, deps, session, entry.citizenId, now);
    const sent = await notifyCitizen(repos, {
      kind: MessageKind.courseMoved,
      citizenId: entry.citizenId,
      courseSessionId: session.id,
      params: { startsAt: session.startsAt.toISOString() },
      dueAt: now,
      expiresAt: session.startsAt,
      dedupeKey: `course.moved:${session.id}:${entry.citizenId}:${session.sequence}`,
    });
    if (sent) told += 1;
  }
  return told;
}

/** The session was cancelled: every pending message about it withdrawn, and the citizens told. */
export async function courseCancelledMessages(
  repos: Repositories,
  session: CourseSession,
  citizenIds: readonly string[],
  now: Date,
): Promise<number> {
  await repos.messages.cancelPending({ courseSessionId: session.id }, "course_cancelled");
  let told = 0;
  for (const citizenId of citizenIds) {
    const sent = await notifyCitizen(repos, {
      kind: MessageKind.courseCancelled,
      citizenId,
      courseSessionId: session.id,
      params: { startsAt: session.startsAt.toISOString() },
      dueAt: now,
      expiresAt: session.endsAt,
      dedupeKey: `course.cancelled:${session.id}:${citizenId}`,
    });
    if (sent) told += 1;
  }
  return told;
}
