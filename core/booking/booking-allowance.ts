import type { CoreDeps } from "../ports.js";

export interface BookingAllowance {
  /** Whether the citizen may make one more booking now. */
  allowed: boolean;
  /** Open (pending or confirmed) bookings still to come. */
  open: number;
  /** The most a citizen may hold at once (policy). */
  max: number;
}

/**
 * Whether a citizen may book once more, under the per-citizen limit: asked before the first
 * question of a booking, so nobody answers eight questions to be refused at "Conferma".
 * `bookSlot` checks the same rule again, inside its transaction.
 */
export async function bookingAllowance(deps: CoreDeps, citizenId: string): Promise<BookingAllowance> {
  const open = await deps.repos.bookings.countOpenForCitizen(citizenId, deps.clock.now());
  const max = deps.policy.maxOpenBookings;
  return { allowed: open < max, open, max };
}
