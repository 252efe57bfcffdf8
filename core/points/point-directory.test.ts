import { describe, expect, it } from "vitest";
import type { PointDetails } from "../ports.js";
import { createPointDirectory } from "./point-directory.js";
import type { Site } from "./types.js";

const ZONE = "Europe/Rome";

function site(id: string, pointId: string, lat: number, lon: number, isMain = true): Site {
  return {
    id,
    pointId,
    isMain,
    name: id,
    address: { street: "Via X", civic: "1", cap: "10100", comune: "Torino", comuneIstat: "001272", province: "TO" },
    coordinates: { lat, lon },
  };
}

function point(id: string, sites: Site[], overrides: Partial<PointDetails> = {}): PointDetails {
  return {
    id,
    code: id,
    name: `Punto ${id}`,
    kind: "fixed",
    description: null,
    organisationId: "o",
    organisationName: "Ente",
    workstations: 2,
    bookableWorkstations: 1,
    contacts: { phone: null, email: null, website: null },
    monitoringId: null,
    active: true,
    isDemo: false,
    sites,
    services: [{ kind: "facilitazione", slotMinutes: 60, modes: ["in_presenza"] }],
    schedule: {
      kind: "fixed",
      weekly: [1, 2, 3, 4, 5].map((weekday) => ({
        weekday: weekday as 1,
        shift: 1 as const,
        opens: "09:00",
        closes: "13:00",
      })),
      special: [],
      closures: [],
      localHolidays: [],
      visits: [],
    },
    ...overrides,
  };
}

// Torino Porta Nuova is the citizen; distances are great-circle.
const citizen = { lat: 45.0625, lon: 7.6786 };
const near = point("near", [site("near-main", "near", 45.0703, 7.6869)]); // ~1 km
const twoSites = point("two", [site("two-far", "two", 45.2, 7.9), site("two-near", "two", 45.065, 7.68, false)]);
const far = point("far", [site("far-main", "far", 45.4642, 9.19)]); // Milano
const accoglienzaOnly = point("acc", [site("acc-main", "acc", 45.063, 7.679)], {
  services: [{ kind: "accoglienza", slotMinutes: 30, modes: ["in_presenza"] }],
});
const bus = point("bus", [site("bus-depot", "bus", 45.1, 7.7), site("bus-stop", "bus", 45.064, 7.681, false)], {
  kind: "itinerant",
  schedule: {
    kind: "itinerant",
    weekly: [],
    special: [],
    closures: [],
    localHolidays: [],
    visits: [
      { id: "v1", siteId: "bus-stop", date: "2026-12-03", opens: "09:00", closes: "12:00" },
      { id: "v2", siteId: "bus-depot", date: "2026-12-10", opens: "09:00", closes: "12:00" },
    ],
  },
});

describe("createPointDirectory", () => {
  const directory = createPointDirectory([near, twoSites, far, accoglienzaOnly, bus]);
  const tuesday8 = new Date("2026-12-01T07:00:00Z");

  it("returns each point once, at its nearest site, nearest first, with opening status", () => {
    const found = directory.nearest(citizen, { k: 3, now: tuesday8, zone: ZONE });
    expect(found.map((f) => f.point.id)).toEqual(["acc", "bus", "two"]);
    expect(found.map((f) => f.site.id)).toEqual(["acc-main", "bus-stop", "two-near"]);
    expect(found[0]?.distanceKm).toBeLessThan(0.2);
    const accStatus = found[0]?.status;
    expect(accStatus?.open).toBe(false);
    expect(accStatus?.next?.start).toEqual(new Date("2026-12-01T08:00:00Z")); // opens at 09:00
    expect(found[1]?.nextVisits.map((v) => [v.visitId, v.siteId])).toEqual([
      ["v1", "bus-stop"],
      ["v2", "bus-depot"],
    ]);
    expect(found[2]?.nextVisits).toEqual([]);
  });

  it("filters points and widens the search until it has enough", () => {
    const found = directory.nearest(citizen, {
      k: 3,
      now: tuesday8,
      zone: ZONE,
      filter: (p) => p.services.some((s) => s.kind === "facilitazione") && p.kind === "fixed",
    });
    expect(found.map((f) => f.point.id)).toEqual(["two", "near", "far"]);
  });

  it("measures a bus from its stops, not from its garage", () => {
    const garageNear = point(
      "bus2",
      [site("garage", "bus2", 45.0626, 7.6787), site("stop", "bus2", 45.2, 7.9, false)],
      {
        kind: "itinerant",
        schedule: {
          ...bus.schedule,
          visits: [{ id: "v", siteId: "stop", date: "2026-12-03", opens: "09:00", closes: "12:00" }],
        },
      },
    );
    const [found] = createPointDirectory([garageNear]).nearest(citizen, { k: 1, now: tuesday8, zone: ZONE });
    expect(found?.site.id).toBe("stop");
    expect(found?.distanceKm).toBeGreaterThan(20);
  });

  it("honours a maximum distance and copes with an empty directory", () => {
    expect(
      directory.nearest(citizen, { k: 10, now: tuesday8, zone: ZONE, maxDistanceKm: 5 }).map((f) => f.point.id),
    ).toEqual(["acc", "bus", "two", "near"]);
    expect(createPointDirectory([]).nearest(citizen, { k: 3, now: tuesday8, zone: ZONE })).toEqual([]);
    expect(directory.get("far")?.name).toBe("Punto far");
  });

  it("says open now and until when during opening hours", () => {
    const [first] = directory.nearest(citizen, { k: 1, now: new Date("2026-12-01T09:30:00Z"), zone: ZONE });
    expect(first?.status.open).toBe(true);
    expect(first?.status.open && first.status.closesAt).toEqual(new Date("2026-12-01T12:00:00Z"));
  });
});
