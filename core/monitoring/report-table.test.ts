import { describe, expect, it } from "vitest";
import { computeFigures, monthPeriod, type ServiceFact } from "./counting/figures.js";
import { progressAgainstMilestones, TORINO_MILESTONES } from "./milestones.js";
import { renderFiguresTable, renderProgressTable } from "./report-table.js";

const fact = (id: string, overrides: Partial<ServiceFact>): ServiceFact => ({
  recordId: id,
  serviceRef: id,
  date: "2026-05-10",
  durationMinutes: 90,
  serviceTypes: ["A"],
  programme: "RFD",
  pointId: "p1",
  organisationId: "o1",
  citizen: { id: `c-${id}`, fiscalCodeHash: null, documentHash: null },
  rating: 4,
  groupSessionId: null,
  ...overrides,
});

const names = {
  points: new Map([
    ["p1", "Biblioteca Civica"],
    ["p2", "Bus digitale"],
  ]),
  organisations: new Map([["o1", "Città di Torino"]]),
};

describe("renderFiguresTable", () => {
  it("prints points, organisations and the total, SCD apart", () => {
    const report = computeFigures(
      {
        services: [
          fact("a", {}),
          fact("b", { pointId: "p2", rating: 5, durationMinutes: 30 }),
          fact("c", { programme: "SCD", rating: 1 }),
        ],
        courseSessions: [
          { sessionId: "s", date: "2026-05-03", durationMinutes: 120, pointId: "p1", organisationId: "o1" },
        ],
        noShows: [{ bookingId: "n", date: "2026-05-04", pointId: "p2", organisationId: "o1" }],
      },
      monthPeriod("2026-05"),
    );
    const text = renderFiguresTable(report, names, new Map([["p1", 4.1]]));
    const lines = text.split("\n");
    expect(lines[0]).toBe("Dal 01/05/2026 al 31/05/2026");
    expect(lines[1]).toMatch(
      /^Ambito\s+Cittadini\s+Servizi\s+Ore facil\.\s+Ore corsi\s+Assenze\s+Voto medio\s+SCD citt\.\s+SCD serv\.$/,
    );
    const row = (label: string) => lines.find((line) => line.startsWith(label))?.split(/\s{2,}/);
    expect(row("Punto: Biblioteca Civica")).toEqual([
      "Punto: Biblioteca Civica",
      "1",
      "1",
      "1,5",
      "2,0 / 4,1",
      "0",
      "4,0",
      "1",
      "1",
    ]);
    expect(row("Punto: Bus digitale")).toEqual(["Punto: Bus digitale", "1", "1", "0,5", "0,0", "1", "5,0", "0", "0"]);
    expect(row("Ente: Città di Torino")).toEqual([
      "Ente: Città di Torino",
      "2",
      "2",
      "2,0",
      "2,0",
      "1",
      "4,5",
      "1",
      "1",
    ]);
    expect(row("Totale")).toEqual(["Totale", "2", "2", "2,0", "2,0", "1", "4,5", "1", "1"]);
    expect(text).toContain("SCD: Servizio Civile Digitale, contati a parte.");
    expect(text).toContain("tenute / dovute");
  });

  it("says so for a period with no records", () => {
    const report = computeFigures({ services: [] }, monthPeriod("2026-08"));
    expect(renderFiguresTable(report, names)).toBe(
      "Dal 01/08/2026 al 31/08/2026\nNessun servizio, corso o assenza registrati in questo periodo.",
    );
  });
});

describe("renderProgressTable", () => {
  it("prints each point's standing and next milestone", () => {
    const target = { target: 803, start: "2023-01-01", milestones: TORINO_MILESTONES };
    const text = renderProgressTable([
      { name: "Biblioteca Civica", progress: progressAgainstMilestones(target, 400, "2024-07-01") },
      { name: "Punto nuovo", progress: progressAgainstMilestones({ ...target, target: null }, 12, "2024-07-01") },
    ]);
    const lines = text.split("\n").map((line) => line.split(/\s{2,}/));
    expect(lines[0]).toEqual(["Punto", "Cittadini", "Obiettivo", "Attesi oggi", "Stato", "Prossimo traguardo"]);
    expect(lines[2]).toEqual(["Biblioteca Civica", "400", "803", "345", "✓ In linea", "487 entro il 31/12/2024"]);
    expect(lines[3]).toEqual(["Punto nuovo", "12", "–", "–", "– Senza obiettivo", "–"]);
    expect(renderProgressTable([])).toBe("Nessun punto da mostrare.");
  });
});
