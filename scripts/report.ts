/**
 * `npm run report -- --month YYYY-MM [--point ID] [--out DIR]`: the month's monitoring figures and
 * the project's so far (per point, organisation, overall) and each point's progress against its
 * milestones, printed as tables; writes report-YYYY-MM.csv and report-YYYY-MM.svg (the progress
 * chart) into DIR (default: the current folder).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { stringify } from "csv-stringify/sync";
import { type Config, loadConfig } from "../app/config.js";
import { isSportelloError } from "../core/errors.js";
import { progressChartSvg } from "../core/monitoring/progress-chart.js";
import { REPORT_CSV_COLUMNS, reportCsvRows } from "../core/monitoring/report-csv.js";
import { monthlyReport } from "../core/monitoring/report-service.js";
import { renderFiguresTable, renderProgressTable } from "../core/monitoring/report-table.js";
import { type CliOutput, runAsCommand, withCliDatabase } from "./cli-support.js";
import { cliCoreDeps, findPoint, parseCliOptions } from "./monitoring-cli-support.js";

const USAGE = `Uso: npm run report -- --month AAAA-MM [--point CODICE] [--out CARTELLA]

Stampa i numeri del monitoraggio del mese e del progetto fin qui, e l'andamento di ogni punto
rispetto ai suoi traguardi. Scrive report-AAAA-MM.csv e report-AAAA-MM.svg (il grafico).

  --month   il mese, per esempio 2025-03
  --point   solo il punto con questo codice (o id)
  --out     la cartella dei file (predefinita: quella corrente)
  --help    mostra questo aiuto
`;

export async function runReport(
  args: readonly string[],
  output: CliOutput,
  config: () => Config = () => loadConfig(),
): Promise<number> {
  const parsed = parseCliOptions(
    args,
    { month: { type: "string" }, point: { type: "string" }, out: { type: "string" } },
    USAGE,
    output,
  );
  if ("exit" in parsed) return parsed.exit;
  const values = parsed.values;
  const month = values.month;
  if (!month || !/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) {
    output.err(`Serve --month, scritto AAAA-MM (per esempio 2025-03).\n\n${USAGE}`);
    return 2;
  }
  const settings = config();
  return withCliDatabase(settings, output, "Report non riuscito", async (db) => {
    let point: { id: string; name: string } | null = null;
    if (values.point) {
      point = await findPoint(db, values.point);
      if (!point) {
        output.err(`Non trovo il punto «${values.point}». Vedi i codici con npm run points:list.\n`);
        return 2;
      }
    }
    let report: Awaited<ReturnType<typeof monthlyReport>>;
    try {
      report = await monthlyReport(cliCoreDeps(db, settings), settings.monitoring, {
        month,
        ...(point ? { pointId: point.id } : {}),
      });
    } catch (error) {
      if (isSportelloError(error) && error.code === "validation") {
        output.err(`${error.userMessage}\n`);
        return 2;
      }
      throw error;
    }
    const lines: string[] = [];
    lines.push(`Monitoraggio, ${month}${point ? `, ${point.name}` : ""}`, "");
    if (report.empty) lines.push(`Nessun servizio, corso o assenza registrati nel mese ${month}.`, "");
    else lines.push(renderFiguresTable(report.figures, report.names, report.courseHoursDue.month), "");
    lines.push("Progetto fin qui", renderFiguresTable(report.soFar, report.names, report.courseHoursDue.soFar), "");
    lines.push(`Traguardi al ${report.asOf}`, renderProgressTable(report.progress), "");
    for (const row of report.progress) lines.push(`${row.name}: ${row.progress.message}`);

    const directory = values.out ?? ".";
    mkdirSync(directory, { recursive: true });
    const base = `report-${month}${values.point ? `-${values.point.replace(/[^A-Za-z0-9_-]/g, "_")}` : ""}`;
    const csvPath = join(directory, `${base}.csv`);
    const svgPath = join(directory, `${base}.svg`);
    writeFileSync(
      csvPath,
      stringify(reportCsvRows(report), { header: true, columns: [...REPORT_CSV_COLUMNS], record_delimiter: "windows" }),
    );
    writeFileSync(
      svgPath,
      progressChartSvg(report.progress, {
        title: `Cittadini raggiunti rispetto ai traguardi, al ${report.asOf}`,
        asOf: report.asOf,
      }),
    );
    lines.push("", `Scritti: ${csvPath}, ${svgPath}`);
    output.out(`${lines.join("\n")}\n`);
    return 0;
  });
}

await runAsCommand(import.meta.url, runReport);
