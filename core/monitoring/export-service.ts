/**
 * The national platform's files for a period (`npm run export:facilita`): rows streamed from the
 * repository ordered by service date, identifiers opened one row at a time (and only here),
 * written by `writeFacilitaExport`; each complete file's records are marked exported with this
 * run's batch id, so the next export skips them, unless `again` asks for a re-export.
 */
import { randomUUID } from "node:crypto";
import type { LocalDate } from "../points/types.js";
import type { CoreDeps } from "../ports.js";
import { isLocalDate } from "../time/local-date.js";
import { validationError } from "../time/validation-error.js";
import type { ExportSink } from "./export/csv-output.js";
import type { ExportRow } from "./export/export-row.js";
import { type ExportSummary, writeFacilitaExport } from "./export/export-writer.js";
import { unseal } from "./identifier-crypto.js";
import type { SealedExportRow } from "./ports.js";
import type { MonitoringSettings } from "./settings.js";

export interface FacilitaExportRequest {
  from: LocalDate;
  to: LocalDate;
  pointId?: string;
  /** Include records already exported (they keep their first batch id). */
  again?: boolean;
  sink: ExportSink;
  /** For tests; default 9,000. */
  maxRowsPerFile?: number;
}

export interface FacilitaExportResult extends ExportSummary {
  batchId: string;
  /** Records newly marked exported (a re-export marks none twice). */
  marked: number;
}

/** Opens the sealed identifiers of one row; the plain values live only in the returned object. */
export function openRow(row: SealedExportRow, settings: Pick<MonitoringSettings, "protection">): ExportRow {
  const profile = row.citizen.profile;
  if (!profile) return { ...row, citizen: { ...row.citizen, profile: null } };
  const { fiscalCodeSealed, document, ...answers } = profile;
  const ring = settings.protection.ring;
  return {
    ...row,
    citizen: {
      ...row.citizen,
      profile: {
        ...answers,
        fiscalCode: fiscalCodeSealed ? unseal(ring, fiscalCodeSealed, "fiscal_code") : null,
        document: document ? { type: document.type, number: unseal(ring, document.sealed, "document_number") } : null,
      },
    },
  };
}

async function* opened(rows: AsyncIterable<SealedExportRow>, settings: MonitoringSettings): AsyncGenerator<ExportRow> {
  for await (const row of rows) yield openRow(row, settings);
}

export async function exportForFacilita(
  deps: Pick<CoreDeps, "repos" | "clock">,
  settings: MonitoringSettings,
  request: FacilitaExportRequest,
): Promise<FacilitaExportResult> {
  if (!isLocalDate(request.from) || !isLocalDate(request.to)) {
    throw validationError("exportForFacilita: dates must be YYYY-MM-DD", "Le date vanno scritte così: 2025-03-31.");
  }
  if (request.from > request.to) {
    throw validationError("exportForFacilita: from after to", "La data di inizio viene dopo quella di fine.");
  }
  const batchId = randomUUID();
  let marked = 0;
  const rows = deps.repos.monitoring.exportRows({
    from: request.from,
    to: request.to,
    ...(request.pointId ? { pointId: request.pointId } : {}),
    again: request.again ?? false,
  });
  const summary = await writeFacilitaExport(opened(rows, settings), request.sink, {
    project: settings.project,
    an1: settings.an1,
    an2: settings.an2,
    minorsEnabled: settings.minorsEnabled,
    exportDocumentOnly: settings.exportDocumentOnly,
    ...(request.maxRowsPerFile ? { maxRowsPerFile: request.maxRowsPerFile } : {}),
    onFileWritten: async (_file, recordIds) => {
      marked += await deps.repos.monitoring.markExported(recordIds, batchId, deps.clock.now());
    },
  });
  return { ...summary, batchId, marked };
}
