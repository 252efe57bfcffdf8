import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { capture } from "../test/support/cli-capture.js";
import { useIntegration } from "../test/support/integration.js";
import { runPointsImport } from "./points-import.js";
import { runPointsList } from "./points-list.js";

const EXAMPLE = new URL("../docs/examples/points.csv", import.meta.url).pathname;

describe("npm run points:import and points:list", () => {
  const ctx = useIntegration();
  let dir = "";
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "sportello-points-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const run = async (...args: string[]) => {
    const io = capture();
    const code = await runPointsImport(args, io, () => ctx.config());
    return { code, ...io };
  };

  it("explains its usage and refuses bad arguments with exit code 2", async () => {
    const help = await run("--help");
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Uso: npm run points:import -- <file.csv> [--dry-run]");
    expect((await run()).code).toBe(2);
    const unknown = await run(EXAMPLE, "--force");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("Opzione sconosciuta: --force");
    const missing = await run(join(dir, "nope.csv"));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("File non trovato");
  });

  it("refuses a file with one bad row, writing nothing, with exit code 1", async () => {
    const text = (await readFile(EXAMPLE, "utf8")).replace(";40128;Bologna;", ";4012;Bologna;");
    const file = join(dir, "bad.csv");
    await writeFile(file, text);
    const result = await run(file);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("FILE RIFIUTATO: 1 problema in 1 riga. Nessuna modifica è stata scritta.");
    expect(result.stdout).toContain("riga 3, colonna cap: il CAP 4012 non è valido (servono 5 cifre)");
    expect(await ctx.db.point.count()).toBe(0);
    expect(await ctx.db.organisation.count()).toBe(0);
  });

  it("checks the example file with --dry-run without writing, then imports it, then finds nothing to change", async () => {
    const dry = await run(EXAMPLE, "--dry-run");
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain("(prova, --dry-run)");
    expect(dry.stdout).toMatch(/\+ BO-BIB-01 +Punto digitale Salaborsa +da creare \(1 sede\)/);
    expect(dry.stdout).toContain("Punti: 4 da creare, 0 da aggiornare, 0 invariati.");
    expect(dry.stdout).toContain("Prova riuscita");
    expect(await ctx.db.point.count()).toBe(0);

    const real = await run(EXAMPLE);
    expect(real.code).toBe(0);
    expect(real.stdout).toContain("Punti: 4 nuovi, 0 aggiornati, 0 invariati.");
    expect(real.stdout).toContain("Sedi: 7 nuove, 0 aggiornate, 0 tolte, 0 invariate.");
    expect(real.stdout).toContain("Import completato: modifiche scritte.");
    expect(await ctx.db.point.count()).toBe(4);

    const again = await run(EXAMPLE);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/= CAS-APS-01 +Punto digitale Casalecchio +invariato/);
    expect(again.stdout).toContain("Punti: 0 nuovi, 0 aggiornati, 4 invariati.");
    expect(again.stdout).toContain("Import completato: nessuna modifica, il database era già aggiornato.");
  });

  it("lists the points as a table, or as JSON", async () => {
    const io = capture();
    expect(await runPointsList([], io, () => ctx.config())).toBe(0);
    const lines = io.stdout.split("\n");
    expect(lines.find((l) => l.startsWith("BO-BIB-01"))).toMatch(
      /^BO-BIB-01 +Punto digitale Salaborsa +fisso +Bologna \(BO\) +3\/4 +facil\. 60' PTV, accogl\. 30' P, corso 120' P +lun 14:30-19; mar-ven 9:30-13\/14:30-19; sab 10-13$/,
    );
    expect(lines.find((l) => l.startsWith("APP-BUS-01"))).toContain("itinerante");
    expect(io.stdout).toContain("4 punti.");

    const json = capture();
    expect(await runPointsList(["--json"], json, () => ctx.config())).toBe(0);
    const listed = JSON.parse(json.stdout) as Array<Record<string, unknown>>;
    expect(listed.map((p) => p.code)).toEqual(["APP-BUS-01", "BO-BIB-01", "BO-BIB-02", "CAS-APS-01"]);
    expect(listed[3]).toMatchObject({
      name: "Punto digitale Casalecchio",
      kind: "fixed",
      comune: "Casalecchio di Reno",
      workstations: 3,
      bookableWorkstations: 2,
      servicesText: "facilitazione=45:presenza+telefono; accoglienza=30:presenza",
      sites: 2,
      isDemo: false,
    });

    const bad = capture();
    expect(await runPointsList(["--csv"], bad, () => ctx.config())).toBe(2);
    expect(bad.stderr).toContain("Argomento sconosciuto: --csv");
  });
});
