/**
 * `npm run export:facilita -- --from YYYY-MM-DD --to YYYY-MM-DD --out DIR [--point ID] [--again]`:
 * writes the national monitoring platform's bulk-upload files (facilita-RFD-001.csv…, at most
 * 9,000 rows each, RFD and SCD apart) and facilita-scarti.csv with the records that could not be
 * exported, why, and what to do. Exported records are marked and skipped next time; --again
 * writes them again.
 */
import { type Config, loadConfig } from "../app/config.js";
import { isSportelloError } from "../core/errors.js";
import { directorySink } from "../core/monitoring/export/directory-sink.js";
import type { RefusalReason } from "../core/monitoring/export/refusals.js";
import { exportForFacilita } from "../core/monitoring/export-service.js";
import { wholeNumber } from "../core/monitoring/format.js";
import { isLocalDate } from "../core/time/local-date.js";
import { type CliOutput, runAsCommand, withCliDatabase } from "./cli-support.js";
import { cliCoreDeps, findPoint, parseCliOptions } from "./monitoring-cli-support.js";

const USAGE = `Uso: npm run export:facilita -- --from AAAA-MM-GG --to AAAA-MM-GG --out CARTELLA [--point CODICE] [--again]

Scrive i file CSV per il caricamento massivo sulla piattaforma di monitoraggio nazionale.

  --from, --to   il periodo (date dei servizi, comprese)
  --out          la cartella dei file (creata se manca; un file già presente non viene sovrascritto)
  --point        solo il punto con questo codice (o id)
  --again        scrive anche i servizi già esportati (ri-esportazione su richiesta)
  --help         mostra questo aiuto
`;

const REASON_WORDS: Partial<Record<RefusalReason, string>> = {
  erased: "dati cancellati su richiesta",
  no_profile: "manca il profilo del cittadino",
  no_identity: "né codice fiscale né documento",
  document_only: "solo documento (da registrare a mano)",
  invalid_fiscal_code: "codice fiscale non valido",
  invalid_document_number: "numero di documento non valido",
  minor: "persona minorenne",
  missing_answer: "risposte mancanti",
  invalid_answer: "risposte non valide",
  point_without_platform_id: "punto senza id della piattaforma",
  facilitator_without_platform_id: "facilitatore senza id della piattaforma",
  invalid_platform_id: "id della piattaforma non valido",
  missing_name: "nome mancante",
  invalid_date: "data non valida",
  date_outside_project: "data fuori dal progetto",
  invalid_duration: "durata non valida",
  missing_service_type: "tipo di servizio mancante",
  missing_competences: "competenze mancanti",
  duplicate: "stesso cittadino, stesso servizio",
};

export async function runExportFacilita(
  args: readonly string[],
  output: CliOutput,
  config: () => Config = () => loadConfig(),
): Promise<number> {
  const parsed = parseCliOptions(
    args,
    {
      from: { type: "string" },
      to: { type: "string" },
      out: { type: "string" },
      point: { type: "string" },
      again: { type: "boolean" },
    },
    USAGE,
    output,
  );
  if ("exit" in parsed) return parsed.exit;
  const values = parsed.values;
  const { from, to, out } = values;
  if (!from || !to || !out) {
    output.err(`Servono --from, --to e --out.\n\n${USAGE}`);
    return 2;
  }
  if (!isLocalDate(from) || !isLocalDate(to)) {
    output.err("Le date vanno scritte AAAA-MM-GG ed essere vere, per esempio 2025-03-31.\n");
    return 2;
  }
  if (from > to) {
    output.err("La data di --from viene dopo quella di --to.\n");
    return 2;
  }
  const settings = config();
  return withCliDatabase(settings, output, "Esportazione non riuscita", async (db) => {
    let pointId: string | undefined;
    if (values.point) {
      const point = await findPoint(db, values.point);
      if (!point) {
        output.err(`Non trovo il punto «${values.point}». Vedi i codici con npm run points:list.\n`);
        return 2;
      }
      pointId = point.id;
    }
    try {
      const result = await exportForFacilita(cliCoreDeps(db, settings), settings.monitoring, {
        from,
        to,
        ...(pointId ? { pointId } : {}),
        again: values.again ?? false,
        sink: directorySink(out),
      });
      const lines = [
        `Esportazione ${result.batchId}: dal ${from} al ${to}${values.again ? " (ri-esportazione)" : ""}.`,
      ];
      if (result.read === 0) {
        lines.push(
          values.again
            ? "Nessun servizio registrato in questo periodo."
            : "Nessun servizio da esportare in questo periodo (forse sono già stati esportati: usa --again).",
        );
      }
      for (const file of result.files)
        lines.push(`  ${out}/${file.name}: ${wholeNumber(file.rows)} righe (${file.programme})`);
      lines.push(
        `Letti ${wholeNumber(result.read)}, esportati ${wholeNumber(result.exported)}, scartati ${wholeNumber(result.refused)}; segnati come esportati ${wholeNumber(result.marked)}.`,
      );
      if (result.refusalFile) {
        lines.push(`Scarti, con cosa fare per ognuno: ${out}/${result.refusalFile}`);
        for (const [reason, count] of Object.entries(result.byReason)) {
          lines.push(`  ${wholeNumber(count ?? 0)} × ${REASON_WORDS[reason as RefusalReason] ?? reason}`);
        }
      }
      output.out(`${lines.join("\n")}\n`);
      return 0;
    } catch (error) {
      if (isSportelloError(error) && error.code === "validation") {
        output.err(`${error.userMessage}\n`);
        return 2;
      }
      if ((error as NodeJS.ErrnoException).code === "EEXIST") {
        output.err(`Nella cartella ${out} c'è già un file di un'esportazione: scegli una cartella vuota.\n`);
        return 1;
      }
      throw error;
    }
  });
}

await runAsCommand(import.meta.url, runExportFacilita);
