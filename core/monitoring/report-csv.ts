/** The monthly report's figures as CSV rows (for a spreadsheet): one line per scope, month and so far. */
import type { ScopeFigures } from "./counting/figures.js";
import type { MonitoringReport } from "./report-service.js";

export const REPORT_CSV_COLUMNS = [
  "Periodo",
  "Dal",
  "Al",
  "Ambito",
  "Id",
  "Nome",
  "Cittadini unici",
  "Servizi",
  "Ore di facilitazione",
  "Ore di corsi",
  "Ore di corsi dovute",
  "Assenze",
  "Voti",
  "Voto medio",
  "SCD cittadini unici",
  "SCD servizi",
  "SCD ore di facilitazione",
  "Obiettivo cittadini",
  "Attesi a questa data",
  "Stato",
] as const;

const hours = (minutes: number) => (minutes / 60).toFixed(1);

export function reportCsvRows(report: MonitoringReport): string[][] {
  const rows: string[][] = [];
  const progress = new Map(report.progress.map((row) => [row.pointId, row.progress]));
  const add = (label: string, figures: MonitoringReport["figures"], due: Map<string, number>): void => {
    const line = (scope: string, id: string, name: string, f: ScopeFigures, dueHours: number | undefined) => {
      const p = scope === "punto" ? progress.get(id) : undefined;
      rows.push([
        label,
        figures.period.from,
        figures.period.to,
        scope,
        id,
        name,
        String(f.rfd.uniqueCitizens),
        String(f.rfd.services),
        hours(f.rfd.facilitationMinutes),
        hours(f.courseMinutes),
        dueHours === undefined ? "" : dueHours.toFixed(1),
        String(f.noShows),
        String(f.rfd.ratings),
        f.rfd.averageRating === null ? "" : f.rfd.averageRating.toFixed(2),
        String(f.scd.uniqueCitizens),
        String(f.scd.services),
        hours(f.scd.facilitationMinutes),
        p && p.status !== "no_target" ? String(p.target) : "",
        p && p.status !== "no_target" ? String(Math.floor(p.expected)) : "",
        p ? p.status : "",
      ]);
    };
    for (const [id, f] of figures.points) line("punto", id, report.names.points.get(id) ?? id, f, due.get(id));
    for (const [id, f] of figures.organisations)
      line("ente", id, report.names.organisations.get(id) ?? id, f, undefined);
    line("totale", "", "Totale", figures.overall, undefined);
  };
  add("mese", report.figures, report.courseHoursDue.month);
  add("progetto", report.soFar, report.courseHoursDue.soFar);
  return rows;
}
