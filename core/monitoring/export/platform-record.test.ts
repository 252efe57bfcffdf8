import { describe, expect, it } from "vitest";
import { syntheticFiscalCode } from "../synthetic-fiscal-code.js";
import { FACILITA_COLUMNS, type FacilitaColumn, MANDATORY_COLUMNS } from "./columns.js";
import { cleanCell, cutText, type ExportRules, formatDuration, toPlatformRow } from "./platform-record.js";
import { type SampleRowOverrides, sampleRow } from "./sample-rows.js";

const RULES: ExportRules = { project: { start: "2023-01-01", end: "2026-06-30" } };

function cellsOf(overrides: SampleRowOverrides = {}, rules: Partial<ExportRules> = {}): Record<FacilitaColumn, string> {
  const result = toPlatformRow(sampleRow(overrides), { ...RULES, ...rules });
  if (!result.ok) throw new Error(`refused: ${result.refusals.map((r) => r.reason).join(", ")}`);
  expect(result.cells).toHaveLength(33);
  return Object.fromEntries(FACILITA_COLUMNS.map((column, i) => [column, result.cells[i] ?? ""])) as Record<
    FacilitaColumn,
    string
  >;
}

function reasonsOf(overrides: SampleRowOverrides = {}, rules: Partial<ExportRules> = {}): string[] {
  const result = toPlatformRow(sampleRow(overrides), { ...RULES, ...rules });
  if (result.ok) return [];
  for (const refusal of result.refusals) {
    expect(refusal.problem.length).toBeGreaterThan(10);
    expect(refusal.action.length).toBeGreaterThan(10);
  }
  return result.refusals.map((refusal) => (refusal.column ? `${refusal.reason}:${refusal.column}` : refusal.reason));
}

describe("toPlatformRow", () => {
  it("writes every column of a complete record", () => {
    const cf = syntheticFiscalCode({ birthDate: "1950-03-15", sex: "F" });
    expect(
      cellsOf({
        record: { serviceTypes: ["A", "B"], competences: [9, 4], publicServices: ["A", "C"], wouldReturn: ["A", "B"] },
        profile: {
          previousServices: ["D", "A"],
          heardFrom: ["M", "L"],
          reasons: ["G", "F"],
          interests: "Usare lo SPID",
        },
      }),
    ).toEqual({
      IDFacilitatore: "4521",
      NominativoFacilitatore: "Giulia Bianchi",
      IDSede: "10234",
      NominativoSede: "Biblioteca Civica Centrale",
      AN1: "ND",
      AN2: "ND",
      AN3: cf,
      AN4: "NO",
      AN5: "",
      AN6: "",
      AN7: "A",
      AN8: "C",
      AN9: "B",
      AN10: "G",
      AN11: "A",
      AN12: "TO",
      AN14: "",
      AN17: "",
      PR1: "SI",
      PR2: "A:D",
      SE1: "2025-03-10",
      SE2: "00:45",
      SE3: "A:B",
      SE4: "B",
      SE5: "4:9",
      SE6: "A:C",
      SE7: "Attivazione SPID e app IO",
      ES1: "L:M",
      ES2: "F:G",
      ES3: "A:B",
      ES4: "Usare lo SPID",
      ES5: "A",
      ES6: "5",
    });
  });

  it("derives the age band at the service date and the areas from the competences", () => {
    const turning75 = syntheticFiscalCode({ birthDate: "1950-03-11", sex: "M" });
    expect(cellsOf({ profile: { fiscalCode: turning75 } }).AN8).toBe("C");
    expect(cellsOf({ profile: { fiscalCode: turning75 }, record: { date: "2025-03-11" } }).AN8).toBe("D");
    const cells = cellsOf({ record: { competences: [13, 1, 11, 10], areas: ["B"] } });
    expect(cells.SE5).toBe("1:10:11:13");
    expect(cells.SE4).toBe("A:B:C:D:E");
  });

  it("writes 'none of these' for no public service, and drops it next to a real one", () => {
    expect(cellsOf({ record: { publicServices: [] } }).SE6).toBe("S");
    expect(cellsOf({ record: { publicServices: ["S", "D"] } }).SE6).toBe("D");
    expect(cellsOf({ record: { publicServices: ["S"] } }).SE6).toBe("S");
  });

  it("strips double quotes, joins lines, trims, and cuts SE7 and ES4 at 600 characters", () => {
    const long = `  "Primo" passo\r\n${"x".repeat(700)}`;
    const cells = cellsOf({
      record: { description: long },
      profile: { interests: `${"y".repeat(599)}😀 e altro`, province: '  "Torino" ' },
      facilitator: { name: ' Giulia  "Giuly"  Bianchi ' },
    });
    expect(cells.SE7.startsWith("Primo passo x")).toBe(true);
    expect(cells.SE7).toHaveLength(600);
    // The emoji (two UTF-16 units) would be cut in half: it goes whole.
    expect(cells.ES4).toBe("y".repeat(599));
    expect(cells.AN12).toBe("Torino");
    expect(cells.NominativoFacilitatore).toBe("Giulia Giuly Bianchi");
    for (const value of Object.values(cells)) expect(value).not.toContain('"');
  });

  it("uses the point's platform name when it has one", () => {
    expect(cellsOf({ point: { platformName: "BIBLIOTECA CIVICA - TO" } }).NominativoSede).toBe(
      "BIBLIOTECA CIVICA - TO",
    );
  });

  it("writes AN1 and AN2 as configured", () => {
    expect(cellsOf({}, { an1: "X", an2: (row) => `P${row.point.platformId}` })).toMatchObject({
      AN1: "X",
      AN2: "P10234",
    });
    expect(reasonsOf({}, { an1: "  " })).toEqual(["missing_answer:AN1"]);
  });

  it("takes the gender from the codice fiscale when the profile does not say it", () => {
    expect(cellsOf({ profile: { gender: null } }).AN7).toBe("A");
    expect(cellsOf({ profile: { gender: "D" } }).AN7).toBe("D");
    const man = syntheticFiscalCode({ birthDate: "1960-01-01", sex: "M" });
    expect(cellsOf({ profile: { gender: null, fiscalCode: man } }).AN7).toBe("B");
  });

  it("refuses an invalid codice fiscale, saying which part is wrong", () => {
    const good = syntheticFiscalCode({ birthDate: "1950-03-15", sex: "F" });
    const wrongCheck = `${good.slice(0, 15)}${good.endsWith("A") ? "B" : "A"}`;
    const result = toPlatformRow(sampleRow({ profile: { fiscalCode: wrongCheck } }), RULES);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.refusals).toHaveLength(1);
    expect(result.refusals[0]).toMatchObject({ reason: "invalid_fiscal_code", column: "AN3" });
    expect(result.refusals[0]?.problem).toMatch(/controllo/);
    expect(result.refusals[0]?.problem).not.toContain(wrongCheck);
    expect(reasonsOf({ profile: { fiscalCode: "RSSMRA85B30A562X" } })).toEqual(["invalid_fiscal_code:AN3"]);
  });

  it("refuses a minor unless minors are enabled", () => {
    const seventeen = syntheticFiscalCode({ birthDate: "2007-03-11", sex: "M" });
    expect(reasonsOf({ profile: { fiscalCode: seventeen } })).toEqual(["minor:AN3"]);
    expect(cellsOf({ profile: { fiscalCode: seventeen } }, { minorsEnabled: true }).AN8).toBe("E");
    // Eighteen on the service date: exported.
    expect(cellsOf({ profile: { fiscalCode: syntheticFiscalCode({ birthDate: "2007-03-10", sex: "M" }) } }).AN8).toBe(
      "A",
    );
    const thirteen = syntheticFiscalCode({ birthDate: "2011-06-01", sex: "M" });
    // Read on 2025-03-10, "11" is 2011 only if that made them 14: they are 13, so 1911, over 100.
    expect(cellsOf({ profile: { fiscalCode: thirteen } }).AN8).toBe("D");
  });

  it("handles citizens with only an ID document", () => {
    const documentOnly = { fiscalCode: null, document: { type: "C", number: " ya-123 4567 " }, ageBand: "B" } as const;
    expect(reasonsOf({ profile: documentOnly })).toEqual(["document_only:AN3"]);
    const cells = cellsOf({ profile: documentOnly }, { exportDocumentOnly: true });
    expect(cells).toMatchObject({ AN3: "", AN4: "SI", AN5: "C", AN6: "YA1234567", AN8: "B", AN7: "A" });
    expect(reasonsOf({ profile: { ...documentOnly, ageBand: null } }, { exportDocumentOnly: true })).toEqual([
      "missing_answer:AN8",
    ]);
    expect(reasonsOf({ profile: { ...documentOnly, ageBand: "E" } }, { exportDocumentOnly: true })).toEqual([
      "minor:AN8",
    ]);
    expect(reasonsOf({ profile: { ...documentOnly, document: { type: "C", number: "#" } } })).toEqual([
      "invalid_document_number:AN6",
    ]);
    expect(reasonsOf({ profile: { ...documentOnly, gender: null } }, { exportDocumentOnly: true })).toEqual([
      "missing_answer:AN7",
    ]);
  });

  it("refuses a citizen with neither codice fiscale nor document, or no profile, or erased", () => {
    expect(reasonsOf({ profile: { fiscalCode: null, document: null } })).toEqual(["no_identity:AN3"]);
    expect(reasonsOf({ profile: { fiscalCode: "  ", document: null } })).toEqual(["no_identity:AN3"]);
    expect(reasonsOf({ profile: null })).toEqual(["no_profile"]);
    expect(reasonsOf({ citizen: { erased: true }, point: { platformId: null } })).toEqual(["erased"]);
  });

  it("refuses missing or unknown answers, naming the field", () => {
    expect(reasonsOf({ profile: { education: null } })).toEqual(["missing_answer:AN9"]);
    expect(reasonsOf({ profile: { employment: "", citizenship: null, province: " " } })).toEqual([
      "missing_answer:AN10",
      "missing_answer:AN11",
      "missing_answer:AN12",
    ]);
    expect(reasonsOf({ profile: { gender: "F" } })).toEqual(["invalid_answer:AN7"]);
    expect(reasonsOf({ profile: { heardFrom: ["Z"] } })).toEqual(["invalid_answer:ES1"]);
    expect(reasonsOf({ record: { rating: 7 } })).toEqual(["invalid_answer:ES6"]);
    expect(reasonsOf({ record: { competences: [14] } })).toEqual(["invalid_answer:SE5"]);
    expect(cellsOf({ record: { rating: null } }).ES6).toBe("");
    expect(cellsOf({ profile: { firstTime: false } }).PR1).toBe("NO");
    expect(cellsOf({ profile: { firstTime: null } }).PR1).toBe("");
  });

  it("refuses a point or facilitator without its platform id, and ids that are not numbers", () => {
    expect(reasonsOf({ point: { platformId: null } })).toEqual(["point_without_platform_id:IDSede"]);
    expect(reasonsOf({ facilitator: { platformId: " " } })).toEqual(["facilitator_without_platform_id:IDFacilitatore"]);
    expect(reasonsOf({ point: { platformId: "TO-01" } })).toEqual(["invalid_platform_id:IDSede"]);
    const result = toPlatformRow(sampleRow({ point: { platformId: null } }), RULES);
    expect(!result.ok && result.refusals[0]?.problem).toContain("Biblioteca Civica Centrale");
    expect(reasonsOf({ facilitator: { name: "  " } })).toEqual(["missing_name:NominativoFacilitatore"]);
  });

  it("refuses dates outside the project and durations the platform cannot read", () => {
    expect(reasonsOf({ record: { date: "2022-12-31" } })).toEqual(["date_outside_project:SE1"]);
    expect(reasonsOf({ record: { date: "2026-07-01" } })).toEqual(["date_outside_project:SE1"]);
    expect(cellsOf({ record: { date: "2023-01-01" } }).SE1).toBe("2023-01-01");
    expect(cellsOf({ record: { date: "2026-06-30" } }).SE1).toBe("2026-06-30");
    expect(reasonsOf({ record: { date: "2025-02-30" } })).toEqual(["invalid_date:SE1"]);
    expect(reasonsOf({ record: { durationMinutes: 0 } })).toEqual(["invalid_duration:SE2"]);
    expect(reasonsOf({ record: { serviceTypes: [] } })).toEqual(["missing_service_type:SE3"]);
    expect(reasonsOf({ record: { competences: [] } })).toEqual(["missing_competences:SE5"]);
  });

  it("lists every problem of a record at once", () => {
    expect(
      reasonsOf({
        point: { platformId: null },
        facilitator: { platformId: null },
        record: { date: "2020-01-01" },
        profile: { education: null },
      }),
    ).toEqual([
      "facilitator_without_platform_id:IDFacilitatore",
      "point_without_platform_id:IDSede",
      "date_outside_project:SE1",
      "missing_answer:AN9",
    ]);
  });

  it("gives the same duplicate key for the same citizen, point, day and service type only", () => {
    const key = (overrides: SampleRowOverrides) => {
      const result = toPlatformRow(sampleRow(overrides), RULES);
      return result.ok ? result.duplicateKey : null;
    };
    const base = key({});
    expect(base).not.toBeNull();
    expect(key({ record: { id: "other", durationMinutes: 30, competences: [4] } })).toBe(base);
    expect(key({ record: { date: "2025-03-11" } })).not.toBe(base);
    expect(key({ record: { serviceTypes: ["B"] } })).not.toBe(base);
    expect(key({ point: { platformId: "999" } })).not.toBe(base);
    expect(key({ profile: { fiscalCode: syntheticFiscalCode({ birthDate: "1950-03-16", sex: "F" }) } })).not.toBe(base);
  });
});

describe("cell helpers", () => {
  it("format durations as exactly five characters", () => {
    expect(formatDuration(1)).toBe("00:01");
    expect(formatDuration(90)).toBe("01:30");
    expect(formatDuration(600)).toBe("10:00");
    expect(formatDuration(99 * 60 + 59)).toBe("99:59");
    expect(formatDuration(100 * 60)).toBeNull();
    expect(formatDuration(0)).toBeNull();
    expect(formatDuration(1.5)).toBeNull();
    expect(formatDuration(Number.NaN)).toBeNull();
  });

  it("clean and cut text", () => {
    expect(cleanCell(' a  "b"\n\tc ')).toBe("a b c");
    expect(cutText("abc", 2)).toBe("ab");
    expect(cutText("a 😀", 3)).toBe("a");
    expect(cutText("short")).toBe("short");
  });
});

describe("columns", () => {
  it("are the 33 of the platform, with exactly its mandatory ones", () => {
    expect(FACILITA_COLUMNS.join(",")).toBe(
      "IDFacilitatore,NominativoFacilitatore,IDSede,NominativoSede,AN1,AN2,AN3,AN4,AN5,AN6,AN7,AN8,AN9,AN10,AN11,AN12,AN14,AN17,PR1,PR2,SE1,SE2,SE3,SE4,SE5,SE6,SE7,ES1,ES2,ES3,ES4,ES5,ES6",
    );
    expect(MANDATORY_COLUMNS.join(", ")).toBe(
      "IDFacilitatore, NominativoFacilitatore, IDSede, NominativoSede, AN1, AN2, AN3, AN4, AN7, AN8, AN9, AN10, AN11, AN12, SE1, SE2, SE3, SE4, SE5, SE6",
    );
  });
});
