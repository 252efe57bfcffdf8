import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { eraseCitizen } from "../../../core/citizens/erase-citizen.js";
import { FACILITA_COLUMNS } from "../../../core/monitoring/export/columns.js";
import { monthlyReport } from "../../../core/monitoring/report-service.js";
import { syntheticFiscalCode } from "../../../core/monitoring/synthetic-fiscal-code.js";
import { testCore } from "../../support/fixtures.js";
import { useIntegration } from "../../support/integration.js";
import {
  cliEnv,
  monitoringFacilitator,
  monitoringPoint,
  npmRun,
  profiledCitizen,
  readCsv,
  serve,
} from "./monitoring-fixtures.js";

const scratch = () => mkdtempSync(join(tmpdir(), "sportello-erasure-test-"));
const allFiles = (dir: string) =>
  readdirSync(dir)
    .map((name) => readFileSync(join(dir, name), "utf8"))
    .join("\n");

describe("monitoring: erasure, identifiers at rest", () => {
  const ctx = useIntegration();
  // each npm run is a child process of several seconds on a shared, loaded machine
  vi.setConfig({ testTimeout: 240_000 });

  it("wipes an erased person's profile, keeps past counts, and leaves them out of exports", async () => {
    const core = testCore(ctx.db);
    const settings = ctx.config().monitoring;
    const p1 = await monitoringPoint(ctx.db, { name: "Punto Uno" });
    const p2 = await monitoringPoint(ctx.db, { name: "Punto Due", organisationId: p1.organisationId });
    const anna = await monitoringFacilitator(ctx.db);
    const code = syntheticFiscalCode({ birthDate: "1958-08-08", sex: "M", letters: "ERSERS" });
    const erased = await profiledCitizen(core, settings, { fiscalCode: code });
    const kept = await profiledCitizen(core, settings, {
      fiscalCode: syntheticFiscalCode({ birthDate: "1966-06-06", sex: "F", letters: "KPTKPT" }),
    });
    const common = { facilitatorId: anna.id, date: "2026-10-05" };
    await serve(core, ctx.db, { ...common, citizenId: erased, pointId: p1.id });
    await serve(core, ctx.db, { ...common, citizenId: erased, pointId: p1.id, date: "2026-10-19" });
    await serve(core, ctx.db, { ...common, citizenId: erased, pointId: p2.id });
    await serve(core, ctx.db, { ...common, citizenId: kept, pointId: p1.id });

    const report = () => monthlyReport(core, settings, { month: "2026-10" });
    const before = await report();
    expect(before.figures.overall.rfd.uniqueCitizens).toBe(2);
    expect(before.figures.points.get(p1.id)?.rfd.uniqueCitizens).toBe(2);
    expect(before.figures.points.get(p2.id)?.rfd.uniqueCitizens).toBe(1);

    const first = scratch();
    const exported = await npmRun(
      "export:facilita",
      ["--from", "2026-10-01", "--to", "2026-10-31", "--out", first],
      cliEnv(ctx),
    );
    expect(exported.code).toBe(0);
    expect(allFiles(first)).toContain(code);

    await eraseCitizen(core, erased);

    const row = await ctx.db.monitoringProfile.findUniqueOrThrow({ where: { citizenId: erased } });
    expect(row).toMatchObject({
      state: "erased",
      fiscalCodeSealed: null,
      fiscalCodeKeyId: null,
      documentType: null,
      documentNumberSealed: null,
      documentHash: null,
      gender: null,
      ageBand: null,
      education: null,
      employment: null,
      citizenship: null,
      province: null,
      firstTime: null,
      previousServices: [],
      heardFrom: [],
      reasons: [],
      interests: null,
      problemSolving: [],
    });
    const keptRow = await ctx.db.monitoringProfile.findUniqueOrThrow({ where: { citizenId: kept } });
    expect(row.fiscalCodeHash).toMatch(/^erased:/);
    expect(keptRow.fiscalCodeHash).toMatch(/^h1:/);

    const after = await report();
    expect(after.figures).toEqual(before.figures);
    expect(after.soFar).toEqual(before.soFar);

    const again = scratch();
    const reexport = await npmRun(
      "export:facilita",
      ["--from", "2026-10-01", "--to", "2026-10-31", "--out", again, "--again"],
      cliEnv(ctx),
    );
    expect(reexport.code).toBe(0);
    expect(reexport.stdout).toContain("Letti 4, esportati 1, scartati 3");
    expect(reexport.stdout).toContain("3 × dati cancellati su richiesta");
    expect(allFiles(again)).not.toContain(code);
    const [, only] = readCsv(join(again, "facilita-RFD-001.csv"));
    expect(only?.[FACILITA_COLUMNS.indexOf("AN3")]).toBe(
      syntheticFiscalCode({ birthDate: "1966-06-06", sex: "F", letters: "KPTKPT" }),
    );
    const refusals = readCsv(join(again, "facilita-scarti.csv")).slice(1);
    expect(refusals.map((line) => line[5])).toEqual(["erased", "erased", "erased"]);
  });

  it("keeps no codice fiscale or document number in clear in any column, nor in the commands' output", async () => {
    const core = testCore(ctx.db);
    const settings = ctx.config().monitoring;
    const point = await monitoringPoint(ctx.db, { name: "Punto Cifrato" });
    const anna = await monitoringFacilitator(ctx.db);
    const code = syntheticFiscalCode({ birthDate: "1971-01-21", sex: "F", letters: "CFRCFR" });
    const documentNumber = "ZX9876543";
    const withCode = await profiledCitizen(core, settings, { fiscalCode: code });
    const withDocument = await profiledCitizen(core, settings, { document: { type: "B", number: "zx 987 6543" } });
    for (const citizenId of [withCode, withDocument]) {
      await serve(core, ctx.db, { citizenId, pointId: point.id, facilitatorId: anna.id, date: "2026-11-10" });
    }
    const out = scratch();
    const env = cliEnv(ctx, { LOG_LEVEL: "trace" });
    const exported = await npmRun("export:facilita", ["--from", "2026-11-01", "--to", "2026-11-30", "--out", out], env);
    expect(exported.code).toBe(0);
    expect(allFiles(out)).toContain(code);
    const reported = await npmRun("report", ["--month", "2026-11", "--out", scratch()], env);
    expect(reported.code).toBe(0);
    const rotated = await npmRun("monitoring:rotate-keys", [], env);
    expect(rotated.code).toBe(0);

    const columns = await ctx.db.$queryRaw<Array<{ table_name: string; column_name: string }>>`
      SELECT table_name::text AS table_name, column_name::text AS column_name FROM information_schema.columns
      WHERE table_schema = 'public'
        AND (data_type IN ('text', 'character varying', 'character', 'json', 'jsonb') OR udt_name IN ('_text', '_varchar'))`;
    expect(columns.length).toBeGreaterThan(50);
    expect(columns).toContainEqual({ table_name: "monitoring_profile", column_name: "fiscal_code_sealed" });
    const found: string[] = [];
    for (const { table_name, column_name } of columns) {
      for (const secret of [code, documentNumber, "ZX 987 6543"]) {
        const [hit] = await ctx.db.$queryRawUnsafe<Array<{ n: bigint }>>(
          `SELECT count(*) AS n FROM "${table_name}" WHERE "${column_name}"::text ILIKE $1`,
          `%${secret}%`,
        );
        if ((hit?.n ?? 0n) > 0n) found.push(`${table_name}.${column_name}`);
      }
    }
    expect(found).toEqual([]);
    // the sealed values are there, under the current key
    const stored = await ctx.db.monitoringProfile.findMany({
      where: { citizenId: { in: [withCode, withDocument] } },
      select: { fiscalCodeSealed: true, documentNumberSealed: true },
    });
    expect(stored.map((s) => (s.fiscalCodeSealed ?? s.documentNumberSealed ?? "").slice(0, 7)).sort()).toEqual([
      "v1.dev.",
      "v1.dev.",
    ]);

    for (const run of [exported, reported, rotated]) {
      const text = `${run.stdout}\n${run.stderr}`.toUpperCase();
      expect(text).not.toContain(code);
      expect(text).not.toContain(documentNumber);
    }
  });
});
