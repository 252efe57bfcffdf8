import { z } from "zod";
import { MessageKind } from "../messaging/kinds.js";
import { notifyCitizen } from "../messaging/notify.js";
import type { CoreDeps } from "../ports.js";
import { recordService } from "../service-records/record-service.js";
import type { ServiceRecord } from "../service-records/service-record.js";
import { parseInput } from "../validation.js";
import { requirePointRole } from "./chat-facilitator.js";
import { type ClosingDetails, checkedClosing, closingSchema } from "./closing.js";

/** The rating question goes this long after the record is written (the citizen is just out of the door). */
export const RATING_DELAY_MS = 10 * 60_000;
/** …and is not worth asking after this. */
export const RATING_VALID_MS = 3 * 86_400_000;

/**
 * The worker's half of closing a session: writes the one service record of a completed booking
 * from the facilitator's closing (kept in the booking's audit trail), and asks the citizen for a
 * rating. Run twice (a job retried, the sweep after a lost job) it writes nothing more: the record
 * is unique per booking and the rating question per record.
 */
export async function recordClosedBooking(
  deps: CoreDeps,
  bookingId: string,
): Promise<{ record: ServiceRecord; created: boolean } | null> {
  return deps.transaction(async (repos) => {
    const booking = await repos.bookings.findById(bookingId);
    if (booking?.status !== "completed") return null;
    const event = await repos.bookings.lastEvent(booking.id, "completed");
    const parsed = closingSchema.safeParse(event?.details?.closing);
    if (!event?.actorId || !parsed.success) return null;
    const closing = parsed.data;
    const facilitator = await repos.facilitators.findById(event.actorId);
    const role = facilitator?.points.find((p) => p.pointId === booking.pointId)?.role ?? "facilitator";
    const result = await recordService(
      deps,
      {
        source: { kind: "booking", bookingId: booking.id },
        citizenId: booking.citizenId,
        pointId: booking.pointId,
        siteId: booking.siteId,
        facilitatorId: event.actorId,
        facilitatorRole: role,
        startedAt: booking.startsAt,
        durationMinutes: closing.durationMinutes,
        serviceTypes: closing.serviceTypes,
        competences: closing.competences,
        publicServices: closing.publicServices,
        description: closing.note,
      },
      repos,
    );
    if (result.created) {
      const now = deps.clock.now();
      await notifyCitizen(repos, {
        kind: MessageKind.serviceRating,
        citizenId: booking.citizenId,
        bookingId: booking.id,
        params: { recordId: result.record.id },
        dueAt: new Date(now.getTime() + RATING_DELAY_MS),
        expiresAt: new Date(now.getTime() + RATING_VALID_MS),
        dedupeKey: `service.rating:${result.record.id}`,
      });
    }
    return result;
  });
}

const walkInInput = z.object({
  facilitatorId: z.string().uuid(),
  pointId: z.string().uuid(),
  /** Chosen when the facilitator starts the entry: the same entry sent twice is written once. */
  walkInId: z.string().uuid(),
  startedAt: z.date(),
  closing: closingSchema,
  /** The citizen, when known (the monitoring profile finds them); otherwise one without a chat is created. */
  citizenId: z.string().uuid().optional(),
});

/** A service to a citizen who came without booking: one record per walk-in entry. */
export async function recordWalkIn(
  deps: CoreDeps,
  raw: z.input<typeof walkInInput>,
): Promise<{ record: ServiceRecord; created: boolean }> {
  const input = parseInput(walkInInput, raw, "recordWalkIn");
  const closing: ClosingDetails = checkedClosing(input.closing);
  return deps.transaction(async (repos) => {
    const { role } = await requirePointRole(repos, input.facilitatorId, input.pointId, "recordWalkIn");
    const existing = await repos.serviceRecords.findBySourceKey(`walk_in:${input.walkInId}`);
    if (existing) return { record: existing, created: false };
    const citizenId = input.citizenId ?? (await repos.citizens.createWithoutIdentity()).id;
    return recordService(
      deps,
      {
        source: { kind: "walk_in", walkInId: input.walkInId },
        citizenId,
        pointId: input.pointId,
        facilitatorId: input.facilitatorId,
        facilitatorRole: role,
        startedAt: input.startedAt,
        durationMinutes: closing.durationMinutes,
        serviceTypes: closing.serviceTypes,
        competences: closing.competences,
        publicServices: closing.publicServices,
        description: closing.note,
      },
      repos,
    );
  });
}

/** Completed bookings of the last two days still without a record (a job lost with Redis): written now. */
export async function recordMissingServices(deps: CoreDeps, limit = 200): Promise<number> {
  const since = new Date(deps.clock.now().getTime() - 2 * 86_400_000);
  let written = 0;
  for (const id of await deps.repos.bookings.listCompletedWithoutRecord(since, limit)) {
    if ((await recordClosedBooking(deps, id))?.created) written += 1;
  }
  return written;
}
