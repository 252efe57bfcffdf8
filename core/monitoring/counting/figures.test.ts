import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { personKey } from "../person-key.js";
import { courseHoursDue, courseHoursDueInYear } from "./course-hours.js";
import { type CitizenIdentity, citizenCountingKey, computeFigures, monthPeriod, type ServiceFact } from "./figures.js";

const hashKey = randomBytes(32);
const cf = (code: string) => personKey(hashKey, { kind: "fiscal_code", code });
const doc = (number: string) => personKey(hashKey, { kind: "document", type: "A", number });

/** Citizens as separate records (one per point or channel) that are the same people or not. */
const anna1: CitizenIdentity = { id: "c-anna-1", fiscalCodeHash: cf("RSSNNA50C55L219X"), documentHash: null };
const anna2: CitizenIdentity = { id: "c-anna-2", fiscalCodeHash: cf(" rssnna50c55l219x "), documentHash: null };
const omar1: CitizenIdentity = { id: "c-omar-1", fiscalCodeHash: null, documentHash: doc("YA 123 4567") };
const omar2: CitizenIdentity = { id: "c-omar-2", fiscalCodeHash: null, documentHash: doc("ya1234567") };
const nobody1: CitizenIdentity = { id: "c-anon-1", fiscalCodeHash: null, documentHash: null };
const nobody2: CitizenIdentity = { id: "c-anon-2", fiscalCodeHash: null, documentHash: null };

let counter = 0;
function fact(citizen: CitizenIdentity, overrides: Partial<ServiceFact> = {}): ServiceFact {
  counter += 1;
  return {
    recordId: `r${counter}`,
    serviceRef: `booking-${counter}`,
    date: "2026-05-10",
    durationMinutes: 60,
    serviceTypes: ["A"],
    programme: "RFD",
    pointId: "p1",
    organisationId: "org1",
    citizen,
    rating: null,
    groupSessionId: null,
    ...overrides,
  };
}

const MAY = monthPeriod("2026-05");

describe("citizenCountingKey", () => {
  it("prefers the codice fiscale hash, then the document hash, then the record", () => {
    expect(citizenCountingKey({ id: "x", fiscalCodeHash: "h1:a", documentHash: "h1:b" })).toBe("cf:h1:a");
    expect(citizenCountingKey({ id: "x", fiscalCodeHash: null, documentHash: "h1:b" })).toBe("doc:h1:b");
    expect(citizenCountingKey({ id: "x", fiscalCodeHash: null, documentHash: null })).toBe("citizen:x");
  });
});

describe("computeFigures", () => {
  it("counts each person once per scope, across points and records", () => {
    const report = computeFigures(
      {
        services: [
          fact(anna1, { pointId: "p1" }),
          fact(anna1, { pointId: "p1", date: "2026-05-20" }),
          fact(anna2, { pointId: "p2" }),
          fact(anna2, { pointId: "p3", organisationId: "org2" }),
          fact(omar1, { pointId: "p1" }),
          fact(omar2, { pointId: "p2" }),
          fact(nobody1, { pointId: "p1" }),
          fact(nobody2, { pointId: "p1" }),
        ],
      },
      MAY,
    );
    // Anna (by codice fiscale, however typed), Omar (by document, however typed), two people with no id.
    expect(report.overall.rfd.uniqueCitizens).toBe(4);
    expect(report.overall.rfd.services).toBe(8);
    expect(report.points.get("p1")?.rfd).toMatchObject({ uniqueCitizens: 4, services: 5 });
    expect(report.points.get("p2")?.rfd).toMatchObject({ uniqueCitizens: 2, services: 2 });
    expect(report.points.get("p3")?.rfd).toMatchObject({ uniqueCitizens: 1, services: 1 });
    expect(report.organisations.get("org1")?.rfd.uniqueCitizens).toBe(4);
    expect(report.organisations.get("org2")?.rfd.uniqueCitizens).toBe(1);
    expect(report.points.get("p3")?.organisationId).toBe("org2");
  });

  it("keeps volunteers' citizens in their own programme, never in the network's", () => {
    const report = computeFigures(
      {
        services: [
          fact(anna1, { programme: "SCD", rating: 4 }),
          fact(omar1, { programme: "SCD" }),
          fact(omar1, { programme: "RFD", rating: 2 }),
        ],
      },
      MAY,
    );
    expect(report.overall.scd).toMatchObject({ uniqueCitizens: 2, services: 2, averageRating: 4, ratings: 1 });
    expect(report.overall.rfd).toMatchObject({ uniqueCitizens: 1, services: 1, averageRating: 2, ratings: 1 });
    expect(report.points.get("p1")?.rfd.uniqueCitizens).toBe(1);
  });

  it("does not count the same citizen twice for the same service", () => {
    const report = computeFigures(
      {
        services: [
          fact(anna1, { serviceRef: "booking-x" }),
          fact(anna1, { serviceRef: "booking-x", recordId: "again" }),
          fact(anna2, { serviceRef: "booking-x", recordId: "same-person-other-record" }),
          fact(omar1, { serviceRef: "booking-x" }),
        ],
      },
      MAY,
    );
    expect(report.overall.rfd.services).toBe(2);
    expect(report.overall.rfd.facilitationMinutes).toBe(120);
    expect(report.duplicatesIgnored).toBe(2);
  });

  it("adds facilitation hours, a group session's once, and leaves training out", () => {
    const report = computeFigures(
      {
        services: [
          fact(anna1, { durationMinutes: 45 }),
          fact(omar1, { durationMinutes: 90, serviceTypes: ["B"], groupSessionId: "g1", serviceRef: "g1" }),
          fact(nobody1, { durationMinutes: 90, serviceTypes: ["B"], groupSessionId: "g1", serviceRef: "g1" }),
          fact(nobody2, { durationMinutes: 120, serviceTypes: ["C"] }),
        ],
      },
      MAY,
    );
    expect(report.overall.rfd.facilitationMinutes).toBe(45 + 90);
    expect(report.overall.rfd.services).toBe(4);
  });

  it("adds course hours once per session and counts no-shows per scope", () => {
    const report = computeFigures(
      {
        services: [],
        courseSessions: [
          { sessionId: "s1", date: "2026-05-05", durationMinutes: 120, pointId: "p1", organisationId: "org1" },
          { sessionId: "s1", date: "2026-05-05", durationMinutes: 120, pointId: "p1", organisationId: "org1" },
          { sessionId: "s2", date: "2026-05-12", durationMinutes: 90, pointId: "p2", organisationId: "org1" },
          { sessionId: "s3", date: "2026-06-01", durationMinutes: 90, pointId: "p2", organisationId: "org1" },
        ],
        noShows: [
          { bookingId: "b1", date: "2026-05-02", pointId: "p1", organisationId: "org1" },
          { bookingId: "b2", date: "2026-04-30", pointId: "p1", organisationId: "org1" },
        ],
      },
      MAY,
    );
    expect(report.overall).toMatchObject({ courseSessions: 2, courseMinutes: 210, noShows: 1 });
    expect(report.points.get("p1")).toMatchObject({ courseSessions: 1, courseMinutes: 120, noShows: 1 });
    expect(report.points.get("p2")).toMatchObject({ courseSessions: 1, courseMinutes: 90, noShows: 0 });
  });

  it("keeps to the period, and gives empty figures for a month with no records", () => {
    const services = [
      fact(anna1, { date: "2026-04-30" }),
      fact(omar1, { date: "2026-05-31" }),
      fact(nobody1, { date: "2026-06-01" }),
    ];
    expect(computeFigures({ services }, MAY).overall.rfd.services).toBe(1);
    expect(computeFigures({ services }, { from: "2026-01-01", to: "2026-12-31" }).overall.rfd.uniqueCitizens).toBe(3);
    const empty = computeFigures({ services }, monthPeriod("2026-08"));
    expect(empty.overall.rfd).toEqual({
      uniqueCitizens: 0,
      services: 0,
      facilitationMinutes: 0,
      ratings: 0,
      averageRating: null,
    });
    expect(empty.points.size).toBe(0);
  });

  it("averages valid ratings only", () => {
    const report = computeFigures(
      {
        services: [fact(anna1, { rating: 5 }), fact(omar1, { rating: 4 }), fact(nobody1, { rating: 0 }), fact(nobody2)],
      },
      MAY,
    );
    expect(report.overall.rfd).toMatchObject({ ratings: 2, averageRating: 4.5 });
  });
});

describe("monthPeriod", () => {
  it("gives the month's first and last day", () => {
    expect(monthPeriod("2024-02")).toEqual({ from: "2024-02-01", to: "2024-02-29" });
    expect(monthPeriod("2026-02")).toEqual({ from: "2026-02-01", to: "2026-02-28" });
    expect(monthPeriod("2026-12")).toEqual({ from: "2026-12-01", to: "2026-12-31" });
    expect(() => monthPeriod("2026-13")).toThrow(/YYYY-MM/);
    expect(() => monthPeriod("maggio")).toThrow(/YYYY-MM/);
  });
});

describe("course hours due", () => {
  it("is 50 a year, pro rata by days for a partial year", () => {
    expect(courseHoursDueInYear(2025, { from: "2023-01-01", to: null })).toBe(50);
    expect(courseHoursDueInYear(2025, { from: "2023-01-01", to: null }, "2025-06-30")).toBeCloseTo(
      (50 * 181) / 365,
      10,
    );
    expect(courseHoursDueInYear(2024, { from: "2024-07-01", to: null })).toBeCloseTo((50 * 184) / 366, 10);
    expect(courseHoursDueInYear(2024, { from: "2025-01-01", to: null })).toBe(0);
    expect(courseHoursDueInYear(2025, { from: "2023-01-01", to: "2025-03-31" })).toBeCloseTo((50 * 90) / 365, 10);
  });

  it("adds the years of the project so far", () => {
    expect(courseHoursDue({ from: "2024-07-01", to: null }, "2025-12-31")).toBeCloseTo((50 * 184) / 366 + 50, 10);
    expect(courseHoursDue({ from: "2023-01-01", to: null }, "2023-01-01")).toBeCloseTo(50 / 365, 10);
  });
});
