import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { startApp } from "../../../app/start.js";
import { REPORT_CSV_COLUMNS } from "../../../core/monitoring/report-csv.js";
import { monthlyReport, reportJson } from "../../../core/monitoring/report-service.js";
import { syntheticFiscalCode } from "../../../core/monitoring/synthetic-fiscal-code.js";
import { createTestCitizen, testCore } from "../../support/fixtures.js";
import { useIntegration } from "../../support/integration.js";
import { recordingLog } from "../../support/recording-log.js";
import {
  cliEnv,
  monitoringFacilitator,
  monitoringPoint,
  npmRun,
  profiledCitizen,
  serve,
} from "./monitoring-fixtures.js";

const TOKEN = "admin-token-for-monitoring-tests-0123456789";

describe("npm run report and GET /admin/monitoring/report", () => {
  const ctx = useIntegration();
  // each npm run is a child process of several seconds on a shared, loaded machine
  vi.setConfig({ testTimeout: 240_000 });
  const world = {} as { p1: string; p1Code: string; p2: string; o1: string; code: string };

  beforeAll(async () => {
    const core = testCore(ctx.db);
    const settings = ctx.config().monitoring;
    const p1 = await monitoringPoint(ctx.db, { name: "Biblioteca Alfa" });
    const p2 = await monitoringPoint(ctx.db, { name: "Biblioteca Beta", organisationId: p1.organisationId });
    const anna = await monitoringFacilitator(ctx.db);
    world.code = syntheticFiscalCode({ birthDate: "1955-05-05", sex: "F", letters: "RPTRPT" });
    Object.assign(world, { p1: p1.id, p1Code: p1.code, p2: p2.id, o1: p1.organisationId });
    // P1: 3 people in October (one of them twice), P2: one person, 30 minutes
    const people = [
      await profiledCitizen(core, settings, { fiscalCode: world.code }),
      await profiledCitizen(core, settings, { fiscalCode: syntheticFiscalCode({ birthDate: "1980-01-01", sex: "M" }) }),
      await createTestCitizen(core),
    ];
    for (const [i, citizenId] of people.entries()) {
      await serve(core, ctx.db, {
        citizenId,
        pointId: p1.id,
        facilitatorId: anna.id,
        date: `2026-10-0${i + 1}`,
        rating: 4,
      });
    }
    await serve(core, ctx.db, {
      citizenId: people[0] ?? "",
      pointId: p1.id,
      facilitatorId: anna.id,
      date: "2026-10-20",
    });
    await serve(core, ctx.db, {
      citizenId: people[1] ?? "",
      pointId: p2.id,
      facilitatorId: anna.id,
      date: "2026-10-21",
      minutes: 30,
    });
    await core.repos.monitoring.setTarget(p1.id, {
      target: 12,
      start: "2026-09-01",
      milestones: [
        { by: "2026-10-31", citizens: 6 },
        { by: "2026-12-31", citizens: 12 },
      ],
    });
  });

  it("prints the tables and writes the CSV and the SVG chart", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sportello-report-test-"));
    const run = await npmRun("report", ["--month", "2026-10", "--out", dir], cliEnv(ctx));
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout.startsWith("Monitoraggio, 2026-10\n")).toBe(true);
    expect(run.stdout).toContain("Progetto fin qui");
    expect(run.stdout).toContain("Traguardi al 2026-10-31");
    const lineOf = (name: string) => run.stdout.split("\n").find((line) => line.includes(name)) ?? "";
    // Ambito, Cittadini, Servizi, Ore facil. (4 × 45 minutes = 3 hours)
    expect(
      lineOf("Punto: Biblioteca Alfa")
        .split(/\s{2,}|\s*\|\s*/)
        .filter(Boolean)
        .slice(0, 3),
    ).toEqual(["Punto: Biblioteca Alfa", "3", "4"]);
    expect(run.stdout).not.toContain(world.code);

    const csvPath = join(dir, "report-2026-10.csv");
    const [header, ...rows] = parse(readFileSync(csvPath, "utf8")) as string[][];
    expect(header).toEqual([...REPORT_CSV_COLUMNS]);
    const cell = (row: string[] | undefined, name: (typeof REPORT_CSV_COLUMNS)[number]) =>
      row?.[REPORT_CSV_COLUMNS.indexOf(name)];
    const find = (period: string, scope: string, id: string) =>
      rows.find((row) => row[0] === period && row[3] === scope && row[4] === id);
    const alfa = find("mese", "punto", world.p1);
    expect([cell(alfa, "Nome"), cell(alfa, "Cittadini unici"), cell(alfa, "Servizi")]).toEqual([
      "Biblioteca Alfa",
      "3",
      "4",
    ]);
    expect(cell(alfa, "Ore di facilitazione")).toBe("3.0");
    expect(cell(alfa, "Voto medio")).toBe("4.00");
    expect([cell(alfa, "Obiettivo cittadini"), cell(alfa, "Attesi a questa data"), cell(alfa, "Stato")]).toEqual([
      "12",
      "6",
      "behind",
    ]);
    const organisation = find("mese", "ente", world.o1);
    expect(cell(organisation, "Cittadini unici")).toBe("3");
    expect(cell(organisation, "Servizi")).toBe("5");
    const total = find("mese", "totale", "");
    expect(cell(total, "Ore di facilitazione")).toBe("3.5");
    expect(find("progetto", "totale", "")).toBeDefined();

    const svg = readFileSync(join(dir, "report-2026-10.svg"), "utf8");
    expect(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"')).toBe(
      true,
    );
    expect(svg.trimEnd().endsWith("</svg>")).toBe(true);
    const labels = [...svg.matchAll(/<text [^>]*font-size="14" font-weight="bold">([^<]+)<\/text>/g)].map((m) => m[1]);
    // one row per point, in name order
    expect(labels.filter((label) => label?.startsWith("Biblioteca"))).toEqual(["Biblioteca Alfa", "Biblioteca Beta"]);
    // Alfa's bar: 3 of 12 citizens on a 360-pixel bar, in the "behind" fill
    const bar = /<rect x="220" y="\d+" width="([\d.]+)" height="24" fill="url\(#sportello-fill-(\w+)\)"/.exec(svg);
    expect(bar?.[1]).toBe("90");
    expect(bar?.[2]).toBe("behind");
    expect(svg).toContain("6 · 31/10/2026");
    expect(svg).toContain("12 · 31/12/2026");
    expect(svg).toContain("Nessun obiettivo impostato per questo punto");
    expect(svg).toContain("3 su 12 cittadini");
  });

  it("says so for a month with no records, and reports one point by its code", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sportello-report-test-"));
    const empty = await npmRun("report", ["--month", "2026-08", "--out", dir], cliEnv(ctx));
    expect(empty.code).toBe(0);
    expect(empty.stdout).toContain("Nessun servizio, corso o assenza registrati nel mese 2026-08.");
    const one = await npmRun("report", ["--month", "2026-10", "--point", world.p1Code, "--out", dir], cliEnv(ctx));
    expect(one.code).toBe(0);
    expect(one.stdout.startsWith("Monitoraggio, 2026-10, Biblioteca Alfa\n")).toBe(true);
    expect(one.stdout).not.toContain("Biblioteca Beta");
    const bad = await npmRun("report", ["--month", "2026-13"], cliEnv(ctx));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("Serve --month, scritto AAAA-MM");
  });

  it("serves the same figures as JSON behind ADMIN_TOKEN", async () => {
    const log = recordingLog();
    const app = await startApp(ctx.config({ ADMIN_TOKEN: TOKEN, LOG_LEVEL: "debug" }), log);
    try {
      const url = `${app.url}/admin/monitoring/report?month=2026-10`;
      expect((await fetch(url)).status).toBe(401);
      expect((await fetch(url, { headers: { authorization: "Bearer not-the-token-0123456789abcdef" } })).status).toBe(
        401,
      );
      const response = await fetch(url, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
      const body = await response.json();
      const expected = reportJson(await monthlyReport(testCore(ctx.db), ctx.config().monitoring, { month: "2026-10" }));
      expect(body).toEqual(JSON.parse(JSON.stringify(expected)));
      const points = (body as { figures: { points: Array<{ name: string; rfd: { uniqueCitizens: number } }> } }).figures
        .points;
      expect(points.find((p) => p.name === "Biblioteca Alfa")?.rfd.uniqueCitizens).toBe(3);

      const one = await fetch(`${url}&point=${world.p1Code}`, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(((await one.json()) as { figures: { points: unknown[] } }).figures.points).toHaveLength(1);
      const bad = await fetch(`${app.url}/admin/monitoring/report?month=2026-1`, {
        headers: { authorization: `Bearer ${TOKEN}` },
      });
      expect(bad.status).toBe(400);
      const unknown = await fetch(`${url}&point=NOPE`, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(unknown.status).toBe(404);
    } finally {
      await app.stop();
    }
    const logged = JSON.stringify(log.lines);
    expect(logged).not.toContain(world.code);
    expect(log.lines.length).toBeGreaterThan(0);
  });
});
