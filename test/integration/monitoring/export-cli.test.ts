import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { FACILITA_COLUMNS } from "../../../core/monitoring/export/columns.js";
import { REFUSAL_COLUMNS } from "../../../core/monitoring/export/export-writer.js";
import { seal } from "../../../core/monitoring/identifier-crypto.js";
import { answerProfile } from "../../../core/monitoring/profile-service.js";
import { syntheticFiscalCode } from "../../../core/monitoring/synthetic-fiscal-code.js";
import { testCore } from "../../support/fixtures.js";
import { useIntegration } from "../../support/integration.js";
import {
  cliEnv,
  filesIn,
  monitoringFacilitator,
  monitoringPoint,
  npmRun,
  profiledCitizen,
  readCsv,
  STANDARD_ANSWERS,
  serve,
} from "./monitoring-fixtures.js";

const column = (name: (typeof FACILITA_COLUMNS)[number]) => FACILITA_COLUMNS.indexOf(name);

describe("npm run export:facilita against PostgreSQL", () => {
  const ctx = useIntegration();
  // each npm run is a child process of several seconds on a shared, loaded machine
  vi.setConfig({ testTimeout: 240_000 });
  const cf = syntheticFiscalCode({ birthDate: "1961-03-04", sex: "F", letters: "RSSNNA" });
  const world = {} as Record<string, string>;
  const scratch = () => mkdtempSync(join(tmpdir(), "sportello-export-test-"));
  const exportCli = (args: string[]) => npmRun("export:facilita", args, cliEnv(ctx));

  beforeAll(async () => {
    const core = testCore(ctx.db);
    const settings = ctx.config().monitoring;
    const point = await monitoringPoint(ctx.db, { name: "Biblioteca Civica", platformId: 9101n });
    await ctx.db.point.update({ where: { id: point.id }, data: { platformName: 'Biblioteca Civica "Centro"' } });
    const noIdPoint = await monitoringPoint(ctx.db, { name: "Punto Senza Id", platformId: null });
    const anna = await monitoringFacilitator(ctx.db, { name: "Anna Rossi", platformId: 8101n });
    const noIdFacilitator = await monitoringFacilitator(ctx.db, { name: "Marco Verdi", platformId: null });
    const volunteer = await monitoringFacilitator(ctx.db, { name: "Sara Neri", platformId: 8102n });
    world.point = point.id;
    world.pointCode = point.code;

    const good = await profiledCitizen(core, settings, { fiscalCode: ` ${cf.toLowerCase()} ` });
    const record = await serve(core, ctx.db, {
      citizenId: good,
      pointId: point.id,
      facilitatorId: anna.id,
      date: "2026-11-03",
      minutes: 75,
      competences: [13, 4, 9],
      publicServices: ["B", "A"],
      description: 'Ha detto "grazie"\n  per lo   SPID',
      rating: 4,
    });
    await ctx.db.serviceRecord.update({ where: { id: record.id }, data: { wouldReturn: ["B", "A"] } });
    world.good = record.id;
    // the same person by a volunteer: the SCD file
    world.scd = (
      await serve(core, ctx.db, {
        citizenId: good,
        pointId: point.id,
        facilitatorId: volunteer.id,
        role: "scd_volunteer",
        date: "2026-11-04",
        minutes: 600,
        serviceTypes: ["C", "A"],
        competences: [1],
      })
    ).id;

    // a minor on the service date (18 on 15 November 2026; the profile given on 1 December)
    const minor = await profiledCitizen(core, settings, {
      fiscalCode: syntheticFiscalCode({ birthDate: "2008-11-15", sex: "M" }),
    });
    world.minor = (
      await serve(core, ctx.db, { citizenId: minor, pointId: point.id, facilitatorId: anna.id, date: "2026-11-05" })
    ).id;

    // no identity: said they have no codice fiscale, then no document, but every other answer
    const anonymous = await profiledCitizen(core, settings, null);
    for (const answer of [
      { question: "no_fiscal_code" as const },
      ...STANDARD_ANSWERS,
      { question: "AN8" as const, code: "B" },
    ]) {
      const result = await answerProfile(core, settings, { citizenId: anonymous, by: { kind: "citizen" }, answer });
      expect(result.ok).toBe(true);
    }
    world.noIdentity = (
      await serve(core, ctx.db, { citizenId: anonymous, pointId: point.id, facilitatorId: anna.id, date: "2026-11-06" })
    ).id;

    // a document only: the bulk upload needs AN3
    const documentOnly = await profiledCitizen(core, settings, { document: { type: "A", number: "CA 12345 AB" } });
    world.documentOnly = (
      await serve(core, ctx.db, {
        citizenId: documentOnly,
        pointId: point.id,
        facilitatorId: anna.id,
        date: "2026-11-06",
      })
    ).id;

    // point and facilitator without platform ids
    const other = await profiledCitizen(core, settings, {
      fiscalCode: syntheticFiscalCode({ birthDate: "1980-02-29", sex: "M" }),
    });
    world.noIdPoint = (
      await serve(core, ctx.db, { citizenId: other, pointId: noIdPoint.id, facilitatorId: anna.id, date: "2026-11-07" })
    ).id;
    world.noIdFacilitator = (
      await serve(core, ctx.db, {
        citizenId: other,
        pointId: point.id,
        facilitatorId: noIdFacilitator.id,
        date: "2026-11-07",
      })
    ).id;

    // an invalid codice fiscale stored (the profile service refuses one: sealed by hand)
    const broken = await profiledCitizen(core, settings, {
      fiscalCode: syntheticFiscalCode({ birthDate: "1975-06-01", sex: "F" }),
    });
    const valid = syntheticFiscalCode({ birthDate: "1975-06-01", sex: "F" });
    const wrongCheck = `${valid.slice(0, 15)}${valid.endsWith("A") ? "B" : "A"}`;
    const refused = await answerProfile(core, settings, {
      citizenId: broken,
      by: { kind: "citizen" },
      answer: { question: "fiscal_code", text: wrongCheck },
    });
    expect(refused).toEqual({ ok: false, problem: "fiscal_wrong_check_character" });
    await ctx.db
      .$executeRaw`UPDATE monitoring_profile SET fiscal_code_sealed = ${seal(settings.protection.ring, wrongCheck, "fiscal_code")} WHERE citizen_id = ${broken}::uuid`;
    world.invalidFiscalCode = (
      await serve(core, ctx.db, { citizenId: broken, pointId: point.id, facilitatorId: anna.id, date: "2026-11-08" })
    ).id;

    // outside the period asked
    world.december = (
      await serve(core, ctx.db, { citizenId: good, pointId: point.id, facilitatorId: anna.id, date: "2026-12-01" })
    ).id;
  });

  it("writes the 33 columns by the rules, one file per programme, and a refusal report saying what to do", async () => {
    const dir = scratch();
    const run = await exportCli(["--from", "2026-11-01", "--to", "2026-11-30", "--out", dir]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(filesIn(dir)).toEqual(["facilita-RFD-001.csv", "facilita-SCD-001.csv", "facilita-scarti.csv"]);
    expect(run.stdout).toContain("Letti 8, esportati 2, scartati 6; segnati come esportati 2.");
    expect(run.stdout).toContain(`${dir}/facilita-RFD-001.csv: 1 righe (RFD)`);

    const raw = readFileSync(join(dir, "facilita-RFD-001.csv"), "utf8");
    expect(raw.startsWith(`${FACILITA_COLUMNS.join(",")}\r\n`)).toBe(true);
    expect(raw.endsWith("\r\n")).toBe(true);
    const [header, ...rows] = readCsv(join(dir, "facilita-RFD-001.csv"));
    expect(header).toEqual([...FACILITA_COLUMNS]);
    expect(header).toHaveLength(33);
    expect(rows).toHaveLength(1);
    const row = rows[0] ?? [];
    expect(Object.fromEntries(FACILITA_COLUMNS.map((name, i) => [name, row[i]]))).toEqual({
      IDFacilitatore: "8101",
      NominativoFacilitatore: "Anna Rossi",
      IDSede: "9101",
      NominativoSede: "Biblioteca Civica Centro",
      AN1: "ND",
      AN2: "ND",
      AN3: cf,
      AN4: "NO",
      AN5: "",
      AN6: "",
      AN7: "A",
      AN8: "C",
      AN9: "C",
      AN10: "G",
      AN11: "A",
      AN12: "TO",
      AN14: "",
      AN17: "",
      PR1: "NO",
      PR2: "A:B",
      SE1: "2026-11-03",
      SE2: "01:15",
      SE3: "A",
      SE4: "B:E",
      SE5: "4:9:13",
      SE6: "A:B",
      SE7: "Ha detto grazie per lo SPID",
      ES1: "A:L",
      ES2: "F",
      ES3: "A:B",
      ES4: "",
      ES5: "",
      ES6: "4",
    });

    const [scdHeader, scdRow] = readCsv(join(dir, "facilita-SCD-001.csv"));
    expect(scdHeader).toEqual([...FACILITA_COLUMNS]);
    expect(scdRow?.[column("IDFacilitatore")]).toBe("8102");
    expect(scdRow?.[column("SE2")]).toBe("10:00");
    expect(scdRow?.[column("SE3")]).toBe("A:C");
    expect(scdRow?.[column("SE6")]).toBe("S");
    expect(scdRow?.[column("AN3")]).toBe(cf);

    const [refusalHeader, ...refusals] = readCsv(join(dir, "facilita-scarti.csv"));
    expect(refusalHeader).toEqual([...REFUSAL_COLUMNS]);
    const byRecord = new Map<string, string[][]>();
    for (const line of refusals) byRecord.set(line[0] ?? "", [...(byRecord.get(line[0] ?? "") ?? []), line]);
    const reasons = (id: string | undefined) => (byRecord.get(id ?? "") ?? []).map((line) => `${line[5]}/${line[6]}`);
    expect(reasons(world.minor)).toEqual(["minor/AN3"]);
    expect(reasons(world.noIdentity)).toEqual(["no_identity/AN3"]);
    expect(reasons(world.documentOnly)).toEqual(["document_only/AN3"]);
    expect(reasons(world.noIdPoint)).toEqual(["point_without_platform_id/IDSede"]);
    expect(reasons(world.noIdFacilitator)).toEqual(["facilitator_without_platform_id/IDFacilitatore"]);
    expect(reasons(world.invalidFiscalCode)).toEqual(["invalid_fiscal_code/AN3"]);
    expect(byRecord.size).toBe(6);
    const line = (id: string | undefined) => byRecord.get(id ?? "")?.[0] ?? [];
    expect(line(world.minor).slice(1, 5)).toEqual(["2026-11-05", "Biblioteca Civica", "Anna Rossi", "RFD"]);
    expect(line(world.minor)[7]).toBe(
      "Alla data del servizio la persona non aveva 18 anni: la piattaforma registra solo maggiorenni.",
    );
    expect(line(world.minor)[8]).toBe("Non va caricato: il servizio resta nei conteggi di Sportello.");
    expect(line(world.noIdPoint)[7]).toBe(
      "Il punto «Punto Senza Id» non ha il suo codice della piattaforma (ID sede).",
    );
    expect(line(world.noIdPoint)[8]).toBe(
      "Cerca l'ID della sede sulla piattaforma di monitoraggio e inseriscilo nei dati del punto.",
    );
    expect(line(world.noIdFacilitator)[7]).toBe(
      "Il facilitatore «Marco Verdi» non ha il suo codice della piattaforma (ID facilitatore).",
    );
    expect(line(world.invalidFiscalCode)[7]).toMatch(/^Il codice fiscale salvato non è valido: .+\.$/);
    expect(line(world.invalidFiscalCode)[8]).toBe(
      "Ricontrolla il codice sulla tessera sanitaria con la persona e correggilo nel profilo.",
    );
    expect(line(world.documentOnly)[8]).toBe(
      "Registra questo servizio a mano sulla piattaforma, scegliendo «codice fiscale non disponibile».",
    );
    // the refusal report never holds an identifier
    expect(readFileSync(join(dir, "facilita-scarti.csv"), "utf8")).not.toContain(cf);
    // the summary names every reason
    for (const words of [
      "1 × persona minorenne",
      "1 × né codice fiscale né documento",
      "1 × solo documento (da registrare a mano)",
      "1 × punto senza id della piattaforma",
      "1 × facilitatore senza id della piattaforma",
      "1 × codice fiscale non valido",
    ]) {
      expect(run.stdout).toContain(words);
    }

    const marked = await ctx.db.serviceRecord.findMany({
      where: { exportedAt: { not: null } },
      select: { id: true, exportBatchId: true },
    });
    expect(marked.map((m) => m.id).sort()).toEqual([world.good, world.scd].sort());
    expect(new Set(marked.map((m) => m.exportBatchId)).size).toBe(1);
    expect(run.stdout).toContain(`Esportazione ${marked[0]?.exportBatchId}: dal 2026-11-01 al 2026-11-30.`);
  });

  it("exports nothing new the second time, everything again with --again, and one point with --point", async () => {
    const second = scratch();
    const again = await exportCli(["--from", "2026-11-01", "--to", "2026-11-30", "--out", second]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("Letti 6, esportati 0, scartati 6; segnati come esportati 0.");
    expect(filesIn(second)).toEqual(["facilita-scarti.csv"]);

    const third = scratch();
    const forced = await exportCli(["--from", "2026-11-01", "--to", "2026-11-30", "--out", third, "--again"]);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain("(ri-esportazione)");
    expect(forced.stdout).toContain("Letti 8, esportati 2, scartati 6; segnati come esportati 0.");
    const [, row] = readCsv(join(third, "facilita-RFD-001.csv"));
    expect(row?.[column("AN3")]).toBe(cf);

    const onePoint = scratch();
    const point = await exportCli([
      "--from",
      "2026-11-01",
      "--to",
      "2026-12-31",
      "--out",
      onePoint,
      "--point",
      world.pointCode ?? "",
      "--again",
    ]);
    expect(point.code).toBe(0);
    // December's record too, and not the point without platform id
    expect(point.stdout).toContain("Letti 8, esportati 3, scartati 5");
    expect(readCsv(join(onePoint, "facilita-RFD-001.csv"))).toHaveLength(3);

    const unknown = await exportCli([
      "--from",
      "2026-11-01",
      "--to",
      "2026-11-30",
      "--out",
      scratch(),
      "--point",
      "NOPE",
    ]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("Non trovo il punto «NOPE»");
    const badDate = await exportCli(["--from", "2026-02-30", "--to", "2026-11-30", "--out", scratch()]);
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toContain("Le date vanno scritte AAAA-MM-GG");
    const busy = await exportCli(["--from", "2026-11-01", "--to", "2026-11-30", "--out", third, "--again"]);
    expect(busy.code).toBe(1);
    expect(busy.stderr).toContain("c'è già un file");
  });
});
