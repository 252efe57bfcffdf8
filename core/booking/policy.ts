import { z } from "zod";

/** The rules of booking; one object for the network, from config. */
export const bookingPolicySchema = z.object({
  /** A slot can be booked only this long before it starts. */
  minNoticeMinutes: z
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 60)
    .default(120),
  /** How far ahead slots are offered, in days from today. */
  horizonDays: z.number().int().min(1).max(365).default(30),
  /** Open (pending or confirmed) bookings a citizen may hold at once. */
  maxOpenBookings: z.number().int().min(1).max(50).default(3),
  /** Cancel or reschedule at least this long before the start. */
  changeMinNoticeMinutes: z
    .number()
    .int()
    .min(0)
    .max(7 * 24 * 60)
    .default(60),
  /** How long a freed slot stays offered to the first citizen on the waitlist. */
  waitlistOfferMinutes: z
    .number()
    .int()
    .min(5)
    .max(24 * 60)
    .default(120),
});

export type BookingPolicy = z.output<typeof bookingPolicySchema>;

export const DEFAULT_BOOKING_POLICY: BookingPolicy = bookingPolicySchema.parse({});
