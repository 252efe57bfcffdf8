import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { FACILITA_COLUMNS } from "../../../core/monitoring/export/columns.js";
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

const scratch = () => mkdtempSync(join(tmpdir(), "sportello-rotation-test-"));

describe("npm run monitoring:rotate-keys", () => {
  const ctx = useIntegration();
  // each npm run is a child process of several seconds on a shared, loaded machine
  vi.setConfig({ testTimeout: 240_000 });

  it("reseals every identifier with the current key (npm run monitoring:rotate-keys); the export still opens them", async () => {
    const k1 = randomBytes(32).toString("base64");
    const k2 = randomBytes(32).toString("base64");
    const hashKey = randomBytes(32).toString("base64");
    const oldKeys = { MONITORING_KEYS: `k1:${k1}`, MONITORING_HASH_KEY: hashKey };
    const core = testCore(ctx.db);
    const settings = ctx.config(oldKeys).monitoring;
    const point = await monitoringPoint(ctx.db, { name: "Punto Chiavi" });
    const anna = await monitoringFacilitator(ctx.db);
    const code = syntheticFiscalCode({ birthDate: "1964-04-14", sex: "M", letters: "RTTRTT" });
    const rotatedCitizen = await profiledCitizen(core, settings, { fiscalCode: code });
    const withDocument = await profiledCitizen(core, settings, { document: { type: "C", number: "YB7654321" } });
    await serve(core, ctx.db, {
      citizenId: rotatedCitizen,
      pointId: point.id,
      facilitatorId: anna.id,
      date: "2026-09-09",
    });
    const ids = [rotatedCitizen, withDocument];
    const sealed = async () =>
      ctx.db.monitoringProfile.findMany({
        where: { citizenId: { in: ids } },
        select: {
          fiscalCodeSealed: true,
          fiscalCodeKeyId: true,
          fiscalCodeHash: true,
          documentNumberSealed: true,
          documentKeyId: true,
          documentHash: true,
        },
        orderBy: { fiscalCodeKeyId: "asc" },
      });
    const before = await sealed();
    expect(before.map((s) => s.fiscalCodeKeyId ?? s.documentKeyId)).toEqual(["k1", "k1"]);

    const bothKeys = cliEnv(ctx, {
      MONITORING_KEYS: `k2:${k2},k1:${k1}`,
      MONITORING_CURRENT_KEY: "k2",
      MONITORING_HASH_KEY: hashKey,
    });
    const rotation = await npmRun("monitoring:rotate-keys", [], bothKeys);
    expect(rotation.stderr).toBe("");
    expect(rotation.code).toBe(0);
    expect(rotation.stdout).toBe("Chiave attuale: k2. Profili con dati protetti: 2, cifrati di nuovo: 2.\n");
    const after = await sealed();
    for (const [i, row] of after.entries()) {
      const old = before[i];
      expect(row.fiscalCodeKeyId ?? row.documentKeyId).toBe("k2");
      expect((row.fiscalCodeSealed ?? row.documentNumberSealed ?? "").startsWith("v1.k2.")).toBe(true);
      expect(row.fiscalCodeSealed ?? row.documentNumberSealed).not.toBe(
        old?.fiscalCodeSealed ?? old?.documentNumberSealed,
      );
      // the person keys never change
      expect(row.fiscalCodeHash).toBe(old?.fiscalCodeHash);
      expect(row.documentHash).toBe(old?.documentHash);
    }
    const second = await npmRun("monitoring:rotate-keys", [], bothKeys);
    expect(second.stdout).toContain("cifrati di nuovo: 0.");

    // the old key gone: the export opens the values with k2 alone
    const out = scratch();
    const onlyNew = cliEnv(ctx, { MONITORING_KEYS: `k2:${k2}`, MONITORING_HASH_KEY: hashKey });
    const exported = await npmRun(
      "export:facilita",
      ["--from", "2026-09-01", "--to", "2026-09-30", "--out", out],
      onlyNew,
    );
    expect(exported.stderr).toBe("");
    expect(exported.code).toBe(0);
    const [, row] = readCsv(join(out, "facilita-RFD-001.csv"));
    expect(row?.[FACILITA_COLUMNS.indexOf("AN3")]).toBe(code);
  });
});
