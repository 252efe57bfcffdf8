/**
 * Synthetic export rows for tests, the benchmark and (part B) demo data: valid by default, every
 * part overridable. The codici fiscali are synthetic (letters "DMODMO").
 */
import { addDays } from "../../time/local-date.js";
import { syntheticFiscalCode } from "../synthetic-fiscal-code.js";
import type { ExportRow, MonitoringProfile, ServiceRecordForExport } from "./export-row.js";

export function sampleProfile(overrides: Partial<MonitoringProfile> = {}): MonitoringProfile {
  return {
    fiscalCode: syntheticFiscalCode({ birthDate: "1950-03-15", sex: "F" }),
    document: null,
    gender: "A",
    ageBand: null,
    education: "B",
    employment: "G",
    citizenship: "A",
    province: "TO",
    firstTime: true,
    previousServices: [],
    heardFrom: ["L"],
    reasons: ["G"],
    interests: null,
    problemSolving: ["A"],
    ...overrides,
  };
}

export interface SampleRowOverrides {
  record?: Partial<ServiceRecordForExport>;
  citizen?: Partial<ExportRow["citizen"]>;
  profile?: Partial<MonitoringProfile> | null;
  facilitator?: Partial<ExportRow["facilitator"]>;
  point?: Partial<ExportRow["point"]>;
}

export function sampleRow(overrides: SampleRowOverrides = {}): ExportRow {
  return {
    record: {
      id: "rec-1",
      date: "2025-03-10",
      durationMinutes: 45,
      serviceTypes: ["A"],
      areas: [],
      competences: [9],
      publicServices: ["A"],
      description: "Attivazione SPID e app IO",
      programme: "RFD",
      rating: 5,
      wouldReturn: ["A"],
      ...overrides.record,
    },
    citizen: {
      id: "cit-1",
      erased: false,
      profile: overrides.profile === null ? null : sampleProfile(overrides.profile),
      ...overrides.citizen,
    },
    facilitator: { id: "fac-1", name: "Giulia Bianchi", platformId: "4521", ...overrides.facilitator },
    point: {
      id: "pt-1",
      name: "Biblioteca Civica Centrale",
      platformName: null,
      platformId: "10234",
      ...overrides.point,
    },
  };
}

/**
 * `count` distinct valid rows, `perDay` per day from `firstDate`, generated lazily (nothing is kept):
 * each row a different citizen, so none is a duplicate.
 */
export async function* sampleRows(
  count: number,
  options: { firstDate?: string; perDay?: number; programme?: (i: number) => "RFD" | "SCD" } = {},
): AsyncGenerator<ExportRow> {
  const firstDate = options.firstDate ?? "2024-01-01";
  const perDay = options.perDay ?? 200;
  for (let i = 0; i < count; i++) {
    const birthDate = addDays("1940-01-01", i % 20_000);
    yield sampleRow({
      record: {
        id: `rec-${i}`,
        date: addDays(firstDate, Math.floor(i / perDay)),
        competences: [(i % 13) + 1],
        programme: options.programme?.(i) ?? "RFD",
        description: i % 7 === 0 ? `Aiuto con "PEC", email e\nvideochiamate n. ${i}` : null,
      },
      citizen: { id: `cit-${i}` },
      profile: {
        fiscalCode: syntheticFiscalCode({
          birthDate,
          sex: i % 2 === 0 ? "F" : "M",
          // A different municipality per 20,000 rows keeps every code distinct.
          municipality: `L${String(219 + Math.floor(i / 20_000)).padStart(3, "0")}`,
        }),
      },
    });
  }
}
