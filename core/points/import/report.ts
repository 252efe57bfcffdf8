/** The plain-text report an operator reads after `npm run points:import`. Italian, like the file. */
import { LIMITS } from "./columns.js";
import { formatNote, type ImportNote } from "./notes.js";
import type { ImportOutcome, PointOutcome } from "./outcome.js";
import type { PointsCsvResult } from "./parse-points.js";

export interface ImportReportInput {
  /** The file as the operator named it. */
  source: string;
  dryRun: boolean;
  parsed: PointsCsvResult;
  /** Missing when the file was refused before reaching the database. */
  outcome?: ImportOutcome;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function noteLines(title: string, notes: readonly ImportNote[], limit: number): string[] {
  if (notes.length === 0) return [];
  const lines = [``, `${title} (${notes.length}):`, ...notes.slice(0, limit).map((n) => `  ${formatNote(n)}`)];
  if (notes.length > limit) lines.push(`  … e altri ${notes.length - limit}`);
  return lines;
}

function statusText(point: PointOutcome, dryRun: boolean): string {
  switch (point.status) {
    case "created":
      return `${dryRun ? "da creare" : "creato"} (${plural(point.sites, "sede", "sedi")})`;
    case "updated":
      return `${dryRun ? "da aggiornare" : "aggiornato"}: ${point.changes.join(", ")}`;
    default:
      return "invariato";
  }
}

const MARK = { created: "+", updated: "~", unchanged: "=" } as const;

export function formatImportReport(input: ImportReportInput): string {
  const { parsed, outcome, dryRun } = input;
  const lines = [`Import dei punti da ${input.source}${dryRun ? " (prova, --dry-run)" : ""}`];
  if (parsed.ok) {
    const delimiter = parsed.delimiter === "\t" ? "tabulazione" : `"${parsed.delimiter}"`;
    lines.push(
      `File: ${plural(parsed.rows, "riga", "righe")} di dati, separatore ${delimiter}, ${parsed.encoding === "utf-8" ? "UTF-8" : "Windows-1252"}; ${plural(parsed.points.length, "punto", "punti")}.`,
    );
  }
  const problems = parsed.ok ? (outcome?.problems ?? []) : parsed.problems;
  const warnings = [...parsed.warnings, ...(outcome?.warnings ?? [])];

  if (problems.length > 0 || !outcome) {
    const rows = new Set(problems.map((p) => p.line)).size;
    lines.push(
      ``,
      `FILE RIFIUTATO: ${plural(problems.length, "problema", "problemi")}${rows > 0 ? ` in ${plural(rows, "riga", "righe")}` : ""}. Nessuna modifica è stata scritta.`,
      ...noteLines("Problemi", problems, LIMITS.maxProblems),
      ...noteLines("Avvisi", warnings, LIMITS.maxProblems),
      ``,
      `Correggi il file e rilancia; con --dry-run controlli il file senza scrivere nulla.`,
    );
    return `${lines.join("\n")}\n`;
  }

  const width = Math.max(...outcome.points.map((p) => p.code.length), 6);
  const nameWidth = Math.min(Math.max(...outcome.points.map((p) => p.name.length), 4), 45);
  const cut = (text: string) => (text.length > nameWidth ? `${text.slice(0, nameWidth - 1)}…` : text);
  lines.push(
    ``,
    `Punti:`,
    ...outcome.points.map(
      (p) => `  ${MARK[p.status]} ${p.code.padEnd(width)}  ${cut(p.name).padEnd(nameWidth)}  ${statusText(p, dryRun)}`,
    ),
  );
  const count = (status: PointOutcome["status"]) => outcome.points.filter((p) => p.status === status).length;
  const s = outcome.sites;
  const verb = dryRun ? "da creare" : "creati";
  lines.push(
    ``,
    `Punti: ${count("created")} ${dryRun ? "da creare" : "nuovi"}, ${count("updated")} ${dryRun ? "da aggiornare" : "aggiornati"}, ${count("unchanged")} invariati.`,
    `Sedi: ${s.created} ${dryRun ? "da creare" : "nuove"}, ${s.updated} ${dryRun ? "da aggiornare" : "aggiornate"}, ${s.removed} ${dryRun ? "da togliere" : "tolte"}, ${s.unchanged} invariate.`,
    outcome.organisationsCreated.length > 0
      ? `Enti ${verb}: ${outcome.organisationsCreated.length} (${outcome.organisationsCreated.join(", ")}).`
      : `Enti ${verb}: nessuno.`,
    ...noteLines("Avvisi", warnings, LIMITS.maxProblems),
    ``,
    dryRun
      ? `Prova riuscita: il file è valido. Nessuna modifica è stata scritta; rilancia senza --dry-run per importarlo.`
      : count("created") + count("updated") === 0
        ? `Import completato: nessuna modifica, il database era già aggiornato.`
        : `Import completato: modifiche scritte.`,
  );
  return `${lines.join("\n")}\n`;
}
