import type { CoreDeps } from "../ports.js";
import type { Booking } from "./booking.js";

/** A citizen's bookings still to come (open ones, soonest first). */
export function upcomingBookings(deps: CoreDeps, citizenId: string): Promise<Booking[]> {
  return deps.repos.bookings.listForCitizen(citizenId, { from: deps.clock.now(), openOnly: true });
}
