import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { COLUMN_NAMES } from "../../core/points/import/columns.js";
import { toCsvText } from "../../core/points/import/csv-text.js";
import type { ImportedPoint } from "../../core/points/import/imported-point.js";
import { formatNote } from "../../core/points/import/notes.js";
import { parsePointsCsv } from "../../core/points/import/parse-points.js";
import { validateSchedule } from "../../core/points/schedule-schema.js";
import { useIntegration } from "../../test/support/integration.js";
import { writeImportedPoints } from "./points-import-writer.js";
import type { Db } from "./prisma-client.js";
import { prismaPointRepository } from "./repositories/point-repository.js";

const EXAMPLE = readFileSync(new URL("../../docs/examples/points.csv", import.meta.url), "utf8");
type Row = Record<string, string>;
const exampleRows = (): Row[] => parse(EXAMPLE, { columns: true, delimiter: ";", bom: true }) as Row[];

function points(text: string): ImportedPoint[] {
  const result = parsePointsCsv(text);
  if (!result.ok) throw new Error(result.problems.map(formatNote).join("\n"));
  return result.points;
}

const csv = (rows: Row[]) => toCsvText(COLUMN_NAMES, rows);

/** Everything an import may touch, to compare before and after. */
async function snapshot(db: Db) {
  return {
    organisations: await db.organisation.findMany({ orderBy: { id: "asc" } }),
    points: await db.point.findMany({ orderBy: { id: "asc" } }),
    sites: await db.site.findMany({ orderBy: { id: "asc" } }),
    services: await db.pointService.findMany({ orderBy: { id: "asc" } }),
    windows: await db.openingWindow.findMany({ orderBy: { id: "asc" } }),
  };
}

async function clear(db: Db) {
  await db.booking.deleteMany();
  await db.citizen.deleteMany();
  await db.point.deleteMany();
  await db.organisation.deleteMany();
}

describe("writing imported points", () => {
  const ctx = useIntegration();

  it("imports the example file: organisations, points, sites, services and hours", async () => {
    await clear(ctx.db);
    const outcome = await writeImportedPoints(ctx.db, points(EXAMPLE));
    expect(outcome.written).toBe(true);
    expect(outcome.problems).toEqual([]);
    expect(outcome.points.map((p) => [p.code, p.status, p.sites])).toEqual([
      ["BO-BIB-01", "created", 1],
      ["BO-BIB-02", "created", 1],
      ["CAS-APS-01", "created", 2],
      ["APP-BUS-01", "created", 3],
    ]);
    expect(outcome.organisationsCreated).toEqual([
      "Comune di Bologna",
      "Associazione Anziani Attivi Casalecchio APS",
      "Unione dei Comuni dell'Appennino Bolognese",
    ]);
    expect(outcome.sites).toEqual({ created: 7, updated: 0, removed: 0, unchanged: 0 });

    expect(await ctx.db.organisation.count()).toBe(3);
    const stored = await ctx.db.point.findMany({
      orderBy: { code: "asc" },
      include: { organisation: true, sites: true, services: true, openingWindows: true },
    });
    expect(
      stored.map((p) => [p.code, p.organisation.name, p.sites.length, p.services.length, p.openingWindows.length]),
    ).toEqual([
      ["APP-BUS-01", "Unione dei Comuni dell'Appennino Bolognese", 3, 2, 0],
      ["BO-BIB-01", "Comune di Bologna", 1, 3, 10],
      ["BO-BIB-02", "Comune di Bologna", 1, 2, 6],
      ["CAS-APS-01", "Associazione Anziani Attivi Casalecchio APS", 2, 2, 7],
    ]);
    expect(stored.every((p) => !p.isDemo && !p.organisation.isDemo && p.active)).toBe(true);
    const salaborsa = stored.find((p) => p.code === "BO-BIB-01");
    expect(salaborsa?.sites[0]).toMatchObject({
      isMain: true,
      street: "Piazza del Nettuno",
      civic: "3",
      cap: "40124",
      comune: "Bologna",
      comuneIstat: "037006",
      province: "BO",
      lat: 44.49393,
      lon: 11.34268,
    });

    const repository = prismaPointRepository(ctx.db);
    for (const row of stored) {
      const details = await repository.findById(row.id);
      expect(details).not.toBeNull();
      expect(validateSchedule(details?.schedule)).toEqual(details?.schedule);
    }
    const casalecchio = await repository.findById(stored.find((p) => p.code === "CAS-APS-01")?.id ?? "");
    expect(casalecchio?.sites.map((s) => [s.name, s.isMain])).toEqual([
      ["Centro sociale Garibaldi", true],
      ["Casa della Conoscenza", false],
    ]);
    expect(casalecchio?.schedule.weekly.find((w) => w.weekday === 2 && w.shift === 2)).toEqual({
      weekday: 2,
      shift: 2,
      opens: "15:00",
      closes: "18:00",
    });
  });

  it("changes nothing when the same file is imported again, and says so", async () => {
    await clear(ctx.db);
    await writeImportedPoints(ctx.db, points(EXAMPLE));
    const before = await snapshot(ctx.db);
    const again = await writeImportedPoints(ctx.db, points(EXAMPLE));
    expect(again.points.map((p) => p.status)).toEqual(["unchanged", "unchanged", "unchanged", "unchanged"]);
    expect(again.points.every((p) => p.changes.length === 0)).toBe(true);
    expect(again.organisationsCreated).toEqual([]);
    expect(again.sites).toEqual({ created: 0, updated: 0, removed: 0, unchanged: 7 });
    // Not even rewritten: ids and updated_at stay as they were.
    expect(await snapshot(ctx.db)).toEqual(before);
  });

  it("writes nothing on a dry run, yet reports what it would do", async () => {
    await clear(ctx.db);
    const outcome = await writeImportedPoints(ctx.db, points(EXAMPLE), { dryRun: true });
    expect(outcome).toMatchObject({ dryRun: true, written: false });
    expect(outcome.points.map((p) => p.status)).toEqual(["created", "created", "created", "created"]);
    expect(outcome.organisationsCreated).toHaveLength(3);
    expect(await ctx.db.organisation.count()).toBe(0);
    expect(await ctx.db.point.count()).toBe(0);

    await writeImportedPoints(ctx.db, points(EXAMPLE));
    const before = await snapshot(ctx.db);
    const rows = exampleRows();
    const changed = rows.map((r) => (r.codice_punto === "BO-BIB-02" && r.nome_punto ? { ...r, postazioni: "5" } : r));
    const dry = await writeImportedPoints(ctx.db, points(csv(changed)), { dryRun: true });
    expect(dry.points.find((p) => p.code === "BO-BIB-02")).toMatchObject({
      status: "updated",
      changes: ["postazioni"],
    });
    expect(await snapshot(ctx.db)).toEqual(before);
  });

  it("updates hours, services and sites, keeping the ids of the sites that stay", async () => {
    await clear(ctx.db);
    await writeImportedPoints(ctx.db, points(EXAMPLE));
    const sitesBefore = await ctx.db.site.findMany({ include: { point: { select: { code: true } } } });
    const idOf = (code: string, name: string) => sitesBefore.find((s) => s.point.code === code && s.name === name)?.id;

    // A future visit and a booking at the bus stop that the new file drops.
    const bus = await ctx.db.point.findUniqueOrThrow({ where: { code: "APP-BUS-01" } });
    const porretta = idOf("APP-BUS-01", "Porretta, piazza della Libertà") ?? "";
    await ctx.db.itinerantVisit.create({
      data: { pointId: bus.id, siteId: porretta, date: new Date("2099-05-05"), opensMin: 540, closesMin: 720 },
    });
    const citizen = await ctx.db.citizen.create({ data: {} });
    const booking = await ctx.db.booking.create({
      data: {
        citizenId: citizen.id,
        pointId: bus.id,
        siteId: porretta,
        service: "facilitazione",
        mode: "in_presenza",
        startsAt: new Date("2099-05-05T07:00:00Z"),
        endsAt: new Date("2099-05-05T07:30:00Z"),
        status: "confirmed",
      },
    });

    const rows = exampleRows()
      .filter((r) => r.nome_sede !== "Porretta, piazza della Libertà")
      .map((r) => {
        if (r.codice_punto === "BO-BIB-01")
          return { ...r, SAB_1: "", LUN_1: "09:30-13:00", servizi: "facilitazione=60:presenza" };
        if (r.nome_sede === "Centro sociale Garibaldi")
          return { ...r, nome_sede: "Centro sociale Garibaldi APS", civico: "22" };
        if (r.nome_sede === "Casa della Conoscenza") return { ...r, nome_sede: "Biblioteca Casa della Conoscenza" };
        return r;
      });
    rows.push({
      ...rows.find((r) => r.nome_sede === "Piazza Capitani della Montagna"),
      nome_sede: "Riola, piazza della stazione",
      comune: "Vergato",
      cap: "40038",
      lat: "",
      lon: "",
    } as Row);
    const parsed = parsePointsCsv(csv(rows));
    if (!parsed.ok) throw new Error(parsed.problems.map(formatNote).join("\n"));
    expect(parsed.warnings.map(formatNote)).toEqual([expect.stringContaining("mancano lat e lon")]);

    const outcome = await writeImportedPoints(ctx.db, parsed.points, { now: new Date("2026-01-01T00:00:00Z") });
    expect(outcome.points.map((p) => [p.code, p.status, p.changes])).toEqual([
      ["BO-BIB-01", "updated", ["servizi", "orari"]],
      ["BO-BIB-02", "unchanged", []],
      ["CAS-APS-01", "updated", ["sedi"]],
      ["APP-BUS-01", "updated", ["sedi"]],
    ]);
    // Renamed main site: same row; renamed secondary site: a new one; a bus stop removed, one added.
    expect(outcome.sites).toEqual({ created: 2, updated: 1, removed: 2, unchanged: 4 });
    expect(outcome.warnings.map(formatNote)).toEqual([
      "riga 4, colonna nome_sede: la sede «Casa della Conoscenza» del punto CAS-APS-01 non è più nel file e viene tolta",
      "riga 6, colonna nome_sede: la sede «Porretta, piazza della Libertà» del punto APP-BUS-01 non è più nel file e viene tolta: 1 tappe future cancellate, 1 prenotazioni future restano al punto ma senza sede",
    ]);

    const repository = prismaPointRepository(ctx.db);
    const salaborsa = await repository.findById(
      (await ctx.db.point.findUniqueOrThrow({ where: { code: "BO-BIB-01" } })).id,
    );
    expect(salaborsa?.schedule.weekly.filter((w) => w.weekday === 1 || w.weekday === 6)).toEqual([
      { weekday: 1, shift: 1, opens: "09:30", closes: "13:00" },
      { weekday: 1, shift: 2, opens: "14:30", closes: "19:00" },
    ]);
    expect(salaborsa?.services).toEqual([{ kind: "facilitazione", slotMinutes: 60, modes: ["in_presenza"] }]);
    const casalecchio = await ctx.db.site.findMany({
      where: { point: { code: "CAS-APS-01" } },
      orderBy: { name: "asc" },
    });
    expect(casalecchio.map((s) => [s.name, s.isMain, s.civic])).toEqual([
      ["Biblioteca Casa della Conoscenza", false, "360"],
      ["Centro sociale Garibaldi APS", true, "22"],
    ]);
    expect(casalecchio.find((s) => s.isMain)?.id).toBe(idOf("CAS-APS-01", "Centro sociale Garibaldi"));
    const busSites = await ctx.db.site.findMany({ where: { pointId: bus.id } });
    expect(busSites.map((s) => s.name).sort()).toEqual([
      "Piazza Capitani della Montagna",
      "Riola, piazza della stazione",
      "Sede dell'Unione",
    ]);
    expect(busSites.find((s) => s.name === "Sede dell'Unione")?.id).toBe(idOf("APP-BUS-01", "Sede dell'Unione"));
    expect(await ctx.db.itinerantVisit.count({ where: { pointId: bus.id } })).toBe(0);
    expect(await ctx.db.booking.findUniqueOrThrow({ where: { id: booking.id } })).toMatchObject({
      siteId: null,
      pointId: bus.id,
    });
  });

  it("moves the main site to another site of the point, and lets two points swap monitoring ids", async () => {
    await clear(ctx.db);
    const rows = exampleRows().map((r) => {
      if (r.codice_punto === "BO-BIB-01") return { ...r, id_monitoraggio: "1001" };
      if (r.codice_punto === "BO-BIB-02") return { ...r, id_monitoraggio: "1002" };
      return r;
    });
    await writeImportedPoints(ctx.db, points(csv(rows)));
    const swapped = rows.map((r) => {
      if (r.codice_punto === "BO-BIB-01") return { ...r, id_monitoraggio: "1002" };
      if (r.codice_punto === "BO-BIB-02") return { ...r, id_monitoraggio: "1001" };
      if (r.nome_sede === "Centro sociale Garibaldi") return { ...r, sede_principale: "no" };
      if (r.nome_sede === "Casa della Conoscenza") {
        const main = rows.find((m) => m.nome_sede === "Centro sociale Garibaldi") as Row;
        return { ...main, ...Object.fromEntries(Object.entries(r).filter(([, v]) => v !== "")), sede_principale: "si" };
      }
      return r;
    });
    const outcome = await writeImportedPoints(ctx.db, points(csv(swapped)));
    expect(outcome.points.map((p) => [p.code, p.changes])).toEqual([
      ["BO-BIB-01", ["id_monitoraggio"]],
      ["BO-BIB-02", ["id_monitoraggio"]],
      ["CAS-APS-01", ["sedi"]],
      ["APP-BUS-01", []],
    ]);
    const stored = await ctx.db.point.findMany({ where: { code: { startsWith: "BO-" } }, orderBy: { code: "asc" } });
    expect(stored.map((p) => Number(p.monitoringId))).toEqual([1002, 1001]);
    const casalecchio = await ctx.db.site.findMany({ where: { point: { code: "CAS-APS-01" }, isMain: true } });
    expect(casalecchio.map((s) => s.name)).toEqual(["Casa della Conoscenza"]);
  });

  it("refuses, writing nothing, a monitoring id held by a point that is not in the file", async () => {
    await clear(ctx.db);
    const other = await ctx.db.organisation.create({ data: { name: "Altro ente" } });
    await ctx.db.point.create({
      data: {
        organisationId: other.id,
        code: "ALTRO-01",
        name: "Altro punto",
        kind: "fixed",
        workstations: 2,
        bookableWorkstations: 1,
        monitoringId: 777n,
      },
    });
    const before = await snapshot(ctx.db);
    const rows = exampleRows().map((r) =>
      r.codice_punto === "BO-BIB-02" && r.ente ? { ...r, id_monitoraggio: "777" } : r,
    );
    const outcome = await writeImportedPoints(ctx.db, points(csv(rows)));
    expect(outcome.written).toBe(false);
    expect(outcome.problems.map(formatNote)).toEqual([
      "riga 3, colonna id_monitoraggio: l'id di monitoraggio 777 è già del punto ALTRO-01, che non è in questo file",
    ]);
    expect(await snapshot(ctx.db)).toEqual(before);
  });

  it("reuses an organisation with exactly the same name and moves a point to another one", async () => {
    await clear(ctx.db);
    const bologna = await ctx.db.organisation.create({ data: { name: "Comune di Bologna" } });
    await ctx.db.organisation.create({ data: { name: "comune di bologna" } });
    const first = await writeImportedPoints(ctx.db, points(EXAMPLE));
    expect(first.organisationsCreated).not.toContain("Comune di Bologna");
    const salaborsa = await ctx.db.point.findUniqueOrThrow({ where: { code: "BO-BIB-01" } });
    expect(salaborsa.organisationId).toBe(bologna.id);

    const rows = exampleRows().map((r) =>
      r.codice_punto === "BO-BIB-01" ? { ...r, ente: "Istituzione Biblioteche di Bologna" } : r,
    );
    const second = await writeImportedPoints(ctx.db, points(csv(rows)));
    expect(second.organisationsCreated).toEqual(["Istituzione Biblioteche di Bologna"]);
    expect(second.points[0]).toMatchObject({ status: "updated", changes: ["ente"] });
    const moved = await ctx.db.point.findUniqueOrThrow({
      where: { code: "BO-BIB-01" },
      include: { organisation: true },
    });
    expect(moved.organisation.name).toBe("Istituzione Biblioteche di Bologna");
  });
});
