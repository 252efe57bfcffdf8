import type { CoursesImportOutcome } from "./import-courses.js";
import type { ImportProblem } from "./parse-courses.js";

const ACTION: Record<string, string> = {
  created: "creata",
  updated: "aggiornata",
  moved: "spostata",
  cancelled: "annullata",
  unchanged: "invariata",
};

function problemLine(p: ImportProblem): string {
  const where = [p.line === null ? null : `riga ${p.line}`, p.column ? `colonna ${p.column}` : null]
    .filter(Boolean)
    .join(", ");
  return `  - ${where ? `${where}: ` : ""}${p.message}`;
}

/** The report of courses:import, in Italian: refusals per row, or what each row did (or would do). */
export function formatCoursesReport(input: {
  source: string;
  dryRun: boolean;
  problems: readonly ImportProblem[];
  outcome?: CoursesImportOutcome;
}): string {
  const lines = [`File: ${input.source}${input.dryRun ? " (prova: --dry-run)" : ""}`];
  const problems = input.problems.length > 0 ? input.problems : (input.outcome?.problems ?? []);
  if (problems.length > 0) {
    const rowsWith = new Set(problems.map((p) => p.line)).size;
    lines.push(
      `FILE RIFIUTATO: ${problems.length} ${problems.length === 1 ? "problema" : "problemi"} in ${rowsWith} ${rowsWith === 1 ? "riga" : "righe"}. Nessuna modifica è stata scritta.`,
      ...problems.map(problemLine),
    );
    return `${lines.join("\n")}\n`;
  }
  const outcome = input.outcome;
  if (!outcome) return `${lines.join("\n")}\n`;
  for (const row of outcome.rows) {
    const told = row.told > 0 ? ` (${row.told} ${row.told === 1 ? "persona avvisata" : "persone avvisate"})` : "";
    lines.push(
      `  riga ${row.line}: corso ${row.course}, sessione ${row.session}: ${ACTION[row.action] ?? row.action}${told}`,
    );
  }
  const count = (action: string) => outcome.rows.filter((r) => r.action === action).length;
  const summary = `${count("created")} create, ${count("updated")} aggiornate, ${count("moved")} spostate, ${count("cancelled")} annullate, ${count("unchanged")} invariate`;
  lines.push(input.dryRun ? `PROVA: nulla è stato scritto. Sessioni: ${summary}.` : `FATTO. Sessioni: ${summary}.`);
  return `${lines.join("\n")}\n`;
}
