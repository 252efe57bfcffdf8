/**
 * The arguments and the file of an import CLI (`<file.csv> [--dry-run]`): usage errors, a missing
 * or unreadable file and `--help` end here with their exit code; otherwise the file's content, or
 * its size when it is over the limit (each importer says that in its own report).
 */
import { readFile, stat } from "node:fs/promises";
import type { CliOutput } from "./cli-support.js";

export type ImportFile = { file: string; dryRun: boolean } & ({ content: Buffer } | { tooBig: number });

/** The file to import, or the exit code to stop with (0 after --help, 2 for bad usage). */
export async function readImportFile(
  args: readonly string[],
  output: CliOutput,
  usage: string,
  maxBytes: number,
): Promise<ImportFile | number> {
  const files = args.filter((a) => !a.startsWith("--"));
  const options = args.filter((a) => a.startsWith("--"));
  if (options.includes("--help")) {
    output.out(usage);
    return 0;
  }
  const unknown = options.filter((o) => o !== "--dry-run");
  if (unknown.length > 0 || files.length !== 1) {
    const why =
      unknown.length > 0
        ? `Opzione sconosciuta: ${unknown.join(" ")}`
        : files.length === 0
          ? "Manca il file da importare."
          : "Indica un solo file.";
    output.err(`${why}\n\n${usage}`);
    return 2;
  }
  const file = files[0] ?? "";
  const dryRun = options.includes("--dry-run");
  try {
    const info = await stat(file);
    if (!info.isFile()) throw Object.assign(new Error("not a file"), { code: "EISDIR" });
    if (info.size > maxBytes) return { file, dryRun, tooBig: info.size };
    return { file, dryRun, content: await readFile(file) };
  } catch (error) {
    const code = (error as { code?: string }).code;
    output.err(
      code === "ENOENT" ? `File non trovato: ${file}\n` : `Non riesco a leggere ${file} (${code ?? String(error)})\n`,
    );
    return 2;
  }
}
