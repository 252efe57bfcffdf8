import { randomUUID } from "node:crypto";
import { createCoreDeps } from "../../app/core-deps.js";
import type { Db } from "../../app/db/prisma-client.js";
import { type BookingPolicy, DEFAULT_BOOKING_POLICY } from "../../core/booking/policy.js";
import { acceptPrivacy } from "../../core/citizens/accept-privacy.js";
import { fixedClock } from "../../core/clock.js";
import type { CoreDeps } from "../../core/ports.js";

export type TestClock = ReturnType<typeof fixedClock>;

/** Core wired to a test database, with a clock the test moves by hand. */
export function testCore(
  db: Db,
  options: { now?: string; policy?: Partial<BookingPolicy> } = {},
): CoreDeps & { clock: TestClock } {
  const clock = fixedClock(options.now ?? "2026-12-01T07:00:00Z"); // Tue 1 Dec 2026, 08:00 in Rome
  return {
    ...createCoreDeps(db, {
      clock,
      timeZone: "Europe/Rome",
      policy: { ...DEFAULT_BOOKING_POLICY, ...options.policy },
    }),
    clock,
  };
}

const HH = (time: string) => {
  const [h, m] = time.split(":").map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

export interface TestPointOptions {
  bookable?: number;
  workstations?: number;
  /** Weekly windows, weekday 1-7; default Mon-Fri 09:00-13:00 and 14:00-18:00. */
  windows?: Array<{ weekday: number; shift: 1 | 2; opens: string; closes: string }>;
  facilitazioneMinutes?: number;
  kind?: "fixed" | "itinerant";
  name?: string;
}

/** A point in Torino with one main site and both bookable services. */
export async function createTestPoint(db: Db, options: TestPointOptions = {}) {
  const organisation = await db.organisation.create({ data: { name: `Ente ${randomUUID().slice(0, 8)}` } });
  const windows =
    options.windows ??
    [1, 2, 3, 4, 5].flatMap((weekday) => [
      { weekday, shift: 1 as const, opens: "09:00", closes: "13:00" },
      { weekday, shift: 2 as const, opens: "14:00", closes: "18:00" },
    ]);
  const point = await db.point.create({
    data: {
      organisationId: organisation.id,
      code: `T-${randomUUID().slice(0, 8)}`,
      name: options.name ?? "Biblioteca di prova",
      kind: options.kind ?? "fixed",
      workstations: options.workstations ?? Math.max(2, (options.bookable ?? 2) + 1),
      bookableWorkstations: options.bookable ?? 2,
      sites: {
        create: {
          isMain: true,
          name: "Sede principale",
          street: "Via Garibaldi",
          civic: "1",
          cap: "10122",
          comune: "Torino",
          comuneIstat: "001272",
          province: "TO",
          lat: 45.0735,
          lon: 7.6813,
        },
      },
      services: {
        create: [
          {
            kind: "facilitazione",
            slotMinutes: options.facilitazioneMinutes ?? 60,
            modes: ["in_presenza", "telefono", "videochiamata"],
          },
          { kind: "accoglienza", slotMinutes: 30, modes: ["in_presenza"] },
        ],
      },
      openingWindows: {
        create: windows.map((w) => ({
          weekday: w.weekday,
          shift: w.shift,
          opensMin: HH(w.opens),
          closesMin: HH(w.closes),
        })),
      },
    },
    include: { sites: true },
  });
  return point;
}

let citizenCounter = 0;

/** A citizen who accepted the privacy notice on the web channel. */
export async function createTestCitizen(core: CoreDeps): Promise<string> {
  citizenCounter += 1;
  const { citizen } = await acceptPrivacy(core, {
    channel: "web",
    externalId: `test-${citizenCounter}-${randomUUID()}`,
  });
  return citizen.id;
}

/** Runs `promise` and returns the error code it was refused with (or "ok"). */
export async function outcome(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "ok";
  } catch (error) {
    return (error as { code?: string }).code ?? `unexpected: ${String(error)}`;
  }
}
