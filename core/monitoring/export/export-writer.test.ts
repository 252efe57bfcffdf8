import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { parse } from "csv-parse/sync";
import { afterEach, describe, expect, it } from "vitest";
import { CODED_FIELDS, type CodedFieldName } from "../answer-options.js";
import { parseCodeText } from "../codes.js";
import { parseFiscalCode } from "../fiscal-code.js";
import { syntheticFiscalCode } from "../synthetic-fiscal-code.js";
import { FACILITA_COLUMNS, FREE_TEXT_LIMIT, MANDATORY_COLUMNS } from "./columns.js";
import type { ExportSink } from "./csv-output.js";
import { directorySink } from "./directory-sink.js";
import type { ExportRow } from "./export-row.js";
import { type ExportOptions, REFUSAL_COLUMNS, writeFacilitaExport } from "./export-writer.js";
import { sampleRow, sampleRows } from "./sample-rows.js";

const OPTIONS: ExportOptions = { project: { start: "2023-01-01", end: "2026-06-30" } };

/** Files kept in memory; `delayMs` makes every write slow, to exercise back-pressure. */
function memorySink(delayMs = 0): ExportSink & { files: Map<string, string> } {
  const files = new Map<string, string>();
  return {
    files,
    create(name) {
      if (files.has(name)) throw new Error(`file written twice: ${name}`);
      files.set(name, "");
      return new Writable({
        highWaterMark: delayMs > 0 ? 256 : 16_384,
        write(chunk, _encoding, done) {
          files.set(name, `${files.get(name)}${String(chunk)}`);
          if (delayMs > 0) setTimeout(done, delayMs);
          else done();
        },
      });
    },
  };
}

const read = (text: string): string[][] => parse(text, { skip_empty_lines: true }) as string[][];

/** Every rule of facilita-csv.md that a single row of the file must meet. */
function checkPlatformRow(header: readonly string[], row: readonly string[], rowNumber: number) {
  const where = `row ${rowNumber}`;
  expect(row, where).toHaveLength(33);
  const cell = Object.fromEntries(header.map((column, i) => [column, row[i] ?? ""]));
  for (const column of MANDATORY_COLUMNS) expect(cell[column], `${where} ${column}`).not.toBe("");
  for (const value of row) {
    expect(value).not.toContain('"');
    expect(value.trim()).toBe(value);
  }
  expect(cell.IDSede).toMatch(/^\d+$/);
  expect(cell.IDFacilitatore).toMatch(/^\d+$/);
  expect(cell.SE1).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  expect(cell.SE2).toMatch(/^\d{2}:\d{2}$/);
  expect(cell.SE7?.length).toBeLessThanOrEqual(FREE_TEXT_LIMIT);
  expect(cell.ES4?.length).toBeLessThanOrEqual(FREE_TEXT_LIMIT);
  expect(cell.AN14).toBe("");
  expect(cell.AN17).toBe("");
  expect(["SI", "NO"]).toContain(cell.AN4);
  if (cell.AN4 === "NO") {
    const parsed = parseFiscalCode(cell.AN3 ?? "", cell.SE1 ?? "");
    expect(parsed.ok, where).toBe(true);
  }
  for (const name of Object.keys(CODED_FIELDS) as CodedFieldName[]) {
    const value = cell[name] ?? "";
    if (value === "") continue;
    expect(parseCodeText(name, value), `${where} ${name}=${value}`).toMatchObject({ ok: true });
  }
  // The area of every competence is there (SE4 follows from SE5).
  for (const competence of (cell.SE5 ?? "").split(":").map(Number)) {
    const area = "AAABBBBBBCDDE".charAt(competence - 1);
    expect(cell.SE4?.split(":")).toContain(area);
  }
}

describe("writeFacilitaExport", () => {
  it("writes the platform's file and a refusal report, both readable back", async () => {
    const minor = syntheticFiscalCode({ birthDate: "2008-01-01", sex: "M" });
    const rows: ExportRow[] = [
      sampleRow({ record: { id: "ok-1", description: 'Ha detto: "grazie", poi è andata\nvia' } }),
      sampleRow({
        record: { id: "bad-cf" },
        citizen: { id: "c2" },
        profile: { fiscalCode: "RSSMRA85T10A562X" },
      }),
      sampleRow({ record: { id: "minor", date: "2025-03-11" }, citizen: { id: "c3" }, profile: { fiscalCode: minor } }),
      sampleRow({
        record: { id: "ok-2", date: "2025-03-11", competences: [11, 4], publicServices: [], serviceTypes: ["B", "A"] },
        citizen: { id: "c4" },
        profile: { fiscalCode: syntheticFiscalCode({ birthDate: "1990-07-07", sex: "M" }), gender: "B" },
      }),
      sampleRow({ record: { id: "no-sede", date: "2025-03-12" }, citizen: { id: "c5" }, point: { platformId: null } }),
      sampleRow({ record: { id: "scd-1", date: "2025-03-12", programme: "SCD" }, citizen: { id: "c6" } }),
    ];
    const sink = memorySink();
    const written: Array<{ name: string; ids: readonly string[] }> = [];
    const summary = await writeFacilitaExport(rows, sink, {
      ...OPTIONS,
      onFileWritten: (file, ids) => {
        written.push({ name: file.name, ids });
      },
    });

    expect(summary).toEqual({
      read: 6,
      exported: 3,
      refused: 3,
      files: [
        { name: "facilita-RFD-001.csv", programme: "RFD", rows: 2 },
        { name: "facilita-SCD-001.csv", programme: "SCD", rows: 1 },
      ],
      byReason: { invalid_fiscal_code: 1, minor: 1, point_without_platform_id: 1 },
      refusalFile: "facilita-scarti.csv",
    });
    expect([...sink.files.keys()].sort()).toEqual([
      "facilita-RFD-001.csv",
      "facilita-SCD-001.csv",
      "facilita-scarti.csv",
    ]);
    expect(written).toEqual([
      { name: "facilita-RFD-001.csv", ids: ["ok-1", "ok-2"] },
      { name: "facilita-SCD-001.csv", ids: ["scd-1"] },
    ]);

    const rfdText = sink.files.get("facilita-RFD-001.csv") ?? "";
    expect(rfdText.startsWith(`${FACILITA_COLUMNS.join(",")}\r\n`)).toBe(true);
    expect(rfdText.charCodeAt(0)).not.toBe(0xfeff);
    const [header = [], ...data] = read(rfdText);
    expect(header).toEqual([...FACILITA_COLUMNS]);
    expect(data).toHaveLength(2);
    data.forEach((row, i) => {
      checkPlatformRow(header, row, i + 1);
    });
    const col = (row: string[] | undefined, name: string) => row?.[FACILITA_COLUMNS.indexOf(name as never)];
    expect(col(data[0], "SE7")).toBe("Ha detto: grazie, poi è andata via");
    expect(col(data[1], "SE3")).toBe("A:B");
    expect(col(data[1], "SE4")).toBe("B:D");
    expect(col(data[1], "SE5")).toBe("4:11");
    expect(col(data[1], "SE6")).toBe("S");
    expect(col(data[1], "AN8")).toBe("B");

    const [refusalHeader, ...refused] = read(sink.files.get("facilita-scarti.csv") ?? "");
    expect(refusalHeader).toEqual([...REFUSAL_COLUMNS]);
    expect(refused.map((line) => [line[0], line[5], line[6]])).toEqual([
      ["bad-cf", "invalid_fiscal_code", "AN3"],
      ["minor", "minor", "AN3"],
      ["no-sede", "point_without_platform_id", "IDSede"],
    ]);
    for (const line of refused) {
      expect(line[7]?.length).toBeGreaterThan(10);
      expect(line[8]?.length).toBeGreaterThan(10);
    }
    const reportText = sink.files.get("facilita-scarti.csv") ?? "";
    expect(reportText).not.toContain("RSSMRA85T10A562X");
    expect(reportText).not.toContain(minor);
  });

  it("splits more than 9,000 rows into numbered files", async () => {
    const sink = memorySink();
    const files: Array<{ name: string; count: number; first: string | undefined }> = [];
    const summary = await writeFacilitaExport(sampleRows(9_050, { firstDate: "2024-01-01" }), sink, {
      ...OPTIONS,
      onFileWritten: (file, ids) => {
        files.push({ name: file.name, count: ids.length, first: ids[0] });
      },
    });
    expect(summary.exported).toBe(9_050);
    expect(summary.refused).toBe(0);
    expect(summary.files).toEqual([
      { name: "facilita-RFD-001.csv", programme: "RFD", rows: 9_000 },
      { name: "facilita-RFD-002.csv", programme: "RFD", rows: 50 },
    ]);
    expect(files).toEqual([
      { name: "facilita-RFD-001.csv", count: 9_000, first: "rec-0" },
      { name: "facilita-RFD-002.csv", count: 50, first: "rec-9000" },
    ]);
    const first = read(sink.files.get("facilita-RFD-001.csv") ?? "");
    const second = read(sink.files.get("facilita-RFD-002.csv") ?? "");
    expect(first).toHaveLength(9_001);
    expect(second).toHaveLength(51);
    expect(second[0]).toEqual([...FACILITA_COLUMNS]);
    const header = first[0] ?? [];
    for (const [i, row] of [...first.slice(1, 200), ...second.slice(1)].entries()) checkPlatformRow(header, row, i + 1);
    // Every record in exactly one file.
    const ids = new Set([...first.slice(1), ...second.slice(1)].map((row) => row[FACILITA_COLUMNS.indexOf("AN3")]));
    expect(ids.size).toBe(9_050);
  });

  it("honours a smaller file size and keeps each programme in its own files", async () => {
    const sink = memorySink();
    const summary = await writeFacilitaExport(
      sampleRows(25, { programme: (i) => (i % 5 === 0 ? "SCD" : "RFD") }),
      sink,
      { ...OPTIONS, maxRowsPerFile: 10, filePrefix: "torino-2024-01" },
    );
    expect(summary.files.map((file) => [file.name, file.rows])).toEqual([
      ["torino-2024-01-RFD-001.csv", 10],
      ["torino-2024-01-RFD-002.csv", 10],
      ["torino-2024-01-SCD-001.csv", 5],
    ]);
    await expect(writeFacilitaExport([], sink, { ...OPTIONS, maxRowsPerFile: 9_001 })).rejects.toThrow(
      /maxRowsPerFile/,
    );
  });

  it("refuses the same citizen twice for the same service, keeping the first", async () => {
    const twice = [
      sampleRow({ record: { id: "first" } }),
      sampleRow({ record: { id: "second", durationMinutes: 20 } }),
      sampleRow({ record: { id: "other-type", serviceTypes: ["B"] } }),
      sampleRow({ record: { id: "next-day", date: "2025-03-11" } }),
    ];
    const sink = memorySink();
    const summary = await writeFacilitaExport(twice, sink, OPTIONS);
    expect(summary).toMatchObject({ exported: 3, refused: 1, byReason: { duplicate: 1 } });
    const refused = read(sink.files.get("facilita-scarti.csv") ?? "");
    expect(refused[1]?.slice(0, 1)).toEqual(["second"]);
    expect(refused[1]?.[5]).toBe("duplicate");
  });

  it("stops when rows are not ordered by date", async () => {
    const rows = [
      sampleRow({ record: { date: "2025-03-11" } }),
      sampleRow({ record: { id: "r2", date: "2025-03-10" } }),
    ];
    await expect(writeFacilitaExport(rows, memorySink(), OPTIONS)).rejects.toThrow(/ordered by service date/);
  });

  it("writes nothing for a period with no records", async () => {
    const sink = memorySink();
    expect(await writeFacilitaExport([], sink, OPTIONS)).toEqual({
      read: 0,
      exported: 0,
      refused: 0,
      files: [],
      byReason: {},
      refusalFile: null,
    });
    expect(sink.files.size).toBe(0);
  });

  it("waits for a slow destination without losing rows", async () => {
    const sink = memorySink(1);
    const summary = await writeFacilitaExport(sampleRows(300), sink, OPTIONS);
    expect(summary.exported).toBe(300);
    expect(read(sink.files.get("facilita-RFD-001.csv") ?? "")).toHaveLength(301);
  });

  it("fails when the destination fails", async () => {
    const failing: ExportSink = {
      create: () =>
        new Writable({
          write(_chunk, _encoding, done) {
            done(new Error("disk full"));
          },
        }),
    };
    await expect(writeFacilitaExport(sampleRows(50), failing, OPTIONS)).rejects.toThrow(/disk full/);
  });

  it("escapes spreadsheet formulas in the refusal report only", async () => {
    const sink = memorySink();
    await writeFacilitaExport(
      [sampleRow({ point: { name: "=HYPERLINK(1)", platformId: null }, record: { description: "=1+1" } })],
      sink,
      OPTIONS,
    );
    const line = read(sink.files.get("facilita-scarti.csv") ?? "")[1];
    expect(line?.[2]).toBe("'=HYPERLINK(1)");
  });
});

describe("directorySink", () => {
  let dir = "";
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("writes files into a folder and never overwrites one unless asked", async () => {
    dir = mkdtempSync(join(tmpdir(), "sportello-export-"));
    const target = join(dir, "out");
    await writeFacilitaExport(sampleRows(3), directorySink(target), OPTIONS);
    expect(readdirSync(target)).toEqual(["facilita-RFD-001.csv"]);
    expect(read(readFileSync(join(target, "facilita-RFD-001.csv"), "utf8"))).toHaveLength(4);
    await expect(writeFacilitaExport(sampleRows(3), directorySink(target), OPTIONS)).rejects.toThrow(/EEXIST/);
    await writeFacilitaExport(sampleRows(2), directorySink(target, { overwrite: true }), OPTIONS);
    expect(read(readFileSync(join(target, "facilita-RFD-001.csv"), "utf8"))).toHaveLength(3);
    expect(() => directorySink(target).create("../escape.csv")).toThrow(/not a plain file name/);
  });
});
